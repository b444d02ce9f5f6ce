//! Accepting and rejecting in the real `pc-inbox --demo`, in a pseudo-terminal.

use crate::pty::{received, select, Tui};

/// The newest pending invitation whose accept the seed lets succeed.
fn accepts_cleanly() -> String {
    received()
        .iter()
        .find(|i| i["Status"] == "PENDING" && i.get("AcceptOutcome").is_none())
        .and_then(|i| i["Id"].as_str())
        .unwrap()
        .to_string()
}

#[test]
fn accept_polls_to_complete_and_shows_the_opportunity() {
    let id = &accepts_cleanly();
    let mut tui = Tui::start(&["--demo"], 160, 48);
    select(&mut tui, id);
    tui.accept_selected();
    // The selection moved on to the next invitation to act on: back to this one.
    select(&mut tui, id);
    tui.wait_text("IN_PROGRESS");
    tui.wait_text("COMPLETE");
    tui.wait_for("the opportunity id", |s| {
        let text = s.contents();
        text.contains("Opportunity       O") && text.contains("ACCEPTED")
    });
    // GetOpportunity on the opportunity the accept created.
    tui.wait_text("Prospect (Pending Submission)");
    tui.quit();
}

#[test]
fn an_accept_the_seed_makes_fail_shows_its_reason() {
    let rows = received();
    let target = rows
        .iter()
        .find(|i| i.get("AcceptOutcome").is_some())
        .unwrap();
    let id = target["Id"].as_str().unwrap();
    let reason = target["AcceptOutcome"]["ReasonCode"].as_str().unwrap();
    let mut tui = Tui::start(&["--demo"], 160, 48);
    select(&mut tui, id);
    tui.accept_selected();
    // The selection moved on to the next invitation to act on: back to this one.
    select(&mut tui, id);
    tui.wait_text(reason);
    tui.wait_text("FAILED");
    tui.wait_text("✗ Accepting “");
    tui.wait_text(&format!("Reason            {reason}: "));
    tui.quit();
}

#[test]
fn reject_with_a_reason_marks_the_row_rejected() {
    let rows = received();
    let target = rows
        .iter()
        .filter(|i| i["Status"] == "PENDING")
        .nth(2)
        .unwrap();
    let id = target["Id"].as_str().unwrap();
    let mut tui = Tui::start(&["--demo"], 160, 48);
    select(&mut tui, id);
    tui.send("x");
    tui.wait_text("Rejecting is irreversible.");
    tui.send("\t");
    tui.send("j");
    tui.wait_text("Sends Next steps unclear");
    tui.send("\r");
    tui.send("\r");
    tui.wait_for("the dialog closed", |s| {
        !s.contents().contains("Rejecting is irreversible.")
    });
    select(&mut tui, id);
    tui.wait_text("Rejection reason  Next steps unclear");
    let kind = match target["PayloadType"].as_str().unwrap() {
        "LeadInvitation" => "Lead".to_string(),
        "AccountPlanningInvitation" => "Account planning".to_string(),
        _ => format!(
            "Opportunity ({})",
            target["Payload"]["OpportunityInvitation"]["OpportunityType"]
                .as_str()
                .unwrap()
        ),
    };
    tui.wait_text(&format!("REJECTED · {kind} · {id}"));
    tui.wait_for("the row marked REJECTED", |s| {
        let title: String = target["EngagementTitle"]
            .as_str()
            .unwrap()
            .chars()
            .take(12)
            .collect();
        s.contents()
            .lines()
            .any(|l| l.contains("REJECTED") && l.contains(&title))
    });
    tui.wait_text("Rejected “");
    tui.quit();
}

#[test]
fn quitting_with_an_accept_running_says_so_and_the_next_demo_starts_clean() {
    let id = &accepts_cleanly();
    let home = tempfile::tempdir().unwrap();
    let mut first = Tui::start_in(home.path(), &["--demo"], 160, 48);
    select(&mut first, id);
    first.accept_selected();
    first.wait_text("IN_PROGRESS");
    first.quit();
    first.wait_text("1 accept still running; the next start against the same endpoint");

    let demo = pc_inbox::store::Origin {
        endpoint: "demo".into(),
        catalog: "AWS".into(),
        identity: "test".into(),
    };
    let data = pc_inbox::store::DataDir::at(home.path().join("data/pc-inbox")).for_origin(demo);
    let saved = || data.open().unwrap().store.accepts().unwrap().invitations;
    assert!(saved().contains_key(id.as_str()));
    let mut second = Tui::start_in(home.path(), &["--demo"], 160, 48);
    second.wait_text(&crate::pty::at_row(1));
    assert!(
        saved().is_empty(),
        "a new demo emulator knows no task of the last one"
    );
    second.quit();
}
