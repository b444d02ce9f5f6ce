//! The inbox's first frame from the local store: opening the store, reading the cached rows
//! of the first view, building the state and drawing, as `App::start` and the first `draw` do
//! at launch (process start excluded). The goal is ≤ 50 ms with 10,000 cached rows; 100 rows
//! is the baseline the ratio is taken against.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pc_inbox::app::Settings;
use pc_inbox::emulator::EmulatorConfig;
use pc_inbox::keymap::Keymap;
use pc_inbox::runtime::{App, Options};
use pc_inbox::service::PartnerCentral;
use pc_inbox::store::DataDir;
use pc_inbox::ui::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// A data directory whose store holds `rows` cached received invitations.
fn cached(rows: usize) -> (tempfile::TempDir, DataDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let mut store = data.open().unwrap().store;
    let page = fixtures::page(0..rows, false);
    store
        .remember_rows(&page.items, &[], fixtures::now())
        .unwrap();
    (dir, data)
}

fn first_paint(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let _inside = runtime.enter();
    let (_emulator, client) = runtime.block_on(common::start_in_process(EmulatorConfig {
        quotas: None,
        ..EmulatorConfig::default()
    }));
    let service: Arc<dyn PartnerCentral> = Arc::new(client);
    let mut group = c.benchmark_group("first paint from the local store at 160x48");
    group.sample_size(20);
    for rows in [100usize, 10_000] {
        let (_dir, data) = cached(rows);
        group.bench_with_input(BenchmarkId::from_parameter(rows), &data, |b, data| {
            b.iter(|| {
                let options = Options::new(
                    Settings::default(),
                    Keymap::default(),
                    Theme::colored(),
                    Some(data.clone()),
                );
                let mut app = App::start(service.clone(), options, (160, 48));
                let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
                app.draw(&mut terminal).unwrap();
                assert_eq!(app.state.list.loaded(), rows);
                app.finish();
            });
        });
    }
    group.finish();
}

/// The store's part of the first paint: opening it and reading the view's rows.
fn store_view(c: &mut Criterion) {
    let mut group = c.benchmark_group("open the store and read a view");
    group.sample_size(20);
    for rows in [100usize, 10_000] {
        let (_dir, data) = cached(rows);
        let query = pc_inbox::domain::ListQuery::new(pc_inbox::domain::Participant::Received);
        group.bench_with_input(BenchmarkId::from_parameter(rows), &data, |b, data| {
            b.iter(|| {
                let store = data.open().unwrap().store;
                assert_eq!(store.view(&query).unwrap().rows.len(), rows);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, first_paint, store_view);
criterion_main!(benches);
