//! Cost of drawing one frame at 160×48 with 10, 100 and 10,000 invitations loaded. Per-frame
//! work must not depend on list length: 100 and 10,000 both fill the list pane (43 rows on
//! screen) and should cost the same; 10 paints fewer rows.

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pc_inbox::app::SyncMsg;
use pc_inbox::app::{update, Msg, State};
use pc_inbox::ui;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn state_with(rows: usize) -> State {
    let (mut s, _) = fixtures::state((160, 48));
    let generation = s.list_generation();
    let mut left = rows;
    let mut start = 0;
    while left > 0 {
        let n = left.min(100);
        fixtures::settled(
            &mut s,
            Msg::Sync(SyncMsg::PageLoaded {
                generation,
                result: Ok(fixtures::page(start..start + n, true)),
            }),
        );
        start += n;
        left -= n;
    }
    for i in 0..10 {
        fixtures::deliver(
            &mut s,
            if i % 2 == 0 {
                fixtures::opportunity(i)
            } else {
                fixtures::lead(i)
            },
        );
    }
    for _ in 0..5 {
        update(&mut s, fixtures::key('j'));
    }
    s
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("draw one frame at 160x48");
    for rows in [10usize, 100, 10_000] {
        let state = state_with(rows);
        assert_eq!(state.list.loaded(), rows);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        let theme = ui::Theme::colored();
        group.bench_with_input(BenchmarkId::from_parameter(rows), &state, |b, s| {
            b.iter(|| {
                terminal
                    .draw(|f| {
                        ui::draw(f, s, &theme);
                    })
                    .unwrap();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
