//! Costs that grow with the list, at 10,000 invitations: one search keystroke through the
//! reducer (budget: 5 ms), merging a 100-row page, and loading every row at once (as from a
//! local cache).

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use chrono::Duration;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use crossterm::event::KeyCode;
use pc_inbox::app::{update, InvitationList, RowFacts, State};
use pc_inbox::domain::{InvitationSummary, Page};

const ROWS: usize = 10_000;

/// Every row, every third with a customer name.
fn cached() -> Vec<(InvitationSummary, RowFacts)> {
    (0..ROWS)
        .map(|i| {
            let customer = (i % 3 == 0).then(|| format!("Bäckerei Kühn {i} GmbH"));
            let facts = RowFacts {
                customer,
                spend: None,
            };
            (fixtures::summary(i), facts)
        })
        .collect()
}

/// A state with every row loaded and the search prompt open on `typed`.
fn searching(typed: &str) -> State {
    let (mut s, _) = fixtures::state((160, 48));
    s.list.load(cached());
    update(&mut s, fixtures::key('/'));
    for c in typed.chars() {
        update(&mut s, fixtures::key(c));
    }
    assert_eq!(s.list.search(), typed, "the prompt searches as it is typed");
    s
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("search keystroke at 10,000 rows");
    let narrowing = searching("küh");
    group.bench_function("type a letter", |b| {
        b.iter_batched_ref(
            || narrowing.clone(),
            |s| update(s, fixtures::key('n')),
            BatchSize::LargeInput,
        );
    });
    let widening = searching("kühn");
    group.bench_function("backspace", |b| {
        b.iter_batched_ref(
            || widening.clone(),
            |s| update(s, fixtures::code(KeyCode::Backspace)),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

/// 100 rows: new ones dated between the loaded rows, or the loaded rows 5,000 to 5,099 again.
fn page(new: bool) -> Page<InvitationSummary> {
    let items = (5_000..5_100)
        .map(|i| {
            let mut row = fixtures::summary(i);
            if new {
                row.id = format!("engi-new-{i}");
                row.invitation_date = row.invitation_date.map(|d| d + Duration::hours(1));
            }
            row
        })
        .collect();
    Page {
        items,
        next_token: Some("next".into()),
    }
}

fn merge(c: &mut Criterion) {
    let mut group = c.benchmark_group("put a 100-row page, as stored, into 10,000 rows");
    let mut list = InvitationList::default();
    list.load(cached());
    list.move_by(5_050, 43);
    for (name, new) in [("new rows", true), ("known rows", false)] {
        let page = page(new);
        group.bench_function(name, |b| {
            b.iter_batched(
                || (list.clone(), page.clone()),
                |(mut list, page)| {
                    let rows = page
                        .items
                        .into_iter()
                        .map(|row| (row, RowFacts::default()))
                        .collect();
                    list.put(rows, 43);
                    list
                },
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

fn load(c: &mut Criterion) {
    let rows = cached();
    c.bench_function("load 10,000 rows", |b| {
        b.iter_batched(
            || rows.clone(),
            |rows| {
                let mut list = InvitationList::default();
                list.load(rows);
                list
            },
            BatchSize::LargeInput,
        );
    });
}

criterion_group!(benches, keystroke, merge, load);
criterion_main!(benches);
