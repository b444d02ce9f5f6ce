//! One owner for every key: background results never take a key or open a dialog, notices
//! keep failures until read, and a config that rebinds a key in each mode changes what the key
//! does and every hint and help line that names it.

use crate::fixtures;
use pc_inbox::app::{SyncMsg, TaskMsg};

use crossterm::event::KeyCode;
use fixtures::update;
use fixtures::{code, ctrl, key, loaded, render, screen_text};
use pc_inbox::app::modes::RejectFocus;
use pc_inbox::app::{Effect, Level, Modal, Msg, State};
use pc_inbox::domain::{Task, TaskKind, TaskStatus};
use pc_inbox::keymap::Keymap;

const SIZE: (u16, u16) = (100, 30);

fn task(id: &str, invitation: &str, status: TaskStatus, reason: Option<&str>) -> Task {
    Task {
        kind: TaskKind::Accept,
        engagement_id: None,
        snapshot_job_id: None,
        id: id.into(),
        arn: None,
        status,
        message: reason.map(|_| "The opportunity could not be created".into()),
        reason_code: reason.map(str::to_string),
        opportunity_id: None,
        invitation_id: Some(invitation.into()),
        start_time: None,
    }
}

/// Starts accepting row `row`, then answers the start with a running task.
fn start_accept(s: &mut State, row: usize) -> String {
    update(s, key('g'));
    for _ in 0..row {
        update(s, key('j'));
    }
    let id = s.selected().unwrap().id.clone();
    update(s, key('a'));
    update(s, key('y'));
    update(
        s,
        Msg::Task(TaskMsg::Started {
            work: (TaskKind::Accept, id.clone()),
            claimed: None,
            result: Ok(task(
                &format!("task-{row}"),
                &id,
                TaskStatus::InProgress,
                None,
            )),
            found: false,
        }),
    );
    id
}

fn finish(s: &mut State, row: usize, id: &str, status: TaskStatus, reason: Option<&str>) {
    update(
        s,
        Msg::Task(TaskMsg::Polled {
            work: (TaskKind::Accept, id.into()),
            task_id: format!("task-{row}"),
            result: Ok(task(&format!("task-{row}"), id, status, reason)),
        }),
    );
}

/// Ready to accept, with rejects sent at once: these tests are about which mode owns a key
/// (the hold before a reject is tested in `reducer_actions.rs`).
fn with_accepts() -> State {
    let mut s = loaded(SIZE, 10, false);
    s.restore_tasks(Vec::new(), "t".into());
    s.settings.reject_hold = std::time::Duration::ZERO;
    s
}

/// Opens the reject dialog on row `row` with a reason picked and focus on [Reject].
fn reject_dialog_on_reject(s: &mut State, row: usize) {
    update(s, key('g'));
    for _ in 0..row {
        update(s, key('j'));
    }
    update(s, key('x'));
    update(s, code(KeyCode::Tab));
    update(s, code(KeyCode::Enter));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert_eq!(d.focus, RejectFocus::Reject);
}

fn rejects(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Reject { .. }))
        .count()
}

#[test]
fn a_failure_in_the_background_neither_opens_anything_nor_presses_reject() {
    let mut s = with_accepts();
    let failing = start_accept(&mut s, 0);
    reject_dialog_on_reject(&mut s, 1);
    let before = format!("{:?}", s.modals);
    finish(
        &mut s,
        0,
        &failing,
        TaskStatus::Failed,
        Some("InternalError"),
    );
    assert_eq!(format!("{:?}", s.modals), before, "the dialog is as it was");
    assert_eq!(s.notices.unread(), 1);

    let effects = update(&mut s, code(KeyCode::Enter));
    assert_eq!(
        rejects(&effects),
        0,
        "the key right after a notice rejects nothing"
    );
    assert!(screen_text(&s).contains("A notice came in just now; press Enter again to reject."));
    assert_eq!(
        rejects(&update(&mut s, code(KeyCode::Enter))),
        1,
        "pressed again, on purpose"
    );
}

#[test]
fn both_outcomes_of_two_accepts_stay_readable() {
    let mut s = with_accepts();
    let failing = start_accept(&mut s, 0);
    let fine = start_accept(&mut s, 1);
    finish(
        &mut s,
        0,
        &failing,
        TaskStatus::Failed,
        Some("InternalError"),
    );
    update(
        &mut s,
        Msg::Tick {
            now: fixtures::now() + chrono::Duration::seconds(1),
        },
    );
    finish(&mut s, 1, &fine, TaskStatus::Complete, None);
    let current = s.notices.current(s.clock.now).unwrap();
    assert_eq!(
        current.level,
        Level::Error,
        "a later success does not hide it"
    );
    assert!(screen_text(&s).contains("✗ Accepting “Globex SAP migration 0” failed"));

    update(&mut s, key('!'));
    let log = screen_text(&s);
    assert!(
        log.contains("Accepting “Globex SAP migration 0” failed — InternalError"),
        "{log}"
    );
    assert!(log.contains("Accepted “Kühn bakery POS 1”"), "{log}");
    assert_eq!(s.notices.unread(), 0, "read once the log was open");
    update(&mut s, code(KeyCode::Esc));
    assert!(s.modals.is_empty());
}

#[test]
fn no_background_reply_changes_the_dialog_stack() {
    let mut s = with_accepts();
    reject_dialog_on_reject(&mut s, 3);
    assert_eq!(rejects(&update(&mut s, code(KeyCode::Enter))), 1);
    update(&mut s, key('f'));
    let generation = s.list_generation();
    let replies = [
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Err(pc_inbox::service::ServiceError::Throttled {
                message: "Rate exceeded".into(),
            }),
        }),
        Msg::StorageFailed("disk full".into()),
        Msg::Task(TaskMsg::Running {
            kind: TaskKind::Accept,
            result: Ok(Vec::new()),
        }),
        Msg::Rejected {
            invitation_id: "engi-0000000000003".into(),
            reason: "No capacity".into(),
            result: Err(pc_inbox::service::ServiceError::Service {
                code: Some("InternalServerException".into()),
                message: "boom".into(),
            }),
        },
    ];
    for reply in replies {
        update(&mut s, reply);
        assert!(
            matches!(s.modals.as_slice(), [Modal::Filters(_)]),
            "{:?}",
            s.modals
        );
    }
    assert_eq!(s.notices.unread(), 3);
}

#[test]
fn each_key_goes_to_exactly_one_mode() {
    let mut s = loaded(SIZE, 10, false);
    update(&mut s, key('f'));
    update(&mut s, key('j'));
    assert_eq!(s.list.position().0, 0, "j moved the menu, not the list");
    update(&mut s, code(KeyCode::F(1)));
    assert!(matches!(s.top(), Some(Modal::Help(h)) if h.mode == pc_inbox::keymap::Mode::Filters));
    update(&mut s, key('q'));
    assert!(!s.quit, "q closed help, it did not quit");
    assert!(matches!(s.top(), Some(Modal::Filters(_))));
}

const REBOUND: &str = r#"
[keys.list]
accept = "A"
[keys.search]
confirm = "tab"
[keys.confirm]
accept = "Y"
[keys.reject]
confirm = "ctrl-r"
[keys.form]
submit = "ctrl-g"
[keys.picker]
confirm = "tab"
"#;

fn rebound() -> State {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, REBOUND).unwrap();
    let loaded = pc_inbox::config::load_from(&path).unwrap();
    assert_eq!(loaded.warnings, Vec::<String>::new());
    let mut s = loaded_with(loaded.config.keymap);
    s.restore_tasks(Vec::new(), "t".into());
    s.settings.reject_hold = std::time::Duration::ZERO;
    s
}

fn loaded_with(keymap: Keymap) -> State {
    let mut s = loaded(SIZE, 10, false);
    s.keymap = keymap;
    s
}

fn help_of(s: &mut State) -> String {
    update(s, code(KeyCode::F(1)));
    let text = screen_text(s);
    update(s, code(KeyCode::Esc));
    text
}

#[test]
fn a_rebound_list_key_works_and_every_hint_names_it() {
    let mut s = rebound();
    update(&mut s, key('a'));
    assert!(s.modals.is_empty(), "a no longer accepts");
    let bar = screen_text(&s);
    assert!(
        bar.contains("A accept") && !bar.contains("a accept"),
        "{bar}"
    );
    assert!(help_of(&mut s).contains("│A                Accept the invitation"));
    update(&mut s, key('A'));
    assert!(matches!(s.top(), Some(Modal::Confirm(_))));
    insta::assert_snapshot!("rebound_confirm", render(&s).backend());
    update(&mut s, key('y'));
    assert!(
        matches!(s.top(), Some(Modal::Confirm(_))),
        "y no longer accepts"
    );
    assert!(help_of(&mut s).contains("│Y                Accept"));
    let effects = update(&mut s, key('Y'));
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::StartTask { .. })));
}

#[test]
fn a_rebound_search_key_works_and_the_prompt_says_so() {
    let mut s = rebound();
    update(&mut s, key('/'));
    for c in "mirai".chars() {
        update(&mut s, key(c));
    }
    insta::assert_snapshot!("rebound_search", render(&s).backend());
    update(&mut s, code(KeyCode::Tab));
    assert!(s.modals.is_empty());
    assert_eq!(s.list.search(), "mirai");
}

#[test]
fn a_rebound_reject_key_works_and_the_dialog_says_so() {
    let mut s = rebound();
    update(&mut s, key('x'));
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, code(KeyCode::Tab));
    assert!(matches!(s.top(), Some(Modal::Reject(d)) if d.focus == RejectFocus::Text));
    for c in "No fit".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Tab));
    assert!(matches!(s.top(), Some(Modal::Reject(d)) if d.focus == RejectFocus::Reject));
    insta::assert_snapshot!("rebound_reject", render(&s).backend());
    assert!(help_of(&mut s).contains("│C-r              Press"));
    assert_eq!(rejects(&update(&mut s, code(KeyCode::Enter))), 0);
    assert_eq!(rejects(&update(&mut s, ctrl('r'))), 1);
}

#[test]
fn rebound_form_and_picker_keys_work_and_their_hints_say_so() {
    let mut s = rebound();
    update(&mut s, key('n'));
    insta::assert_snapshot!("rebound_form", render(&s).backend());
    assert!(help_of(&mut s).contains("│C-g              Send the invitation"));
    update(&mut s, ctrl('s'));
    let Some(Modal::Create(form)) = s.top() else {
        panic!()
    };
    assert!(!form.submit_attempted, "C-s no longer sends");
    update(&mut s, ctrl('g'));
    let Some(Modal::Create(form)) = s.top() else {
        panic!()
    };
    assert!(
        form.submit_attempted,
        "C-g sends (and finds the draft incomplete)"
    );

    let industry = pc_inbox::compose::fields::Field::Industry;
    while s
        .top()
        .is_some_and(|m| matches!(m, Modal::Create(f) if f.field() != industry))
    {
        update(&mut s, code(KeyCode::Tab));
    }
    update(&mut s, code(KeyCode::Enter));
    for c in "retail".chars() {
        update(&mut s, key(c));
    }
    insta::assert_snapshot!("rebound_picker", render(&s).backend());
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Create(form)) = s.top() else {
        panic!()
    };
    assert!(form.picker.is_some(), "Enter no longer chooses");
    update(&mut s, code(KeyCode::Tab));
    let Some(Modal::Create(form)) = s.top() else {
        panic!()
    };
    assert!(form.picker.is_none());
    assert_eq!(form.draft.industry, "Retail");
}

#[test]
fn a_retried_poll_is_noted_once_and_takes_no_key() {
    let mut s = with_accepts();
    let id = start_accept(&mut s, 0);
    let lost = || {
        Msg::Task(TaskMsg::Polled {
            work: (TaskKind::Accept, id.clone()),
            task_id: "task-0".into(),
            result: Err(pc_inbox::service::ServiceError::Network {
                message: "connection reset".into(),
            }),
        })
    };
    let before = s.notices.len();
    for _ in 0..2 {
        let effects = update(&mut s, lost());
        assert!(
            matches!(effects.as_slice(), [Effect::PollTask { .. }]),
            "{effects:?}"
        );
    }
    assert_eq!(
        s.notices.len(),
        before + 1,
        "one notice for a run of retries"
    );
    assert!(s.notices.latest().unwrap().text.contains("retrying"));
    assert_eq!(s.notices.unread(), 0, "a retry is not an error");
    assert!(s.modals.is_empty());
}

fn paste(text: &str) -> Msg {
    Msg::Paste(text.into())
}

#[test]
fn a_paste_is_text_in_the_focused_field_and_never_a_command() {
    let mut s = loaded(SIZE, 10, false);
    assert!(update(&mut s, paste("x\na\n")).is_empty());
    assert!(
        s.modals.is_empty(),
        "outside a text field a paste does nothing"
    );

    update(&mut s, key('/'));
    update(&mut s, paste("kühn\nxa"));
    let Some(Modal::Search(prompt)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert_eq!(prompt.input.value(), "kühn xa");
    update(&mut s, code(KeyCode::Esc));

    update(&mut s, key('x'));
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, paste("Line one\tTab…\nmore"));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert_eq!(d.reason.value(), "Line one Tab… more");
    assert_eq!(
        d.focus,
        RejectFocus::Text,
        "the tab in the paste moved nothing"
    );
    update(&mut s, code(KeyCode::Esc));

    update(&mut s, key('n'));
    update(&mut s, code(KeyCode::Tab));
    let effects = update(&mut s, paste("444455556666\n"));
    let Some(Modal::Create(form)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert_eq!(form.draft.receiver_account, "444455556666");
    assert!(matches!(effects.as_slice(), [Effect::SettleDraft { .. }]));
}

#[test]
fn the_reject_dialog_shows_what_it_sends_and_why_a_press_sent_nothing() {
    let mut s = loaded(SIZE, 10, false);
    update(&mut s, key('x'));
    for _ in 0..3 {
        update(&mut s, code(KeyCode::Tab));
    }
    let Some(Modal::Reject(d)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert_eq!(
        (d.focus, d.chosen()),
        (RejectFocus::Reject, None),
        "nothing picked, nothing typed"
    );
    assert_eq!(rejects(&update(&mut s, code(KeyCode::Enter))), 0);
    let screen = screen_text(&s);
    assert!(
        screen.contains("Not sent: Pick a reason or type one."),
        "{screen}"
    );

    update(&mut s, code(KeyCode::BackTab));
    for c in "Budget moved".chars() {
        update(&mut s, key(c));
    }
    let screen = screen_text(&s);
    assert!(screen.contains("Sends Budget moved"), "{screen}");
    assert!(
        screen.contains("• Other"),
        "the typed text is what is sent: {screen}"
    );
    assert!(!screen.contains("• Customer problem unclear"), "{screen}");
}

#[test]
fn the_accept_key_right_after_a_notice_is_held_once() {
    let mut s = with_accepts();
    let failing = start_accept(&mut s, 0);
    update(&mut s, key('j'));
    update(&mut s, key('a'));
    finish(
        &mut s,
        0,
        &failing,
        TaskStatus::Failed,
        Some("InternalError"),
    );
    let effects = update(&mut s, key('y'));
    assert!(!effects
        .iter()
        .any(|e| matches!(e, Effect::StartTask { .. })));
    assert!(screen_text(&s).contains("A notice came in just now; press y again to accept."));
    let effects = update(&mut s, key('y'));
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::StartTask { .. })));
    assert!(s.modals.is_empty());
}
