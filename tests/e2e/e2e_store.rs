//! The local store between two runs of the real binary against one endpoint: what the first
//! run saw is on screen at once in the second, offline too; what arrived in between is new.

use std::time::{Duration, Instant};

use pc_inbox::emulator::{Emulator, EmulatorConfig, TEST_ACCESS_KEY, TEST_SECRET_KEY};

use crate::pty::{received, Tui};

const CREDENTIALS: [(&str, &str); 3] = [
    ("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY),
    ("AWS_SECRET_ACCESS_KEY", TEST_SECRET_KEY),
    ("AWS_EC2_METADATA_DISABLED", "true"),
];

/// Runs the inbox in `home` against `endpoint`.
fn inbox(home: &std::path::Path, endpoint: &str) -> Tui {
    Tui::start_in_env(
        home,
        &["--endpoint-url", endpoint, "--region", "us-east-1"],
        &CREDENTIALS,
        160,
        48,
    )
}

/// An emulator with `extra` generated invitations on `port` (0: any free one).
fn emulator(runtime: &tokio::runtime::Runtime, extra: usize, port: u16) -> Emulator {
    let config = EmulatorConfig {
        generate: extra,
        ..crate::common::config(0)
    };
    runtime
        .block_on(Emulator::start(config, port))
        .expect("emulator starts")
}

fn port_of(endpoint: &str) -> u16 {
    endpoint.rsplit(':').next().unwrap().parse().unwrap()
}

/// A first run lists everything and reads the first row's detail, then quits.
fn first_visit(home: &std::path::Path, endpoint: &str) -> String {
    let mut tui = inbox(home, endpoint);
    tui.wait_text("all loaded");
    let newest = &received()[0];
    let customer = newest["Payload"]["OpportunityInvitation"]["Customer"]["CompanyName"]
        .as_str()
        .or(newest["Payload"]["LeadInvitation"]["Customer"]["CompanyName"].as_str())
        .unwrap()
        .to_string();
    tui.wait_text(&customer);
    tui.quit();
    customer
}

#[test]
fn a_second_run_against_a_dead_endpoint_shows_the_cached_rows_offline() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let home = tempfile::tempdir().unwrap();
    let live = emulator(&runtime, 0, 0);
    let endpoint = live.endpoint_url();
    let customer = first_visit(home.path(), &endpoint);
    runtime.block_on(live.stop());

    let started = Instant::now();
    let mut tui = inbox(home.path(), &endpoint);
    tui.wait_for("the cached rows and the customer", |s| {
        let text = s.contents();
        text.contains(&customer) && (text.contains("cached") || text.contains("offline"))
    });
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "from the cache within 3 s: {:?}",
        started.elapsed()
    );
    tui.wait_text("offline · as of");
    tui.send("a");
    tui.wait_text("Offline: cannot accept");
    tui.quit();
}

#[test]
fn an_invitation_that_arrived_between_two_runs_is_new() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let home = tempfile::tempdir().unwrap();
    let first = emulator(&runtime, 0, 0);
    let endpoint = first.endpoint_url();
    first_visit(home.path(), &endpoint);
    runtime.block_on(first.stop());

    let _second = emulator(&runtime, 1, port_of(&endpoint));
    let mut tui = inbox(home.path(), &endpoint);
    tui.wait_text("all loaded");
    tui.send("7");
    tui.wait_text("1 new");
    tui.send("N");
    tui.wait_for("the new invitation selected and read", |s| {
        let text = s.contents();
        text.contains("· engi-g000000000000") && !text.contains("1 new")
    });
    tui.send("N");
    tui.wait_text("Nothing new");
    tui.quit();

    let mut third = inbox(home.path(), &endpoint);
    third.wait_text("all loaded");
    assert!(
        !third.text().contains("●"),
        "read stays read:\n{}",
        third.text()
    );
    third.quit();
}
