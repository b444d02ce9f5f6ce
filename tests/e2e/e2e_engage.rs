//! Engaging from one of your opportunities in the real `pc-inbox`, against an emulator of the
//! test's with two partner accounts: `E`, pick the opportunity, `y`, the task completes, Enter
//! opens the invitation form on the new engagement (customer and project filled in), invite
//! the partner2 account, and partner2's own client sees the invitation as RECEIVER.

use pc_inbox::emulator::{Emulator, TEST_ACCESS_KEY, TEST_SECRET_KEY};

use crate::pty::Tui;

const CREDENTIALS: [(&str, &str); 3] = [
    ("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY),
    ("AWS_SECRET_ACCESS_KEY", TEST_SECRET_KEY),
    ("AWS_EC2_METADATA_DISABLED", "true"),
];
const TAB: &str = "\t";
const ENTER: &str = "\r";
const CTRL_S: &str = "\x13";

/// A seed opportunity that meets the submission rules.
const OPPORTUNITY: &str = "O2026000102";
/// The second partner account of the embedded seed.
const PARTNER2: &str = "246813579135";

/// The engagement id the progress view names.
fn engagement_on(screen: &str) -> Option<String> {
    let at = screen.find("Engagement eng-")? + "Engagement ".len();
    Some(screen[at..].split_whitespace().next()?.to_string())
}

#[test]
fn engage_from_an_opportunity_and_invite_partner2_who_receives_it() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator: Emulator = runtime
        .block_on(Emulator::start(crate::common::config(0), 0))
        .expect("emulator starts");
    let endpoint = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/pc-inbox");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[poll]\nfirst_seconds = 0.1\n").unwrap();
    let mut tui = Tui::start_in_env(
        home.path(),
        &["--endpoint-url", &endpoint, "--region", "us-east-1"],
        &CREDENTIALS,
        160,
        48,
    );
    tui.wait_text("all loaded");
    tui.send("E");
    tui.wait_text("Engage from an opportunity");
    tui.send(OPPORTUNITY);
    tui.wait_text("Stuttgarter Präzisionswerke GmbH");
    tui.send(ENTER);
    tui.wait_text("Start an engagement?");
    tui.wait_text("Shop-floor IoT on AWS IoT SiteWise");
    tui.send("y");
    tui.wait_text("COMPLETE");
    let engagement = engagement_on(&tui.text()).expect("the new engagement's id");

    tui.send(ENTER);
    tui.wait_text("New invitation");
    tui.wait_text("Stuttgarter Präzisionswerke GmbH");
    tui.send(TAB);
    for text in [
        PARTNER2,
        "tidewater",
        "Join us on the shop-floor IoT pursuit.",
    ] {
        tui.send(text);
        tui.send(TAB);
    }
    tui.send(CTRL_S);
    // What the opportunity could not fill in: the receiver's role and a sender contact.
    tui.wait_text("2 field(s) need attention.");
    tui.wait_text("› Your receiver's role");
    tui.send(ENTER);
    tui.wait_text("type to filter");
    tui.send(" ");
    tui.send(ENTER);
    tui.wait_for("the picker closed", |s| {
        !s.contents().contains("type to filter")
    });
    tui.send(TAB);
    tui.send("anna@northwind.example");
    tui.wait_for("the email accepted", |s| {
        !s.contents().contains("Not an email address")
    });
    tui.send(CTRL_S);
    tui.wait_text(" Sent ");
    tui.wait_text("tidewater (246813579135)");
    tui.wait_text("── Engagement members");
    tui.quit();

    // partner2's own client: the same invitation, received and pending.
    let partner2 = crate::common::sdk_as(&emulator, "partner2", "partner2");
    let received = runtime
        .block_on(
            partner2
                .list_engagement_invitations()
                .catalog("AWS")
                .participant_type(aws_sdk_partnercentralselling::types::ParticipantType::Receiver)
                .send(),
        )
        .unwrap();
    let invitation = received
        .engagement_invitation_summaries()
        .iter()
        .find(|i| i.engagement_id() == Some(engagement.as_str()))
        .unwrap_or_else(|| panic!("partner2 receives an invitation into {engagement}"));
    assert_eq!(
        invitation.status(),
        Some(&aws_sdk_partnercentralselling::types::InvitationStatus::Pending)
    );
    assert_eq!(
        invitation.participant_type(),
        Some(&aws_sdk_partnercentralselling::types::ParticipantType::Receiver)
    );
}
