//! `pc-inbox status`: the requests every command made today, counted in the store per origin
//! against the daily quotas, the last successful look, and the store's state, even when the
//! store cannot be used.

use crate::common;

use common::{against, emulator_and_home};
use serde_json::Value;

async fn status(url: &str, home: &std::path::Path) -> (Value, common::Run) {
    let run = against(url, home, &["status", "--output", "json"]).await;
    let value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    (value, run)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_counts_each_command_s_requests_against_the_daily_quotas() {
    let (_emulator, url, home) = emulator_and_home().await;
    let (before, run) = status(&url, home.path()).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(before["Reads"]["Used"], 0);
    assert_eq!(before["Reads"]["Quota"], 100_000);
    assert_eq!(before["Writes"]["Quota"], 10_000);
    assert_eq!(before["LastLook"], Value::Null);
    assert_eq!(before["Store"]["State"], "ok");
    assert_eq!(before["Origin"]["Endpoint"], url.as_str());

    let id = common::acceptable(0);
    let shown = against(&url, home.path(), &["show", &id, "--output", "json"]).await;
    assert_eq!(shown.code, 0, "{shown:?}");
    let rejected = against(
        &url,
        home.path(),
        &[
            "reject",
            &common::acceptable(1),
            "--reason",
            "Unable to support",
        ],
    )
    .await;
    assert_eq!(rejected.code, 0, "{rejected:?}");
    let (after, _) = status(&url, home.path()).await;
    assert!(after["Reads"]["Used"].as_u64().unwrap() >= 1, "{after:#}");
    assert_eq!(after["Writes"]["Used"], 1, "one reject: {after:#}");
    let day = chrono::Utc::now().date_naive().to_string();
    assert_eq!(after["Day"], day.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_cannot_be_used_is_reported_and_fails() {
    let (_emulator, url, home) = emulator_and_home().await;
    std::fs::create_dir_all(home.path().join("data")).unwrap();
    std::fs::write(home.path().join("data/pc-inbox"), "not a directory").unwrap();
    let (value, run) = status(&url, home.path()).await;
    assert_eq!(run.code, 1, "{run:?}");
    let state = value["Store"]["State"].as_str().unwrap();
    assert!(state.contains("pc-inbox"), "{state}");
    assert!(
        run.stderr.contains("the local store cannot be used"),
        "{run:?}"
    );
}

/// Every file under `dir`, recursively.
fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn a_password_in_the_endpoint_url_is_never_shown_logged_or_kept() {
    let home = tempfile::tempdir().unwrap();
    let url = "http://me:s3cret@127.0.0.1:9";
    let listed = common::run(
        home.path(),
        &["--endpoint-url", url, "--log-level", "debug", "list"],
    );
    assert_eq!(listed.code, 1, "nothing listens there: {listed:?}");
    assert!(listed.stderr.contains("http://127.0.0.1:9"), "{listed:?}");
    let status = common::run(
        home.path(),
        &["--endpoint-url", url, "status", "--output", "json"],
    );
    let value: Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(value["Origin"]["Endpoint"], "http://127.0.0.1:9");
    for run in [&listed, &status] {
        assert!(!run.stdout.contains("s3cret") && !run.stderr.contains("s3cret"));
    }
    let written = files(home.path());
    assert!(!written.is_empty(), "the store and the log were written");
    for file in written {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("s3cret"),
            "{} keeps the password",
            file.display()
        );
    }
}

#[test]
fn under_a_strict_umask_the_missing_parents_are_0755_and_the_data_folder_0700() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("deep/share");
    let mut command = common::command(home.path(), &["--demo", "status"], &[]);
    command.env("XDG_DATA_HOME", &data);
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let envs: Vec<_> = command
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
        .collect();
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 077; exec \"$0\" \"$@\"")
        .arg(program)
        .args(args)
        .env_clear()
        .envs(envs)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&home.path().join("deep")), 0o755);
    assert_eq!(mode(&data), 0o755);
    assert_eq!(mode(&data.join("pc-inbox")), 0o700);
}
