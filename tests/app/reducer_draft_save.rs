//! Saving the create form's draft in the reducer: one save once typing pauses (not one per
//! keystroke), and an immediate save of unsaved changes when the form closes, before the editor
//! takes the terminal, and when the app quits for any reason.

use crate::fixtures;
use pc_inbox::app::CreateMsg;

use crossterm::event::KeyCode;
use fixtures::update;
use fixtures::{code, ctrl, key};
use pc_inbox::app::{Effect, Modal, Msg, State};
use pc_inbox::compose::draft::Draft;
use pc_inbox::compose::fields::Field;

/// The inbox with the form open and the focus on the receiver account.
fn open() -> State {
    let mut s = fixtures::loaded((160, 48), 3, false);
    update(&mut s, key('n'));
    let Some(Modal::Create(form)) = s.modals.last_mut() else {
        panic!("the form is open")
    };
    form.focus(Field::ReceiverAccount);
    s
}

/// Types `text`; returns the epoch of each save timer a keystroke started.
fn type_text(s: &mut State, text: &str) -> Vec<u64> {
    text.chars()
        .map(|c| match update(s, key(c)).as_slice() {
            [Effect::SettleDraft { epoch, after }] => {
                assert_eq!(*after, s.settings.draft_save_delay);
                *epoch
            }
            other => panic!("a keystroke only schedules a save: {other:?}"),
        })
        .collect()
}

fn saved(effects: &[Effect]) -> Vec<Option<Draft>> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveDraft(d) => Some(d.as_deref().cloned()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_burst_of_keystrokes_is_saved_once_after_the_last() {
    let mut s = open();
    let epochs = type_text(&mut s, "444455");
    assert!(epochs.windows(2).all(|w| w[0] < w[1]), "{epochs:?}");
    for early in &epochs[..epochs.len() - 1] {
        let effects = update(
            &mut s,
            Msg::Create(CreateMsg::DraftSettled { epoch: *early }),
        );
        assert!(effects.is_empty(), "typing went on after {early}");
    }
    let last = *epochs.last().unwrap();
    let effects = update(&mut s, Msg::Create(CreateMsg::DraftSettled { epoch: last }));
    let drafts = saved(&effects);
    assert_eq!(drafts.len(), 1, "{effects:?}");
    let draft = drafts[0].as_ref().unwrap();
    assert_eq!(draft.receiver_account, "444455");
    assert_eq!(draft.saved_at, Some(s.clock.now));
    assert!(
        update(&mut s, Msg::Create(CreateMsg::DraftSettled { epoch: last })).is_empty(),
        "nothing new to save"
    );
}

#[test]
fn quitting_saves_what_was_typed_since_the_last_save() {
    for quit in [ctrl('c'), Msg::Terminate] {
        let mut s = open();
        type_text(&mut s, "12");
        let effects = update(&mut s, quit.clone());
        assert!(s.quit);
        let drafts = saved(&effects);
        assert_eq!(drafts.len(), 1, "{quit:?}: {effects:?}");
        assert_eq!(drafts[0].as_ref().unwrap().receiver_account, "12");
    }
    let mut s = open();
    let epochs = type_text(&mut s, "12");
    update(
        &mut s,
        Msg::Create(CreateMsg::DraftSettled { epoch: epochs[1] }),
    );
    assert!(
        saved(&update(&mut s, ctrl('c'))).is_empty(),
        "already saved"
    );
}

#[test]
fn closing_the_form_saves_at_once_and_a_late_timer_saves_nothing() {
    let mut s = open();
    let epochs = type_text(&mut s, "4444");
    let effects = update(&mut s, code(KeyCode::Esc));
    let drafts = saved(&effects);
    assert_eq!(drafts.len(), 1, "{effects:?}");
    assert_eq!(drafts[0].as_ref().unwrap().receiver_account, "4444");
    assert_eq!(s.draft.as_ref().unwrap().receiver_account, "4444");
    let late = update(
        &mut s,
        Msg::Create(CreateMsg::DraftSettled { epoch: epochs[3] }),
    );
    assert!(late.is_empty(), "{late:?}");
    assert!(saved(&update(&mut s, ctrl('c'))).is_empty());
}

#[test]
fn a_discarded_draft_is_not_saved_again_by_its_timer() {
    let mut s = open();
    let epochs = type_text(&mut s, "4444");
    let Some(Modal::Create(form)) = s.modals.last_mut() else {
        panic!("the form is open")
    };
    form.focus(Field::Discard);
    update(&mut s, code(KeyCode::Enter));
    let effects = update(&mut s, code(KeyCode::Enter));
    assert_eq!(effects, [Effect::SaveDraft(None)]);
    assert!(update(
        &mut s,
        Msg::Create(CreateMsg::DraftSettled { epoch: epochs[3] })
    )
    .is_empty());
    assert!(saved(&update(&mut s, ctrl('c'))).is_empty());
}
