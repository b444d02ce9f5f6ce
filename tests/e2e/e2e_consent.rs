//! Consent in the real binary, checked on the service: keys on a terminal too small to draw
//! the inbox change nothing; `z` during a reject's hold leaves the invitation PENDING; a bulk
//! reject cut short by Ctrl-c sends nothing more at the next start until `y`.

use pc_inbox::domain::{InvitationStatus, TaskFilter, TaskKind};
use pc_inbox::emulator::{Emulator, EmulatorConfig, TEST_ACCESS_KEY, TEST_SECRET_KEY};
use pc_inbox::service::{PartnerCentral, ServiceError};

use crate::pty::{received, select, Tui};

const CREDENTIALS: [(&str, &str); 3] = [
    ("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY),
    ("AWS_SECRET_ACCESS_KEY", TEST_SECRET_KEY),
    ("AWS_EC2_METADATA_DISABLED", "true"),
];

/// An emulator with the service's quotas (one write a second).
fn emulator(runtime: &tokio::runtime::Runtime) -> Emulator {
    runtime
        .block_on(Emulator::start(
            EmulatorConfig {
                quotas: Some(Default::default()),
                ..crate::common::config(0)
            },
            0,
        ))
        .expect("emulator starts")
}

fn inbox(home: &std::path::Path, endpoint: &str, cols: u16, rows: u16) -> Tui {
    Tui::start_in_env(
        home,
        &["--endpoint-url", endpoint, "--region", "us-east-1"],
        &CREDENTIALS,
        cols,
        rows,
    )
}

/// The statuses of `ids` on the service, read as another client of the account: it shares the
/// read quota with the inbox running beside it, so a throttled read waits and goes again.
fn statuses(
    runtime: &tokio::runtime::Runtime,
    emulator: &Emulator,
    ids: &[String],
) -> Vec<Option<InvitationStatus>> {
    runtime.block_on(async {
        let client = crate::common::client(emulator).await;
        let mut out = Vec::new();
        for id in ids {
            let mut tries = 0;
            let detail = loop {
                match client.get_invitation(id).await {
                    Err(ServiceError::Throttled { .. }) if tries < 50 => {
                        tries += 1;
                        tokio::time::sleep(std::time::Duration::from_millis(200)).await
                    }
                    other => break other.unwrap(),
                }
            };
            out.push(detail.summary.status);
        }
        out
    })
}

/// The ids of the first `n` pending invitations whose accept would succeed.
fn acceptable(n: usize) -> Vec<String> {
    received()
        .iter()
        .filter(|i| i.get("AcceptOutcome").is_none())
        .take(n)
        .map(|i| i["Id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn keys_at_40x10_change_nothing_on_the_service() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = emulator(&runtime);
    let home = tempfile::tempdir().unwrap();
    let first = acceptable(1);
    let mut tui = inbox(home.path(), &emulator.endpoint_url(), 40, 10);
    tui.wait_text("Terminal too small");
    // Accept, reject with a reason, mark all and bulk-accept, open the form and send it.
    tui.send("ay");
    tui.send("x\t\r\r");
    tui.send("*ay");
    tui.send("n\x13");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0, "q still quits");
    let pending = received().len();
    runtime.block_on(async {
        let client = crate::common::client(&emulator).await;
        let tasks = client
            .list_tasks(TaskKind::Accept, &TaskFilter::Of(first[0].to_string()))
            .await
            .unwrap();
        assert!(tasks.is_empty(), "no accept was started: {tasks:?}");
        let mut query = pc_inbox::domain::ListQuery::new(pc_inbox::domain::Participant::Received);
        query.page_size = Some(100);
        let rows = client.list_invitations(&query, None).await.unwrap().items;
        let still = rows
            .iter()
            .filter(|r| r.status == Some(InvitationStatus::Pending))
            .count();
        assert_eq!(still, pending, "every pending invitation is still pending");
    });
}

#[test]
fn z_during_the_hold_leaves_the_invitation_pending() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = emulator(&runtime);
    let home = tempfile::tempdir().unwrap();
    let id = acceptable(1);
    let mut tui = inbox(home.path(), &emulator.endpoint_url(), 160, 48);
    tui.wait_text("all loaded");
    select(&mut tui, &id[0]);
    tui.send("x\t\r");
    tui.wait_text("✓");
    tui.send("\r");
    tui.wait_text("z undo");
    tui.send("z");
    tui.wait_text("Nothing was sent");
    // Nothing is held or queued any more: q quits without asking.
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(
        statuses(&runtime, &emulator, &id),
        [Some(InvitationStatus::Pending)]
    );
}

#[test]
fn a_bulk_reject_cut_by_ctrl_c_sends_nothing_more_at_the_next_start_until_y() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = emulator(&runtime);
    let endpoint = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let ids = acceptable(4);
    let mut tui = inbox(home.path(), &endpoint, 160, 48);
    tui.wait_text("all loaded");
    for id in &ids {
        select(&mut tui, id);
        tui.send(" ");
    }
    tui.wait_text("4 marked");
    tui.send("x");
    tui.wait_text("Reject 4 invitations?");
    tui.send("y");
    tui.wait_text("Every one of them gets this reason.");
    tui.send("\t\r");
    tui.wait_text("✓");
    tui.send("\r");
    tui.wait_text("Rejecting 4 invitations in");
    tui.wait_text("Rejecting 2/4");
    tui.send("\x03");
    assert_eq!(tui.wait_exit(), 0);
    let after_quit = statuses(&runtime, &emulator, &ids);
    let rejected = |s: &[Option<InvitationStatus>]| {
        s.iter()
            .filter(|s| **s == Some(InvitationStatus::Rejected))
            .count()
    };
    let sent = rejected(&after_quit);
    assert!((1..=2).contains(&sent), "{after_quit:?}");

    let mut tui = inbox(home.path(), &endpoint, 160, 48);
    tui.wait_text("from the last run were not sent");
    tui.wait_text("all loaded");
    assert_eq!(
        statuses(&runtime, &emulator, &ids),
        after_quit,
        "nothing more went out before the yes"
    );
    tui.send("y");
    tui.wait_for("the yes taken or held back", |s| {
        !s.contents().contains("were not sent") || s.contents().contains("press y again")
    });
    if tui.text().contains("press y again") {
        tui.send("y");
    }
    tui.wait_for("every reject sent", |s| s.contents().contains("Rejected "));
    assert!(!tui.text().contains("failed"), "{}", tui.text());
    tui.quit();
    assert_eq!(
        statuses(&runtime, &emulator, &ids),
        vec![Some(InvitationStatus::Rejected); 4]
    );
}
