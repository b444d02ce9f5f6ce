//! The local store as the scriptable subcommands use it, run as the real binary with a private
//! HOME against an emulator in this test process: what they journal, what they keep of
//! accepts, several processes writing one store at once, a damaged file and the files of
//! older versions.

use crate::common;
use pc_inbox::domain::{TaskFilter, TaskKind, TaskStart};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use chrono::{Duration, Utc};
use common::{against, emulator_and_home, Run};
use pc_inbox::service::PartnerCentral;
use pc_inbox::store::{DataDir, Origin, DATABASE};
use serde_json::Value;

/// The data directory the binary uses under `home` (`$XDG_DATA_HOME/pc-inbox`).
fn data_path(home: &Path) -> PathBuf {
    home.join("data/pc-inbox")
}

/// The store as the binary sees it against `url`: the emulator's URL, the default catalog and,
/// with keys in env vars and no profile, the identity `default`.
fn data_dir(home: &Path, url: &str) -> DataDir {
    DataDir::at(data_path(home)).for_origin(Origin {
        endpoint: url.to_string(),
        catalog: "AWS".into(),
        identity: "default".into(),
    })
}

/// The journal as `pc-inbox journal --output json` prints it.
async fn journal(url: &str, home: &Path) -> Vec<Value> {
    let r = against(url, home, &["journal", "--output", "json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// The journal's entries of one action.
fn of<'a>(entries: &'a [Value], action: &str) -> Vec<&'a Value> {
    entries.iter().filter(|e| e["Action"] == action).collect()
}

/// Runs every command line at once against `url`, each a process of its own on one HOME:
/// all are started before any is waited for.
async fn all_at_once(url: &str, home: &Path, lines: Vec<Vec<String>>) -> Vec<Run> {
    let url = url.to_string();
    let home = home.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let children: Vec<_> = lines
            .iter()
            .map(|line| {
                let mut args = vec!["--endpoint-url", url.as_str()];
                args.extend(line.iter().map(String::as_str));
                common::command(&home, &args, &[])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap().into())
            .collect()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reject_is_journaled_and_the_journal_filters_and_formats() {
    let (emulator, url, home) = emulator_and_home().await;
    let id = common::acceptable(0);
    let rejected = against(
        &url,
        home.path(),
        &["reject", &id, "--reason", "Unable to support"],
    )
    .await;
    assert_eq!(rejected.code, 0, "{}", rejected.stderr);
    common::assert_rejected(&emulator, &id, "Unable to support").await;

    let entries = journal(&url, home.path()).await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = &entries[0];
    assert_eq!(entry["Action"], "Reject");
    assert_eq!(entry["InvitationId"], id.as_str());
    assert_eq!(entry["Outcome"], "Succeeded");
    assert_eq!(entry["Detail"], "Unable to support");
    assert_eq!(
        (&entry["Endpoint"], &entry["Identity"], &entry["Catalog"]),
        (&Value::from(url.as_str()), &"default".into(), &"AWS".into())
    );

    let csv = against(&url, home.path(), &["journal", "--output", "csv"]).await;
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "Time",
            "Action",
            "Outcome",
            "InvitationId",
            "OpportunityId",
            "TaskId",
            "ClientToken",
            "Detail",
            "Identity",
            "Catalog",
            "Endpoint"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{}", csv.stdout);
    assert_eq!(
        (&rows[0][1], &rows[0][3], &rows[0][7]),
        ("Reject", id.as_str(), "Unable to support")
    );

    let tomorrow = (Utc::now() + Duration::days(1))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let later = against(
        &url,
        home.path(),
        &["journal", "--since", &tomorrow, "--output", "json"],
    )
    .await;
    assert_eq!(later.code, 0, "{}", later.stderr);
    assert_eq!(
        serde_json::from_str::<Value>(&later.stdout).unwrap(),
        Value::Array(Vec::new())
    );

    let vague = against(&url, home.path(), &["journal", "--since", "yesterday"]).await;
    assert_eq!(vague.code, 1, "clap's usage error: {}", vague.stderr);
    assert!(vague.stdout.is_empty(), "{}", vague.stdout);
    assert!(
        vague
            .stderr
            .contains("invalid value 'yesterday' for '--since <DATE>'")
            && vague.stderr.contains("use YYYY-MM-DD"),
        "{}",
        vague.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_wait_journals_start_and_end_and_a_failed_start_keeps_no_record() {
    let (_emulator, url, home) = emulator_and_home().await;
    let config = home.path().join("config/pc-inbox");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[poll]\nfirst_seconds = 0.05\n").unwrap();
    let id = common::acceptable(0);
    let done = against(&url, home.path(), &["accept", &id, "--wait"]).await;
    assert_eq!(done.code, 0, "{}", done.stderr);
    let entries = journal(&url, home.path()).await;
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["Action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["AcceptStarted", "AcceptCompleted"]);
    let (started, completed) = (&entries[0], &entries[1]);
    assert!(started["ClientToken"].is_string(), "{started}");
    assert!(started["TaskId"].is_string(), "{started}");
    assert_eq!(started["ClientToken"], completed["ClientToken"]);
    assert_eq!(started["TaskId"], completed["TaskId"]);
    assert!(entries
        .iter()
        .all(|e| e["InvitationId"] == id.as_str() && e["Outcome"] == "Succeeded"));
    let store = data_dir(home.path(), &url).open().unwrap().store;
    assert!(
        store.accepts().unwrap().invitations.is_empty(),
        "an accept that ended needs no record"
    );

    let unknown = "engi-0000000000zzz";
    let failed = against(&url, home.path(), &["accept", unknown]).await;
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert!(failed.stderr.contains("not found"), "{}", failed.stderr);
    let entries = journal(&url, home.path()).await;
    let last = entries.last().unwrap();
    assert_eq!(
        (&last["Action"], &last["Outcome"], &last["InvitationId"]),
        (&"AcceptStarted".into(), &"Failed".into(), &unknown.into())
    );
    assert!(
        !store.accepts().unwrap().invitations.contains_key(unknown),
        "a start the service refused leaves no record"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_writing_one_store_at_once_lose_nothing() {
    let (_emulator, url, home) = emulator_and_home().await;
    let accepted: Vec<String> = (0..6).map(common::acceptable).collect();
    let rejected: Vec<String> = (6..12).map(common::acceptable).collect();
    let lines = accepted
        .iter()
        .map(|id| vec!["accept".to_string(), id.clone()])
        .chain(rejected.iter().map(|id| {
            vec![
                "reject".to_string(),
                id.clone(),
                "--reason".into(),
                "Unable to support".into(),
            ]
        }))
        .collect();
    for r in all_at_once(&url, home.path(), lines).await {
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stderr.is_empty(), "no warnings: {}", r.stderr);
    }

    let entries = journal(&url, home.path()).await;
    assert_eq!(entries.len(), 12, "{entries:#?}");
    let started = of(&entries, "AcceptStarted");
    let invitations = |entries: &[&Value]| -> BTreeSet<String> {
        entries
            .iter()
            .map(|e| e["InvitationId"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(invitations(&started), accepted.into_iter().collect());
    assert_eq!(
        invitations(&of(&entries, "Reject")),
        rejected.into_iter().collect()
    );

    let records = data_dir(home.path(), &url)
        .open()
        .unwrap()
        .store
        .accepts()
        .unwrap()
        .invitations;
    let journaled: BTreeMap<&str, (&str, &str)> = started
        .iter()
        .map(|e| {
            (
                e["InvitationId"].as_str().unwrap(),
                (
                    e["ClientToken"].as_str().unwrap(),
                    e["TaskId"].as_str().unwrap(),
                ),
            )
        })
        .collect();
    let kept: BTreeMap<&str, (&str, &str)> = records
        .iter()
        .map(|(id, a)| {
            (
                id.as_str(),
                (a.client_token.as_str(), a.task_id.as_deref().unwrap()),
            )
        })
        .collect();
    assert_eq!(
        kept, journaled,
        "each record with the token it started with"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_accepting_one_invitation_start_one_task() {
    let (emulator, url, home) = emulator_and_home().await;
    let id = common::acceptable(0);
    let line = vec!["accept".to_string(), id.clone()];
    for r in all_at_once(&url, home.path(), vec![line.clone(), line]).await {
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stderr.is_empty(), "no warnings: {}", r.stderr);
    }
    let tasks = common::client(&emulator)
        .await
        .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
        .await
        .unwrap();
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    let entries = journal(&url, home.path()).await;
    let started = of(&entries, "AcceptStarted");
    let resumed = of(&entries, "AcceptResumed");
    assert_eq!(
        (started.len(), resumed.len()),
        (1, 1),
        "one start; the other process resumed it: {entries:#?}"
    );
    assert_eq!(started[0]["ClientToken"], resumed[0]["ClientToken"]);
    assert!(started
        .iter()
        .chain(&resumed)
        .all(|e| e["TaskId"] == tasks[0].id.as_str() && e["Outcome"] == "Succeeded"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_store_is_moved_aside_and_a_new_one_started() {
    let (_emulator, url, home) = emulator_and_home().await;
    let dir = data_path(home.path());
    std::fs::create_dir_all(&dir).unwrap();
    let garbage = vec![0x5a; 8192];
    std::fs::write(dir.join(DATABASE), &garbage).unwrap();
    let r = against(&url, home.path(), &["journal"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "The journal is empty.\n");
    let aside: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("pc-inbox.db.damaged-")
        })
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert!(
        r.stderr.starts_with("pc-inbox: warning: ")
            && r.stderr.contains(&dir.join(DATABASE).display().to_string())
            && r.stderr
                .contains(&format!("moved to {}", aside[0].display())),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(&aside[0]).unwrap(), garbage, "kept as it was");
    let opened = data_dir(home.path(), &url).open().unwrap();
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert!(opened.store.journal(None).unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accept_recorded_by_an_older_version_resumes_with_its_token() {
    let (emulator, url, home) = emulator_and_home().await;
    let id = common::acceptable(0);
    let token = "pc-inbox-legacy-token-1";
    let task = common::client(&emulator)
        .await
        .start_task(
            &TaskStart::Accept {
                invitation_id: id.to_string(),
            },
            token,
        )
        .await
        .unwrap();
    let dir = data_path(home.path());
    std::fs::create_dir_all(&dir).unwrap();
    let origin = data_dir(home.path(), &url).origin().key();
    let accepts = serde_json::json!({
        origin: {"invitations": {id.as_str(): {"client_token": token, "task_id": null,
            "title": null, "started": "2026-11-01T10:00:00Z"}}},
    });
    std::fs::write(dir.join("accepts.json"), accepts.to_string()).unwrap();

    let r = against(&url, home.path(), &["accept", &id]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with(&task.id), "{}", r.stdout);
    let entries = journal(&url, home.path()).await;
    assert_eq!(entries.len(), 1, "{entries:#?}");
    assert_eq!(entries[0]["ClientToken"], token);
    assert_eq!(entries[0]["TaskId"], task.id.as_str());
    assert!(dir.join("accepts.json.imported").exists());
    assert!(!dir.join("accepts.json").exists());
    assert_eq!(
        common::client(&emulator)
            .await
            .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
            .await
            .unwrap()
            .len(),
        1,
        "no second task"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_accept_waits_killed_mid_poll_and_rerun_lose_nothing_and_start_one_task() {
    let emulator = common::start(pc_inbox::emulator::EmulatorConfig {
        accept_delay: std::time::Duration::from_secs(3),
        ..common::config(0)
    })
    .await;
    let url = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let id = common::acceptable(0);
    let args = [
        "--endpoint-url",
        url.as_str(),
        "accept",
        id.as_str(),
        "--wait",
    ];
    let mut children: Vec<_> = (0..2)
        .map(|_| {
            common::command(home.path(), &args, &[])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let data = data_dir(home.path(), &url);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let store = data.open().unwrap().store;
        let started = store
            .journal(None)
            .unwrap()
            .into_iter()
            .filter(|e| {
                use pc_inbox::domain::journal::Action;
                matches!(e.action, Action::AcceptStarted | Action::AcceptResumed)
            })
            .count();
        if started == 2 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "both polling in time");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    for child in &mut children {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let kept = data.open().unwrap().store.accepts().unwrap().invitations;
    assert!(
        kept[&id].task_id.is_some(),
        "the record and its task survive -9"
    );

    let line = vec!["accept".to_string(), id.clone(), "--wait".to_string()];
    for r in all_at_once(&url, home.path(), vec![line.clone(), line]).await {
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let tasks = common::client(&emulator)
        .await
        .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
        .await
        .unwrap();
    assert_eq!(tasks.len(), 1, "no second task: {tasks:?}");
    let entries = journal(&url, home.path()).await;
    let started = of(&entries, "AcceptStarted");
    let resumed = of(&entries, "AcceptResumed");
    assert_eq!(started.len(), 1, "one start: {entries:#?}");
    assert_eq!(resumed.len(), 3, "every other run resumed it: {entries:#?}");
    assert!(started
        .iter()
        .chain(&resumed)
        .all(|e| e["ClientToken"] == started[0]["ClientToken"]
            && e["TaskId"] == tasks[0].id.as_str()));
    assert_eq!(
        of(&entries, "AcceptCompleted").len(),
        1,
        "two processes saw it end; one journaled it"
    );
    assert!(
        data.open()
            .unwrap()
            .store
            .accepts()
            .unwrap()
            .invitations
            .is_empty(),
        "done: nothing left to resume"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_keeps_what_it_listed_for_the_inbox_s_next_start() {
    let (_emulator, url, home) = emulator_and_home().await;
    let run = against(&url, home.path(), &["list", "--all", "--output", "json"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let store = data_dir(home.path(), &url).open().unwrap().store;
    let cached = store
        .view(&pc_inbox::domain::ListQuery::new(
            pc_inbox::domain::Participant::Received,
        ))
        .unwrap();
    let ids = |rows: Vec<String>| rows.into_iter().collect::<BTreeSet<_>>();
    assert_eq!(
        ids(cached.rows.iter().map(|r| r.summary.id.clone()).collect()),
        ids(listed
            .iter()
            .map(|v| v["Id"].as_str().unwrap().to_string())
            .collect()),
    );
}
