//! Accepting and rejecting in the real `pc-inbox --demo`, in a pseudo-terminal.

mod pty;

use pty::Tui;
use serde_json::Value;

fn seed() -> Value {
    serde_json::from_str(include_str!("../assets/seed.json")).unwrap()
}

/// Received invitations newest first.
fn received() -> Vec<Value> {
    let seed = seed();
    let mut rows: Vec<Value> = seed["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["ParticipantType"] == "RECEIVER")
        .cloned()
        .collect();
    rows.sort_by_key(|i| i["InvitedHoursAgo"].as_i64().unwrap());
    rows
}

/// Moves the selection to the row with `id` and waits until the detail shows it.
fn select(tui: &mut Tui, id: &str) {
    let position = received().iter().position(|i| i["Id"] == id).unwrap();
    tui.wait_text("1/40");
    for _ in 0..position {
        tui.send("j");
    }
    tui.wait_text(&format!("{}/40", position + 1));
    tui.wait_text(id);
}

#[test]
fn accept_polls_to_complete_and_shows_the_opportunity() {
    let rows = received();
    let target = rows
        .iter()
        .find(|i| i["Status"] == "PENDING" && i.get("AcceptOutcome").is_none())
        .unwrap();
    let id = target["Id"].as_str().unwrap();
    let mut tui = Tui::start(&["--demo"], 160, 48);
    select(&mut tui, id);
    tui.send("a");
    tui.wait_text("Accept invitation?");
    tui.send("y");
    tui.wait_text("IN_PROGRESS");
    tui.wait_text("COMPLETE");
    tui.wait_for("the opportunity id", |s| {
        let text = s.contents();
        text.contains("Opportunity       O") && text.contains("ACCEPTED")
    });
    tui.send("q");
    assert!(tui.wait_exit());
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
    tui.send("a");
    tui.wait_text("Accept invitation?");
    tui.send("y");
    tui.wait_text(reason);
    tui.wait_text("FAILED");
    tui.send("\x1b");
    tui.wait_for("the error dismissed", |s| {
        !s.contents().contains("any key dismisses")
    });
    tui.wait_text(&format!("Reason code       {reason}"));
    tui.send("q");
    assert!(tui.wait_exit());
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
    tui.wait_text("Text  Next steps unclear");
    tui.send("\r");
    tui.send("\r");
    tui.wait_for("the dialog closed", |s| {
        !s.contents().contains("Rejecting is irreversible.")
    });
    tui.wait_text("Rejection reason  Next steps unclear");
    tui.wait_text(&format!(
        "REJECTED · {} · {id}",
        if target["PayloadType"] == "LeadInvitation" {
            "Lead"
        } else {
            "Opportunity"
        }
    ));
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
    tui.send("q");
    assert!(tui.wait_exit());
}
