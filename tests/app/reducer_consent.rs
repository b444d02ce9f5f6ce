//! Consent: nothing is sent that the last frame drawn did not ask about. A terminal too small
//! to draw takes no key but quit; a yes for a dialog that was never drawn does nothing; `q`
//! with writes held or queued asks first, Ctrl-c keeps them for the next start's question.

use crate::fixtures;
use pc_inbox::domain::TaskKind;

use crossterm::event::KeyCode;
use fixtures::{code, ctrl, key, loaded, resize, update};
use pc_inbox::app::{self, BulkKind, Effect, ItemState, Modal, Msg, State};

const SIZE: (u16, u16) = (160, 48);

fn ready(n: usize) -> State {
    let mut s = loaded(SIZE, n, false);
    s.restore_tasks(Vec::new(), "t".into());
    s.settings.auto_advance = false;
    s
}

fn writes(effects: &[Effect]) -> Vec<app::consent::Write> {
    effects.iter().filter_map(Effect::write).collect()
}

#[test]
fn keys_while_the_terminal_is_too_small_change_nothing_and_open_nothing() {
    let mut s = ready(5);
    update(&mut s, resize((40, 10)));
    assert!(fixtures::screen_text(&s).contains("Terminal too small"));
    let before = (s.selected().unwrap().id.clone(), s.list.position());
    for msg in [
        key('a'),
        key('y'),
        key('x'),
        code(KeyCode::Enter),
        key('j'),
        key(' '),
        key('*'),
        key('n'),
        key('/'),
        key('E'),
        code(KeyCode::F(1)),
    ] {
        assert!(writes(&update(&mut s, msg)).is_empty());
        assert!(s.modals.is_empty(), "{:?}", s.modals);
    }
    assert_eq!(
        (s.selected().unwrap().id.clone(), s.list.position()),
        before
    );
    assert_eq!(s.list.mark_count(), 0);
    assert!(
        s.tasks().get(TaskKind::Accept, &before.0).is_none(),
        "no accept began"
    );
    update(&mut s, Msg::Paste("hello".into()));
    assert!(s.modals.is_empty());
    update(&mut s, key('q'));
    assert!(s.quit, "quit still works");
}

#[test]
fn a_dialog_open_when_the_terminal_shrinks_takes_its_yes_only_once_it_is_drawn_again() {
    let mut s = ready(5);
    update(&mut s, key('a'));
    assert!(matches!(s.top(), Some(Modal::Confirm(_))));
    update(&mut s, resize((30, 8)));
    assert!(writes(&update(&mut s, key('y'))).is_empty());
    assert!(matches!(s.top(), Some(Modal::Confirm(_))), "still asking");
    update(&mut s, resize(SIZE));
    let effects = update(&mut s, key('y'));
    assert_eq!(writes(&effects).len(), 1, "{effects:?}");
}

#[test]
fn a_yes_for_a_dialog_no_frame_showed_sends_nothing() {
    let mut s = ready(5);
    // The reducer alone, no drawing: the confirmation never reached the screen.
    app::update(&mut s, key('a'));
    let effects = app::update(&mut s, key('y'));
    assert!(writes(&effects).is_empty(), "{effects:?}");
    assert!(matches!(s.top(), Some(Modal::Confirm(_))), "still asking");
    assert!(s.tasks().active(TaskKind::Accept).next().is_none());
    // Once drawn, the same key goes through.
    assert_eq!(writes(&update(&mut s, key('y'))).len(), 1);
}

#[test]
fn a_hold_that_runs_out_while_the_terminal_is_too_small_waits_until_it_is_drawn() {
    let mut s = ready(5);
    update(&mut s, key('x'));
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, resize((30, 8)));
    let later = s.clock.now + chrono::Duration::seconds(30);
    assert!(writes(&update(&mut s, Msg::Tick { now: later })).is_empty());
    update(&mut s, resize(SIZE));
    let effects = update(&mut s, Msg::Tick { now: later });
    assert_eq!(writes(&effects).len(), 1, "{effects:?}");
}

/// Marks every row, rejects them all with the first reason, and lets the hold run out.
fn bulk_reject_sent(s: &mut State) {
    update(s, key('*'));
    update(s, key('x'));
    update(s, key('y'));
    update(s, code(KeyCode::Tab));
    update(s, code(KeyCode::Enter));
    update(s, code(KeyCode::Enter));
    let now = s.clock.now + chrono::Duration::seconds(5);
    assert_eq!(writes(&update(s, Msg::Tick { now })).len(), 1);
}

#[test]
fn q_with_writes_not_sent_asks_and_quits_dropping_them_or_stays() {
    let mut s = ready(4);
    bulk_reject_sent(&mut s);
    update(&mut s, key('q'));
    assert!(!s.quit);
    assert!(matches!(s.top(), Some(Modal::Quit(_))));
    let screen = fixtures::screen_text(&s);
    assert!(screen.contains("3 rejects not sent yet:"), "{screen}");
    assert!(screen.contains("q quit and drop them · n stay"), "{screen}");
    update(&mut s, code(KeyCode::Esc));
    assert!(s.modals.is_empty() && !s.quit, "Esc stays");
    update(&mut s, key('q'));
    let effects = update(&mut s, key('q'));
    assert!(s.quit);
    assert!(writes(&effects).is_empty());
    let queue = s.bulk.as_ref().unwrap();
    assert_eq!(queue.unsent(), 0, "dropped");
    assert_eq!(
        queue.items()[0].state,
        ItemState::Sending,
        "the write out stays"
    );
    let saved = effects.iter().find_map(|e| match e {
        Effect::SaveBulk(q) => Some(q.clone()),
        _ => None,
    });
    let saved = saved
        .expect("the queue is saved")
        .expect("with the write out");
    assert_eq!(saved.unsent(), 0);
}

#[test]
fn ctrl_c_quits_at_once_and_keeps_the_unsent_for_the_next_start_to_ask_about() {
    let mut s = ready(4);
    bulk_reject_sent(&mut s);
    let effects = update(&mut s, ctrl('c'));
    assert!(s.quit);
    assert!(writes(&effects).is_empty());
    let queue = s.bulk.clone().unwrap();
    assert_eq!(queue.unsent(), 3, "kept, not dropped");
    assert!(matches!(queue.kind(), BulkKind::Reject { .. }));

    let mut next = ready(4);
    next.bulk = Some(queue.resumed());
    let effects = app::update::init(&mut next);
    assert!(writes(&effects).is_empty());
    assert!(matches!(next.top(), Some(Modal::Unsent(_))));
    assert!(fixtures::screen_text(&next).contains("4 rejects from the last run were not sent:"));
}

#[test]
fn q_without_anything_unsent_quits_at_once() {
    let mut s = ready(4);
    update(&mut s, key('q'));
    assert!(s.quit);
}
