//! `pc-inbox list --all` against the emulator over TCP with its default quotas (10 reads a
//! second, a bucket of one second's worth), paced client-side. The goal is ≤ 1.15× the quota's
//! floor, (pages − 10) / 10 s; the floor is printed before the figures. The client does not
//! retry, so a single ThrottlingException fails the run.

#[path = "../tests/common/mod.rs"]
mod common;

use pc_inbox::service::{Paced, SERVICE_QUOTA};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use pc_inbox::commands::list::{self, ListArgs};
use pc_inbox::commands::Format;
use pc_inbox::emulator::EmulatorConfig;

const GENERATED: usize = 3_000;

fn list_all(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (emulator, client) = runtime.block_on(common::start_with_client(EmulatorConfig {
        generate: GENERATED,
        ..EmulatorConfig::default()
    }));
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
    let run = || {
        let mut out = Vec::new();
        runtime
            .block_on(list::run(&client, &args, 100, None, &mut out))
            .expect("no request is throttled");
        out
    };
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&run()).unwrap();
    let pages = rows.len().div_ceil(100);
    eprintln!(
        "{} rows in {pages} pages: the quota's floor is {:.1} s",
        rows.len(),
        (pages - 10) as f64 / 10.0
    );
    let refill =
        || runtime.block_on(async { tokio::time::sleep(Duration::from_millis(1_100)).await });
    let mut group = c.benchmark_group("list --all under the default quotas");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(30));
    group.bench_function(format!("{pages} pages"), |b| {
        b.iter_batched(refill, |()| run(), BatchSize::PerIteration);
    });
    group.finish();
    assert_eq!(emulator.throttled(), 0, "no request was over quota");
}

criterion_group!(benches, list_all);
criterion_main!(benches);
