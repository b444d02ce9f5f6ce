//! `opportunities`, `opportunity show`, `members` and `engage`, run as the real binary against
//! an emulator in this test process, with a private HOME.

mod common;

use common::{against, emulator_and_home};
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
