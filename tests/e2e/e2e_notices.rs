//! Background work never takes a key, in the real binary against an emulator of the test's: an
//! accept fails while the reject dialog has focus on [Reject]; the next key rejects nothing on
//! the service, and the failure can still be read in the notices log.

use std::time::Duration;

use crate::pty::{received, select, Tui};
use pc_inbox::domain::InvitationStatus;
use pc_inbox::emulator::{TEST_ACCESS_KEY, TEST_SECRET_KEY};
use pc_inbox::service::PartnerCentral;

#[test]
fn a_failure_arriving_over_the_reject_dialog_rejects_nothing_and_stays_readable() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime.block_on(crate::common::start(pc_inbox::emulator::EmulatorConfig {
        accept_delay: Duration::from_secs(3),
        ..crate::common::config(0)
    }));
    let failing = crate::common::failing_invitation();
    let failing_id = failing["Id"].as_str().unwrap();
    let reason = failing["AcceptOutcome"]["ReasonCode"].as_str().unwrap();
    let other = received()
        .into_iter()
        .find(|i| i["Status"] == "PENDING" && i["Id"] != failing_id)
        .unwrap();
    let other_id = other["Id"].as_str().unwrap().to_string();

    let endpoint = emulator.endpoint_url();
    let mut tui = Tui::start_env(
        &["--endpoint-url", &endpoint, "--region", "us-east-1"],
        &[
            ("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY),
            ("AWS_SECRET_ACCESS_KEY", TEST_SECRET_KEY),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
        160,
        48,
    );
    select(&mut tui, failing_id);
    tui.accept_selected();
    tui.wait_text("IN_PROGRESS");

    select(&mut tui, &other_id);
    tui.send("x");
    tui.wait_text("Rejecting is irreversible.");
    tui.send("\t");
    tui.send("\r");
    tui.wait_text("[ Reject ]");
    tui.wait_text("✗ Accepting “");
    assert!(
        tui.text().contains("Rejecting is irreversible."),
        "the dialog is still open, nothing popped up over it"
    );

    tui.send("\r");
    tui.wait_text("A notice came in just now; press Enter again to reject.");
    let status = runtime
        .block_on(async {
            crate::common::client(&emulator)
                .await
                .get_invitation(&other_id)
                .await
        })
        .unwrap()
        .summary
        .status;
    assert_eq!(
        status,
        Some(InvitationStatus::Pending),
        "nothing was rejected"
    );

    tui.send("\x1b");
    tui.wait_for("the dialog closed", |s| {
        !s.contents().contains("Rejecting is irreversible.")
    });
    tui.send("!");
    tui.wait_text("Notices (");
    tui.wait_text(reason);
    tui.send("\x1b");
    tui.wait_for("the log closed", |s| !s.contents().contains("Notices ("));
    tui.quit();
}
