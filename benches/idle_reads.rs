//! Reads an open, idle inbox spends in one hour with the default settings (a look a minute),
//! counted by the same tally that feeds `pc-inbox status`: with no arrivals, and with 60
//! arrivals (one a minute). The whole app runs headless against the emulator in process on
//! paused tokio time, so the hour takes seconds. The goal: at most one list read per look, plus
//! one detail read per arrival. Run: `cargo bench --bench idle_reads`.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/fixtures/mod.rs"]
mod fixtures;
#[path = "../tests/headless/mod.rs"]
mod headless;

use std::time::Duration;

use headless::Headless;
use pc_inbox::domain::Requests;
use pc_inbox::emulator::EmulatorConfig;
use pc_inbox::store::DataDir;

const HOUR: Duration = Duration::from_secs(3600);

/// Requests of one idle hour after the first load, with an arrival every `arrivals` if given,
/// and how many rows the list gained.
async fn hour(arrivals: Option<Duration>) -> (Requests, usize) {
    let emulator = common::start(EmulatorConfig {
        arrivals_every: arrivals,
        ..common::config(0)
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, tally) = Headless::counting(&emulator, &DataDir::at(dir.path())).await;
    app.until_loaded().await;
    app.run_for(Duration::from_secs(5)).await;
    tally.take();
    let before = app.state.list.loaded();
    app.run_for(HOUR).await;
    let counted = tally.take();
    let gained = app.state.list.loaded() - before;
    app.stop();
    let requests = counted
        .into_values()
        .fold(Requests::default(), |mut all, day| {
            all += day;
            all
        });
    (requests, gained)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();
    let looks = HOUR.as_secs() / pc_inbox::app::Watch::default().interval.as_secs();
    let (idle, _) = runtime.block_on(hour(None));
    let (busy, arrived) = runtime.block_on(hour(Some(Duration::from_secs(60))));
    println!("idle_reads: one hour, {looks} looks (default interval)");
    println!(
        "  0 arrivals:  {:>5} reads ({:.2} per look), {} writes",
        idle.reads,
        idle.reads as f64 / looks as f64,
        idle.writes
    );
    println!(
        "  60 arrivals: {:>5} reads ({:.2} per look, {:.2} more per arrival), {} writes; \
         {arrived} rows joined the list",
        busy.reads,
        busy.reads as f64 / looks as f64,
        (busy.reads as f64 - idle.reads as f64) / 60.0,
        busy.writes
    );
    println!(
        "  ratio 60 arrivals / 0 arrivals: {:.2}",
        busy.reads as f64 / idle.reads.max(1) as f64
    );
}
