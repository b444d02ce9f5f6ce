//! `accept` and `reject` on many invitations at once: ids from arguments or stdin, paced to
//! the service's write quota (the emulator's default quotas are on here), one outcome per id,
//! and an exit status that says whether any failed.

use crate::common;

use std::io::Write;
use std::process::Stdio;

use common::Run;
use pc_inbox::emulator::{Emulator, EmulatorConfig};
use serde_json::Value;

/// An emulator with the service's quotas (10 reads/s, 1 write/s) and quick accept tasks.
async fn with_quotas() -> (Emulator, String, tempfile::TempDir) {
    let emulator = common::start(EmulatorConfig {
        quotas: Some(Default::default()),
        ..common::config(0)
    })
    .await;
    let url = emulator.endpoint_url();
    (emulator, url, tempfile::tempdir().unwrap())
}

/// Runs `pc-inbox --endpoint-url URL ARGS` with `input` on stdin.
async fn with_stdin(url: &str, home: &std::path::Path, args: &[&str], input: &str) -> Run {
    let mut all = vec!["--endpoint-url", url];
    all.extend_from_slice(args);
    let mut child = common::command(home, &all, &[])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    tokio::task::spawn_blocking(move || child.wait_with_output().unwrap().into())
        .await
        .unwrap()
}

async fn journal(url: &str, home: &std::path::Path) -> Vec<Value> {
    let r = common::against(url, home, &["journal", "--output", "json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_rejects_under_the_write_quota_all_go_through() {
    let (emulator, url, home) = with_quotas().await;
    let ids: Vec<String> = (0..4).map(common::acceptable).collect();
    let mut args = vec!["reject"];
    args.extend(ids.iter().map(String::as_str));
    args.extend(["--reason", "Unable to support"]);
    let r = common::against(&url, home.path(), &args).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("hrottl"), "{}", r.stderr);
    for id in &ids {
        assert!(r.stdout.contains(&format!("Rejected {id}")), "{}", r.stdout);
        common::assert_rejected(&emulator, id, "Unable to support").await;
    }
    let rejects = journal(&url, home.path()).await;
    assert_eq!(rejects.len(), 4);
    assert!(rejects
        .iter()
        .all(|e| e["Action"] == "Reject" && e["Outcome"] == "Succeeded"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_from_stdin_one_failing_the_rest_done_and_the_exit_status_says_so() {
    let (emulator, url, home) = with_quotas().await;
    let good = [common::acceptable(0), common::acceptable(1)];
    let unknown = "engi-0000000000zzz";
    let input = format!("{}\n\n{unknown}\n{}\n{}\n", good[0], good[1], good[0]);
    let r = with_stdin(
        &url,
        home.path(),
        &["reject", "-", "--reason", "Other", "--output", "json"],
        &input,
    )
    .await;
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains(unknown), "{}", r.stderr);
    assert!(r.stderr.contains("1 of 3 rejects failed"), "{}", r.stderr);
    let outcomes: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        outcomes.len(),
        3,
        "a repeated id is done once: {outcomes:#?}"
    );
    assert_eq!(outcomes[0]["Id"], good[0].as_str());
    assert_eq!(outcomes[0]["Status"], "REJECTED");
    assert_eq!(outcomes[1]["Id"], unknown);
    assert!(outcomes[1]["Error"].as_str().unwrap().contains("not found"));
    for id in &good {
        common::assert_rejected(&emulator, id, "Other").await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_accepts_start_one_task_each_and_wait_for_all_and_a_rerun_says_they_are_done() {
    let (_emulator, url, home) = with_quotas().await;
    let config = home.path().join("config/pc-inbox");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[poll]\nfirst_seconds = 0.05\n").unwrap();
    let ids: Vec<String> = (0..3).map(common::acceptable).collect();
    let input = ids.join("\n");
    let r = with_stdin(
        &url,
        home.path(),
        &["accept", "-", "--wait", "--output", "json"],
        &input,
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let tasks: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(tasks.len(), 3);
    for (task, id) in tasks.iter().zip(&ids) {
        assert_eq!(task["EngagementInvitationId"], id.as_str());
        assert_eq!(task["TaskStatus"], "COMPLETE");
    }
    let entries = journal(&url, home.path()).await;
    let count = |action: &str| entries.iter().filter(|e| e["Action"] == action).count();
    assert_eq!((count("AcceptStarted"), count("AcceptCompleted")), (3, 3));

    // Again: the invitations are accepted already; a rerun says so, starts nothing and adds
    // nothing to the journal.
    let mut args = vec!["accept"];
    args.extend(ids.iter().map(String::as_str));
    let again = common::against(&url, home.path(), &args).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        again
            .stdout
            .matches("already accepted — opportunity O")
            .count(),
        3,
        "{}",
        again.stdout
    );
    let entries = journal(&url, home.path()).await;
    let count = |action: &str| entries.iter().filter(|e| e["Action"] == action).count();
    assert_eq!((count("AcceptStarted"), count("AcceptCompleted")), (3, 3));
}
