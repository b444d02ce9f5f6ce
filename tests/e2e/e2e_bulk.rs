//! Bulk accept in the real `pc-inbox` against an emulator with the service's quotas on: three
//! rows marked with Space, one confirmation, exactly three tasks on the service, and no
//! throttling on screen.

use pc_inbox::domain::{TaskFilter, TaskKind};
use pc_inbox::emulator::{Emulator, EmulatorConfig, TEST_ACCESS_KEY, TEST_SECRET_KEY};
use pc_inbox::service::PartnerCentral;

use crate::pty::{received, Tui};

const CREDENTIALS: [(&str, &str); 3] = [
    ("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY),
    ("AWS_SECRET_ACCESS_KEY", TEST_SECRET_KEY),
    ("AWS_EC2_METADATA_DISABLED", "true"),
];

#[test]
fn three_marked_rows_accepted_with_one_confirmation_start_three_tasks() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator: Emulator = runtime
        .block_on(Emulator::start(
            EmulatorConfig {
                quotas: Some(Default::default()),
                ..crate::common::config(0)
            },
            0,
        ))
        .expect("emulator starts");
    let endpoint = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let rows = received();
    let pending: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, i)| i["Status"] == "PENDING" && i.get("AcceptOutcome").is_none())
        .map(|(n, _)| n)
        .take(3)
        .collect();
    let ids: Vec<String> = pending
        .iter()
        .map(|&n| rows[n]["Id"].as_str().unwrap().to_string())
        .collect();

    let mut tui = Tui::start_in_env(
        home.path(),
        &["--endpoint-url", &endpoint, "--region", "us-east-1"],
        &CREDENTIALS,
        160,
        48,
    );
    tui.wait_text("all loaded");
    tui.send("g");
    tui.wait_text(&crate::pty::at_row(1));
    let mut at = 0;
    for &n in &pending {
        for _ in at..n {
            tui.send("j");
        }
        tui.wait_text(&crate::pty::at_row(n + 1));
        tui.send(" ");
        at = n + 1;
        tui.wait_text(&crate::pty::at_row(at + 1));
    }
    tui.wait_text("3 marked");
    tui.send("a");
    tui.wait_text("Accept 3 invitations?");
    tui.send("y");
    tui.wait_for("the three accepted", |s| {
        s.contents().matches("ACCEPTED ").count() >= 3
    });
    tui.send("!");
    tui.wait_text("Started accepting 3 of 3");
    let text = tui.text();
    assert!(
        !text.contains("hrottl") && !text.contains("Rate exceeded"),
        "{text}"
    );

    tui.send("!");
    tui.wait_for("the notices log closed", |s| {
        !s.contents().contains("Started accepting 3 of 3")
    });
    tui.quit();
    let service = runtime.block_on(crate::common::patient_client(&emulator));
    for (n, row) in rows.iter().enumerate() {
        let id = row["Id"].as_str().unwrap();
        let tasks = runtime
            .block_on(service.list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string())))
            .unwrap();
        let wanted = usize::from(ids.iter().any(|i| i == id));
        assert_eq!(tasks.len(), wanted, "row {n}, {id}");
    }
}
