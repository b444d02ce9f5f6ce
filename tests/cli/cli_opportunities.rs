//! `opportunities`, `opportunity show`, `members` and `engage`, run as the real binary against
//! an emulator in this test process, with a private HOME.

use crate::common;
use pc_inbox::domain::{TaskFilter, TaskKind};

use common::{against, emulator_and_home};
use pc_inbox::service::PartnerCentral;
use serde_json::Value;

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opportunities_list_the_pipeline_and_show_reads_one() {
    let (_emulator, url, home) = emulator_and_home().await;
    let listed = against(&url, home.path(), &["opportunities", "--output", "json"]).await;
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let listed = json(&listed.stdout);
    let rows = listed.as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row["Id"].as_str().unwrap().starts_with('O'), "{row}");
        assert!(row["LifeCycle"]["Stage"].is_string(), "{row}");
        assert!(
            row.get("Project").is_none(),
            "a summary has no title: {row}"
        );
    }
    let modified: Vec<&str> = rows
        .iter()
        .map(|r| r["LastModifiedDate"].as_str().unwrap())
        .collect();
    assert!(
        modified.windows(2).all(|w| w[0] >= w[1]),
        "most recently changed first: {modified:?}"
    );
    let id = rows[0]["Id"].as_str().unwrap();
    let shown = against(
        &url,
        home.path(),
        &["opportunity", "show", id, "--output", "json"],
    )
    .await;
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let shown = json(&shown.stdout);
    assert_eq!(shown["Id"], id);
    assert!(shown["Project"]["Title"].is_string(), "{shown}");
    assert_eq!(shown["LifeCycle"]["Stage"], rows[0]["LifeCycle"]["Stage"]);
    let text = against(&url, home.path(), &["opportunity", "show", id]).await;
    assert!(
        text.stdout.contains(&format!("Opportunity   {id}")),
        "{}",
        text.stdout
    );
    let table = against(&url, home.path(), &["opportunities"]).await;
    assert!(table.stdout.starts_with("ID "), "{}", table.stdout);
    assert!(table.stdout.contains(id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_opportunity_is_a_service_error_that_names_it() {
    let (_emulator, url, home) = emulator_and_home().await;
    let r = against(&url, home.path(), &["opportunity", "show", "O1"]).await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("'O1'"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

/// Against an emulator whose tasks take 300 ms, polled every 50 ms.
async fn fast_polls() -> (pc_inbox::emulator::Emulator, String, tempfile::TempDir) {
    let (emulator, url, home) = emulator_and_home().await;
    let config = home.path().join("config/pc-inbox");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[poll]\nfirst_seconds = 0.05\n").unwrap();
    (emulator, url, home)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engage_waits_for_the_engagement_lists_its_members_and_journals_each_step_once() {
    let (emulator, url, home) = fast_polls().await;
    let engaged = against(
        &url,
        home.path(),
        &["engage", "O2026000102", "--wait", "--output", "json"],
    )
    .await;
    assert_eq!(engaged.code, 0, "{}", engaged.stderr);
    let task = json(&engaged.stdout);
    assert_eq!(task["TaskStatus"], "COMPLETE");
    assert_eq!(task["OpportunityId"], "O2026000102");
    let engagement = task["EngagementId"].as_str().unwrap();
    assert!(engagement.starts_with("eng-"), "{task}");

    let members = against(
        &url,
        home.path(),
        &["members", engagement, "--output", "json"],
    )
    .await;
    assert_eq!(members.code, 0, "{}", members.stderr);
    let members = json(&members.stdout);
    assert_eq!(members.as_array().unwrap().len(), 1, "{members}");
    assert_eq!(members[0]["AccountId"], "111122223333");

    let shown = against(
        &url,
        home.path(),
        &["opportunity", "show", "O2026000102", "--output", "json"],
    )
    .await;
    assert_eq!(
        json(&shown.stdout)["LifeCycle"]["ReviewStatus"],
        "Submitted"
    );

    // A rerun of work already done starts nothing and says so.
    let again = against(&url, home.path(), &["engage", "O2026000102", "--wait"]).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stdout
            .contains(&format!("already engaged — engagement {engagement}")),
        "{}",
        again.stdout
    );
    let tasks = common::client(&emulator)
        .await
        .list_tasks(TaskKind::Engage, &TaskFilter::Of("O2026000102".to_string()))
        .await
        .unwrap();
    assert_eq!(tasks.len(), 1, "one task: {tasks:?}");

    let journal = against(&url, home.path(), &["journal", "--output", "json"]).await;
    let entries = json(&journal.stdout);
    let actions: Vec<(&str, &str)> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["OpportunityId"], "O2026000102", "{e}");
            (
                e["Action"].as_str().unwrap(),
                e["Outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("EngageStarted", "Succeeded"),
            ("EngageCompleted", "Succeeded"),
        ],
        "one row per change, none for the rerun"
    );
    assert_eq!(entries[1]["ClientToken"], entries[0]["ClientToken"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_engage_the_service_refuses_exits_3_and_members_of_an_unknown_engagement_exit_1() {
    let (_emulator, url, home) = fast_polls().await;
    let failed = against(&url, home.path(), &["engage", "O2026000103", "--wait"]).await;
    assert_eq!(failed.code, 3, "{}", failed.stderr);
    assert!(
        failed.stdout.contains("OpportunityValidationFailed"),
        "{}",
        failed.stdout
    );
    assert!(
        failed.stderr.contains("engaging from O2026000103 failed"),
        "{}",
        failed.stderr
    );
    let unknown = against(&url, home.path(), &["members", "eng-00000000000000"]).await;
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert!(unknown.stdout.is_empty());
}
