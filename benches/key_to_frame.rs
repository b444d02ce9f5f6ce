//! Key to frame: one key press through `update`, then the frame it leads to drawn at 160×48,
//! with 10,000 invitations loaded (goal: ≤ 1 ms each) and with 100 as the baseline for the
//! ratio. Keys: list moves, search keystrokes with the prompt open, typing into the create
//! form's message and customer name, and switching or re-sorting the default views.

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use crossterm::event::KeyCode;
use pc_inbox::app::{update, Modal, Msg, Settings, State};
use pc_inbox::app::{CreateMsg, SyncMsg};
use pc_inbox::compose::fields::Field;
use pc_inbox::compose::validate;
use pc_inbox::domain::{EngagementSummary, Page};
use pc_inbox::ui;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Duration;

const SIZES: [usize; 2] = [100, 10_000];

/// `rows` invitations loaded page by page, ten details in, the cursor in the middle.
fn inbox(rows: usize) -> State {
    inbox_with(fixtures::settings(), rows)
}

/// [`inbox`] with these settings.
fn inbox_with(settings: Settings, rows: usize) -> State {
    let (mut s, _) = fixtures::state_with(settings, (160, 48));
    let generation = s.list_generation();
    for start in (0..rows).step_by(100) {
        let end = (start + 100).min(rows);
        fixtures::settled(
            &mut s,
            Msg::Sync(SyncMsg::PageLoaded {
                generation,
                result: Ok(fixtures::page(start..end, true)),
            }),
        );
    }
    for i in 0..10 {
        fixtures::deliver(&mut s, fixtures::opportunity(i));
    }
    let (_, shown) = s.list.position();
    s.list.move_by(shown as isize / 2, s.geometry.list_rows);
    assert_eq!(s.list.loaded(), rows);
    s
}

/// The search prompt open on `typed`.
fn searching(rows: usize, typed: &str) -> State {
    let mut s = inbox(rows);
    update(&mut s, fixtures::key('/'));
    for c in typed.chars() {
        update(&mut s, fixtures::key(c));
    }
    assert_eq!(s.list.search(), typed);
    s
}

/// The create form open over the inbox, a valid draft in it, the focus on `field`.
fn form_on(rows: usize, field: Field) -> State {
    let mut s = inbox(rows);
    update(&mut s, fixtures::key('n'));
    update(
        &mut s,
        Msg::Create(CreateMsg::EngagementsLoaded(Ok(Page {
            items: vec![EngagementSummary {
                id: "eng-00000000000001".into(),
                arn: None,
                title: Some("Joint GTM".into()),
                created_at: None,
                created_by: Some("111122223333".into()),
                member_count: Some(1),
                modified_at: None,
                context_types: vec![],
            }],
            next_token: None,
        }))),
    );
    let Some(Modal::Create(form)) = s.modals.last_mut() else {
        panic!("the form is open")
    };
    fixtures::fill_valid(&mut form.draft, "eng-00000000000001");
    form.recheck();
    form.focus(field);
    assert!(form.typing());
    s
}

/// Times `key` through `update` and the next frame, each time on a fresh copy of `state`.
fn bench_key(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    rows: usize,
    state: &State,
    key: &Msg,
) {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let theme = ui::Theme::colored();
    terminal
        .draw(|f| {
            ui::draw(f, state, &theme);
        })
        .unwrap();
    group.bench_with_input(BenchmarkId::new(name, rows), state, |b, state| {
        b.iter_batched_ref(
            || state.clone(),
            |s| {
                update(s, key.clone());
                terminal
                    .draw(|f| {
                        ui::draw(f, s, &theme);
                    })
                    .unwrap();
            },
            BatchSize::LargeInput,
        );
    });
}

fn configure<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

fn list_moves(c: &mut Criterion) {
    let mut group = configure(c, "key to frame: list moves");
    for rows in SIZES {
        let state = inbox(rows);
        for (name, key) in [
            ("j", fixtures::key('j')),
            ("k", fixtures::key('k')),
            ("Down", fixtures::code(KeyCode::Down)),
            ("PageDown", fixtures::code(KeyCode::PageDown)),
            ("End", fixtures::code(KeyCode::End)),
        ] {
            bench_key(&mut group, name, rows, &state, &key);
        }
    }
    group.finish();
}

fn search_keys(c: &mut Criterion) {
    let mut group = configure(c, "key to frame: search");
    for rows in SIZES {
        let narrowing = searching(rows, "küh");
        bench_key(
            &mut group,
            "type a letter",
            rows,
            &narrowing,
            &fixtures::key('n'),
        );
        let widening = searching(rows, "kühn");
        let backspace = fixtures::code(KeyCode::Backspace);
        bench_key(&mut group, "backspace", rows, &widening, &backspace);
    }
    group.finish();
}

fn form_keys(c: &mut Criterion) {
    let mut group = configure(c, "key to frame: create form");
    for rows in SIZES {
        for (name, field) in [
            ("type in the message", Field::Message),
            ("type in the customer name", Field::Company),
        ] {
            let state = form_on(rows, field);
            bench_key(&mut group, name, rows, &state, &fixtures::key('x'));
        }
    }
    group.finish();
}

/// What a form keystroke checks: the whole draft (as before) against the typed field alone.
fn form_checks(c: &mut Criterion) {
    let mut group = configure(c, "form keystroke check");
    let state = form_on(100, Field::Company);
    let Some(Modal::Create(form)) = state.modals.last() else {
        panic!("the form is open")
    };
    let (draft, today) = (&form.draft, form.today);
    group.bench_function("the whole draft", |b| {
        b.iter(|| validate::problems(draft, today))
    });
    group.bench_function("the customer name alone", |b| {
        b.iter(|| validate::problem(draft, today, Field::Company))
    });
    group.finish();
}

fn view_keys(c: &mut Criterion) {
    let mut group = configure(c, "key to frame: views");
    for rows in SIZES {
        let state = inbox_with(Settings::default(), rows);
        assert_eq!(state.views.active.name, "Pending");
        for (name, key) in [
            ("7: Pending to All", fixtures::key('7')),
            ("2: to Expiring soon (by expiry)", fixtures::key('2')),
            ("s: sort oldest first", fixtures::key('s')),
        ] {
            bench_key(&mut group, name, rows, &state, &key);
        }
    }
    group.finish();
}

criterion_group!(
    benches,
    list_moves,
    search_keys,
    form_keys,
    form_checks,
    view_keys
);
criterion_main!(benches);
