//! `pc-inbox triage --rules FILE`: a dry run decides and changes nothing on the service;
//! `--apply` acts once per decision, under the write quota, and journals each action with
//! its rule.

use crate::common;

use pc_inbox::domain::{InvitationStatus, TaskFilter, TaskKind};
use pc_inbox::emulator::EmulatorConfig;
use pc_inbox::service::PartnerCentral;
use serde_json::Value;

const RULES: &str = r#"
[[rule]]
name = "AWS referrals in Germany"
action = "accept"
sender = ["aws"]
payload = ["opportunity"]
country = ["DE"]
min_monthly_spend = { amount = 10000, currency = "EUR" }

[[rule]]
name = "Small partner deals"
action = "reject"
reason = "Unable to support"
sender = ["partner"]
max_monthly_spend = { amount = 10000, currency = "EUR" }
"#;

fn decisions(stdout: &str, action: &str) -> Vec<String> {
    let rows: Vec<Value> = serde_json::from_str(stdout).unwrap();
    rows.iter()
        .filter(|r| r["Action"] == action)
        .map(|r| r["Id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_changes_nothing_and_apply_acts_once_per_decision() {
    let emulator = common::start(EmulatorConfig {
        quotas: Some(Default::default()),
        ..common::config(0)
    })
    .await;
    let url = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let rules = home.path().join("rules.toml");
    std::fs::write(&rules, RULES).unwrap();
    let rules = rules.to_str().unwrap();
    let service = common::patient_client(&emulator).await;

    let dry = common::against(
        &url,
        home.path(),
        &["triage", "--rules", rules, "--output", "json"],
    )
    .await;
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(dry.stderr.contains("dry run"), "{}", dry.stderr);
    let (accepts, rejects) = (
        decisions(&dry.stdout, "Accept"),
        decisions(&dry.stdout, "Reject"),
    );
    assert!(!accepts.is_empty() && !rejects.is_empty(), "{}", dry.stdout);
    for id in accepts.iter().chain(&rejects) {
        let detail = service.get_invitation(id).await.unwrap();
        assert_eq!(
            detail.summary.status,
            Some(InvitationStatus::Pending),
            "{id}"
        );
        assert!(
            service
                .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
                .await
                .unwrap()
                .is_empty(),
            "{id}"
        );
    }
    let journal = common::against(&url, home.path(), &["journal", "--output", "json"]).await;
    assert_eq!(journal.stdout.trim(), "[]", "a dry run journals nothing");

    let applied =
        common::against(&url, home.path(), &["triage", "--rules", rules, "--apply"]).await;
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    assert!(applied.stdout.contains("OUTCOME"), "{}", applied.stdout);
    // Again, while the accept tasks may still run: nothing is started twice.
    let again = common::against(&url, home.path(), &["triage", "--rules", rules, "--apply"]).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    for id in &accepts {
        assert_eq!(
            service
                .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
                .await
                .unwrap()
                .len(),
            1,
            "{id}"
        );
    }
    for id in &rejects {
        let detail = service.get_invitation(id).await.unwrap();
        assert_eq!(
            detail.summary.status,
            Some(InvitationStatus::Rejected),
            "{id}"
        );
        assert_eq!(
            detail.rejection_reason.as_deref(),
            Some("Unable to support")
        );
    }
    let journal = common::against(&url, home.path(), &["journal", "--output", "json"]).await;
    let entries: Vec<Value> = serde_json::from_str(&journal.stdout).unwrap();
    for id in &accepts {
        assert!(
            entries.iter().any(|e| e["InvitationId"] == id.as_str()
                && e["Action"] == "AcceptStarted"
                && e["Outcome"] == "Succeeded"
                && e["Detail"]
                    .as_str()
                    .unwrap()
                    .contains("AWS referrals in Germany")),
            "{id}: {entries:#?}"
        );
    }
    for id in &rejects {
        let rejected: Vec<&Value> = entries
            .iter()
            .filter(|e| e["InvitationId"] == id.as_str() && e["Action"] == "Reject")
            .collect();
        assert_eq!(rejected.len(), 1, "{id}: {entries:#?}");
        assert!(rejected[0]["Detail"]
            .as_str()
            .unwrap()
            .contains("Small partner deals"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_rules_file_is_refused_before_anything_is_read() {
    let (_emulator, url, home) = common::emulator_and_home().await;
    let rules = home.path().join("rules.toml");
    std::fs::write(&rules, "[[rule]]\nname = \"x\"\naction = \"reject\"\n").unwrap();
    let r = common::against(
        &url,
        home.path(),
        &["triage", "--rules", rules.to_str().unwrap()],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("needs a `reason`"), "{}", r.stderr);
    assert!(r.stderr.contains("rules.toml"), "{}", r.stderr);
}
