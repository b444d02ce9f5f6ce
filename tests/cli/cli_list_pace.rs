//! `list --all` under the emulator's default quotas (10 reads a second, a bucket of one second's
//! worth): paced client-side as the command line paces it (`Paced`), it meets no
//! ThrottlingException and ends within 1.15× the quota's floor, (pages − 10) / 10 seconds. On
//! paused tokio time, so the timing is exact.

use crate::common;

use std::time::Duration;

use pc_inbox::commands::list::{self, ListArgs};
use pc_inbox::commands::Format;
use pc_inbox::emulator::EmulatorConfig;
use pc_inbox::service::{Paced, SERVICE_QUOTA};
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn list_all_keeps_to_the_read_quota_without_being_throttled() {
    let config = EmulatorConfig {
        generate: 3_000,
        ..EmulatorConfig::default()
    };
    assert!(config.quotas.is_some(), "the default quotas are on");
    let (emulator, client) = common::start_in_process(config).await;
    let client = Paced::new(client, SERVICE_QUOTA);
    let args = ListArgs {
        sent: false,
        status: Vec::new(),
        payload: None,
        oldest_first: false,
        limit: None,
        all: true,
        output: Format::Json,
    };
    let mut out = Vec::new();
    let start = Instant::now();
    list::run(&client, &args, 100, None, &mut out)
        .await
        .unwrap();
    let elapsed = Instant::now() - start;

    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
    assert!(rows.len() > 3_000, "{}", rows.len());
    let pages = rows.len().div_ceil(100) as u32;
    assert!(pages >= 30, "{pages} pages");
    assert_eq!(emulator.throttled(), 0, "no request was over quota");
    let floor = Duration::from_millis(100) * (pages - 10);
    let ratio = elapsed.as_secs_f64() / floor.as_secs_f64();
    assert!(
        (1.0..=1.15).contains(&ratio),
        "{pages} pages in {elapsed:?}: {ratio:.3}× the floor of {floor:?}"
    );
}
