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
