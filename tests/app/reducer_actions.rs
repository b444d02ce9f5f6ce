//! The reducer's accept and reject flows: confirmation, client tokens, the poll schedule,
//! COMPLETE and FAILED, retry, resume after a restart, reject validation and errors.

use crate::fixtures;
use pc_inbox::app::{SyncMsg, TaskMsg};

use std::time::Duration;

use crossterm::event::KeyCode;
use fixtures::{code, key, loaded};
use fixtures::{rejects, update};
use pc_inbox::app::modes::reject::REASONS;
use pc_inbox::app::modes::RejectFocus;
use pc_inbox::app::tasks::Phase;
use pc_inbox::app::{Effect, Level, Modal, Msg, State};
use pc_inbox::domain::SavedTask;
use pc_inbox::domain::{InvitationStatus, Task, TaskKind, TaskStatus};
use pc_inbox::service::ServiceError;

const SIZE: (u16, u16) = (160, 48);
const ID: &str = "engi-0000000000000";

fn task(status: TaskStatus) -> Task {
    Task {
        kind: TaskKind::Accept,
        engagement_id: None,
        snapshot_job_id: None,
        id: "task-0000000000001".into(),
        arn: None,
        status,
        message: None,
        reason_code: None,
        opportunity_id: None,
        invitation_id: Some(ID.into()),
        start_time: Some(fixtures::now()),
    }
}

/// Ready to accept. These tests follow one invitation, so the selection stays on it (moving on
/// after an action is tested in `reducer_triage.rs`).
fn with_accepts(s: &mut State) {
    s.restore_tasks(Vec::new(), "test".into());
    s.settings.auto_advance = false;
}

fn start_token(effects: &[Effect]) -> String {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::StartTask { client_token, .. } => Some(client_token.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no StartTask in {effects:?}"))
}

fn poll_after(effects: &[Effect]) -> Option<Duration> {
    effects.iter().find_map(|e| match e {
        Effect::PollTask { after, .. } => Some(*after),
        _ => None,
    })
}

/// The record the reducer asks the store to keep for the accept of `ID`.
fn saved(effects: &[Effect]) -> Option<&SavedTask> {
    effects.iter().find_map(|e| match e {
        Effect::SaveTask {
            kind: TaskKind::Accept,
            subject,
            record,
        } if subject == ID => Some(record),
        _ => None,
    })
}

/// Whether the reducer lets the record of the accept of `ID` go.
fn forgot(effects: &[Effect]) -> bool {
    effects.iter().any(|e| {
        matches!(e, Effect::ForgetTask { kind: TaskKind::Accept, subject, .. } if subject == ID)
    })
}

/// The start's answer for `ID`; `found` when it is the task the service had already.
fn started(result: Result<Task, ServiceError>, found: bool) -> Msg {
    Msg::Task(TaskMsg::Started {
        work: (TaskKind::Accept, ID.into()),
        claimed: None,
        result,
        found,
    })
}

/// A poll's answer for the accept of `ID`.
fn polled(task_id: String, result: Result<Task, ServiceError>) -> Msg {
    Msg::Task(TaskMsg::Polled {
        work: (TaskKind::Accept, ID.into()),
        task_id,
        result,
    })
}

/// Opens the confirmation for the selected (first) invitation and confirms it.
fn accept(s: &mut State) -> Vec<Effect> {
    update(s, key('a'));
    update(s, key('y'))
}

#[test]
fn the_confirmation_shows_title_and_customer_and_can_be_cancelled() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    fixtures::deliver(&mut s, fixtures::opportunity(0));
    update(&mut s, key('a'));
    let Some(Modal::Confirm(c)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert_eq!(c.title, "Globex SAP migration 0");
    assert_eq!(c.customer.as_deref(), Some("Globex Corporation"));
    assert!(update(&mut s, key('n')).is_empty());
    assert!(s.modals.is_empty());
    update(&mut s, key('a'));
    assert!(update(&mut s, code(KeyCode::Esc)).is_empty());
    update(&mut s, key('a'));
    update(&mut s, code(KeyCode::Tab));
    assert!(
        update(&mut s, code(KeyCode::Enter)).is_empty(),
        "Enter on Cancel"
    );
    assert!(s.tasks().get(TaskKind::Accept, ID).is_none());
}

#[test]
fn confirming_saves_the_token_before_starting_the_task() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    let effects = accept(&mut s);
    let token = start_token(&effects);
    assert_eq!(
        s.tasks().get(TaskKind::Accept, ID).unwrap().client_token,
        token,
        "the start carries the run's token, which the runtime claims in the store first"
    );
    assert!(s
        .tasks()
        .get(TaskKind::Accept, ID)
        .unwrap()
        .phase
        .is_active());
    assert!(s.actionable().is_none(), "no second accept while one runs");
    update(&mut s, key('a'));
    assert!(s.modals.is_empty());
    assert_eq!(
        s.notices.latest().unwrap().text,
        "This invitation is already being accepted"
    );
}

#[test]
fn a_failed_start_keeps_the_token_for_the_retry() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    let token = start_token(&accept(&mut s));
    let err = ServiceError::Network {
        message: "connection reset".into(),
    };
    let effects = update(&mut s, started(Err(err), false));
    assert!(!forgot(&effects), "the token is kept for a retry");
    assert!(matches!(
        s.tasks().get(TaskKind::Accept, ID).unwrap().phase,
        Phase::Failed { .. }
    ));
    assert_eq!(s.notices.latest().unwrap().level, Level::Error);
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('a'));
    let Some(Modal::Confirm(c)) = s.top() else {
        panic!()
    };
    assert!(c.retry);
    let retry = update(&mut s, key('y'));
    assert_eq!(
        start_token(&retry),
        token,
        "the same token: the service cannot start a second task"
    );
}

#[test]
fn an_interrupted_accept_can_be_sent_again_after_the_row_changed() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    let token = start_token(&accept(&mut s));
    let lost = ServiceError::Network {
        message: "the connection closed before the answer".into(),
    };
    update(&mut s, started(Err(lost), false));
    // The start went through after all: a reload shows the task's work.
    s.list
        .update_row(ID, |row| row.status = Some(InvitationStatus::Accepted));
    assert!(s.actionable().is_none());
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('a'));
    let Some(Modal::Confirm(c)) = s.top() else {
        panic!("no confirmation: {:?}", s.notices.latest())
    };
    assert!(c.retry);
    let retry = update(&mut s, key('y'));
    assert_eq!(
        start_token(&retry),
        token,
        "the service answers with its task"
    );
    let done = update(&mut s, started(Ok(task(TaskStatus::Complete)), false));
    assert!(matches!(
        s.tasks().get(TaskKind::Accept, ID).unwrap().phase,
        Phase::Complete { .. }
    ));
    assert!(forgot(&done), "no record outlives it");
    update(&mut s, key('a'));
    assert!(
        s.modals.is_empty(),
        "a finished accept is not offered again"
    );
}

#[test]
fn a_start_the_service_refused_leaves_no_record_behind() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    accept(&mut s);
    let err = ServiceError::NotFound {
        message: "Invitation engi-0000000000002 does not exist.".into(),
    };
    let effects = update(&mut s, started(Err(err), false));
    assert!(forgot(&effects), "nothing started, so no token to keep");
    assert!(matches!(
        s.tasks().get(TaskKind::Accept, ID).unwrap().phase,
        Phase::Failed { .. }
    ));
    assert!(s
        .notices
        .latest()
        .unwrap()
        .text
        .contains("The service refused to accept"));
}

#[test]
fn polls_back_off_from_one_second_doubling_to_ten() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    accept(&mut s);
    let effects = update(&mut s, started(Ok(task(TaskStatus::InProgress)), false));
    assert_eq!(
        saved(&effects).unwrap().task_id.as_deref(),
        Some("task-0000000000001")
    );
    let mut waits = vec![poll_after(&effects).unwrap().as_secs()];
    for _ in 0..5 {
        let effects = update(
            &mut s,
            polled(
                "task-0000000000001".into(),
                Ok(task(TaskStatus::InProgress)),
            ),
        );
        waits.push(poll_after(&effects).unwrap().as_secs());
    }
    assert_eq!(waits, [1, 2, 4, 8, 10, 10]);
    let effects = update(
        &mut s,
        Msg::Task(TaskMsg::Polled {
            work: (TaskKind::Accept, ID.into()),
            task_id: "task-0000000000001".into(),
            result: Err(ServiceError::Throttled {
                message: "Rate exceeded".into(),
            }),
        }),
    );
    assert_eq!(
        poll_after(&effects),
        Some(Duration::from_secs(10)),
        "a throttled poll is retried"
    );
    let stale = update(
        &mut s,
        polled("task-other".into(), Ok(task(TaskStatus::Complete))),
    );
    assert!(stale.is_empty(), "a reply for another task is ignored");
}

#[test]
fn complete_marks_the_row_accepted_with_its_opportunity() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    fixtures::deliver(&mut s, fixtures::opportunity(0));
    accept(&mut s);
    update(&mut s, started(Ok(task(TaskStatus::InProgress)), false));
    let mut done = task(TaskStatus::Complete);
    done.opportunity_id = Some("O1234567890".into());
    let effects = update(&mut s, polled(done.id.clone(), Ok(done)));
    assert!(forgot(&effects), "nothing left to resume");
    assert_eq!(
        s.selected().unwrap().status,
        Some(InvitationStatus::Accepted)
    );
    assert_eq!(
        s.details.ready(ID).unwrap().summary.status,
        Some(InvitationStatus::Accepted)
    );
    let notice = s.notices.latest().unwrap();
    assert_eq!(notice.level, Level::Success);
    assert!(notice.text.contains("O1234567890"), "{}", notice.text);
    assert!(s.actionable().is_none());
    assert!(
        effects.contains(&Effect::LoadOpportunity {
            invitation_id: ID.into(),
            known: Some("O1234567890".into())
        }),
        "the detail will show the opportunity: {effects:?}"
    );
}

#[test]
fn an_accept_the_service_had_done_already_is_shown_as_done_with_nothing_started_or_journaled() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    fixtures::deliver(&mut s, fixtures::opportunity(0));
    accept(&mut s);
    let mut done = task(TaskStatus::Complete);
    done.opportunity_id = Some("O1234567890".into());
    let effects = update(&mut s, started(Ok(done), true));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Journal(_))),
        "nothing changed on the service: {effects:?}"
    );
    assert!(forgot(&effects), "no record is kept for it");
    assert!(matches!(
        s.tasks().get(TaskKind::Accept, ID).unwrap().phase,
        Phase::Complete { ref made } if made.as_deref() == Some("O1234567890")
    ));
    assert_eq!(
        s.selected().unwrap().status,
        Some(InvitationStatus::Accepted)
    );
    let notice = &s.notices.latest().unwrap().text;
    assert!(
        notice.contains("was accepted already — opportunity O1234567890; nothing was started"),
        "{notice}"
    );
}

#[test]
fn an_accept_task_the_service_has_running_is_followed_and_journaled_as_resumed() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    accept(&mut s);
    let effects = update(&mut s, started(Ok(task(TaskStatus::InProgress)), true));
    let journaled: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Journal(entry) => Some(entry.action),
            _ => None,
        })
        .collect();
    assert_eq!(
        journaled,
        [pc_inbox::domain::journal::Action::AcceptResumed]
    );
    assert_eq!(poll_after(&effects), Some(Duration::from_secs(1)));
}

#[test]
fn failed_shows_the_reason_and_a_retry_gets_a_new_token() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    let first = start_token(&accept(&mut s));
    let mut failed = task(TaskStatus::Failed);
    failed.reason_code = Some("OpportunityValidationFailed".into());
    failed.message = Some("Postal code is required.".into());
    update(&mut s, started(Ok(failed), false));
    let notice = s.notices.latest().cloned().unwrap();
    assert_eq!(notice.level, Level::Error);
    assert!(
        notice
            .text
            .contains("OpportunityValidationFailed: Postal code is required"),
        "{}",
        notice.text
    );
    assert_eq!(
        s.selected().unwrap().status,
        Some(InvitationStatus::Pending)
    );
    update(&mut s, code(KeyCode::Esc));
    let retry = start_token(&accept(&mut s));
    assert_ne!(retry, first);
}

#[test]
fn a_restart_resumes_running_tasks_and_adopts_others_in_progress() {
    let (mut s, _) = fixtures::state(SIZE);
    let saved = SavedTask {
        client_token: "tok".into(),
        task_id: Some("task-0000000000001".into()),
        title: Some("T".into()),
        started: fixtures::now(),
    };
    s.restore_tasks(
        vec![(TaskKind::Accept, ID.into(), saved)],
        "second-run".into(),
    );
    let effects = pc_inbox::app::update::init(&mut s);
    assert_eq!(poll_after(&effects), Some(Duration::ZERO));
    assert!(effects.contains(&Effect::FindRunningTasks(TaskKind::Accept)));
    let mut elsewhere = task(TaskStatus::InProgress);
    elsewhere.id = "task-0000000000002".into();
    elsewhere.invitation_id = Some("engi-0000000000003".into());
    let mut known = task(TaskStatus::InProgress);
    known.invitation_id = Some(ID.into());
    let effects = update(
        &mut s,
        Msg::Task(TaskMsg::Running {
            kind: TaskKind::Accept,
            result: Ok(vec![known, elsewhere]),
        }),
    );
    assert_eq!(
        effects.len(),
        1,
        "only the task this run did not know: {effects:?}"
    );
    assert!(s
        .tasks()
        .get(TaskKind::Accept, "engi-0000000000003")
        .unwrap()
        .phase
        .is_active());
}

#[test]
fn reject_opens_with_cancel_focused_and_validates_the_reason_live() {
    let mut s = loaded(SIZE, 5, false);
    update(&mut s, key('x'));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!()
    };
    assert_eq!(d.focus, RejectFocus::Cancel);
    assert!(
        update(&mut s, code(KeyCode::Enter)).is_empty(),
        "Enter on Cancel closes"
    );
    assert!(s.modals.is_empty());

    update(&mut s, key('x'));
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, key('j'));
    update(&mut s, key('j'));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!()
    };
    assert_eq!(d.reason.value(), "Unable to support");
    assert!(d.problem().is_none());
    update(&mut s, code(KeyCode::Up));
    update(&mut s, code(KeyCode::Up));
    update(&mut s, code(KeyCode::Up));
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!()
    };
    assert_eq!(
        (d.reason.value(), d.focus),
        ("", RejectFocus::Text),
        "Other: type your own"
    );
    assert_eq!(d.sends(), "Other", "or send Other as it is");
    assert!(d.problem().is_none());
    for c in "x".repeat(81).chars() {
        update(&mut s, key(c));
    }
    let Some(Modal::Reject(d)) = s.top() else {
        panic!()
    };
    assert_eq!(d.problem().unwrap(), "At most 80 characters (81 now)");
    update(&mut s, code(KeyCode::Enter));
    assert!(
        update(&mut s, code(KeyCode::Enter)).is_empty(),
        "an invalid reason is not sent"
    );
    for _ in 0..3 {
        update(&mut s, code(KeyCode::Tab));
    }
    update(&mut s, code(KeyCode::Backspace));
    update(&mut s, code(KeyCode::Enter));
    let effects = update(&mut s, code(KeyCode::Enter));
    assert!(
        effects.iter().all(|e| e.write().is_none()),
        "held first: {effects:?}"
    );
    assert_eq!(
        rejects(&after_hold(&mut s)),
        [(ID.to_string(), "x".repeat(80))]
    );
}

/// Time passes beyond the reject hold.
fn after_hold(s: &mut State) -> Vec<Effect> {
    let now = s.clock.now + chrono::Duration::from_std(s.settings.reject_hold).unwrap();
    update(s, Msg::Tick { now })
}

/// Types a reason into the reject dialog of the selection and presses [Reject].
fn reject_with(s: &mut State, reason: &str) -> Vec<Effect> {
    update(s, key('x'));
    update(s, code(KeyCode::Tab));
    update(s, code(KeyCode::Tab));
    for c in reason.chars() {
        update(s, key(c));
    }
    update(s, code(KeyCode::Enter));
    update(s, code(KeyCode::Enter))
}

#[test]
fn a_failed_reject_is_said_and_x_retries_it_with_the_text_kept_and_success_marks_the_row() {
    let mut s = loaded(SIZE, 5, false);
    s.settings.auto_advance = false;
    reject_with(&mut s, "No capacity");
    assert!(
        s.modals.is_empty(),
        "the dialog hands the reject to the queue"
    );
    assert_eq!(rejects(&after_hold(&mut s)).len(), 1);
    let err = ServiceError::Service {
        code: Some("InternalServerException".into()),
        message: "boom".into(),
    };
    update(
        &mut s,
        Msg::Rejected {
            invitation_id: ID.into(),
            reason: "No capacity".into(),
            result: Err(err),
        },
    );
    let notice = s.notices.latest().unwrap();
    assert_eq!(notice.level, Level::Error);
    assert!(notice.text.contains("boom"), "{}", notice.text);
    assert!(
        notice.text.contains("Press x to try again"),
        "{}",
        notice.text
    );
    fixtures::deliver(&mut s, fixtures::opportunity(0));
    let screen = fixtures::screen_text(&s);
    assert!(
        screen.contains("── Reject") && screen.contains("Failed: Partner Central failed"),
        "the reason in the detail: {screen}"
    );
    update(&mut s, fixtures::resize((300, 48)));
    let screen = fixtures::screen_text(&s);
    let row = screen
        .lines()
        .find(|l| l.contains("FAILED"))
        .unwrap_or_default();
    assert!(
        row.contains("Globex SAP migration 0 — Partner Central failed"),
        "and after the title on the row, as far as it fits: {row}"
    );
    update(&mut s, fixtures::resize(SIZE));
    update(&mut s, key('x'));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert_eq!(d.reason.value(), "No capacity", "the reason is kept");
    assert_eq!(d.focus, RejectFocus::Cancel, "Cancel still comes first");
    update(&mut s, code(KeyCode::BackTab));
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(
        rejects(&after_hold(&mut s)),
        [(ID.to_string(), "No capacity".to_string())]
    );
    update(
        &mut s,
        Msg::Rejected {
            invitation_id: ID.into(),
            reason: "No capacity".into(),
            result: Ok(()),
        },
    );
    assert!(s.modals.is_empty());
    assert_eq!(
        s.list.get(ID).unwrap().status,
        Some(InvitationStatus::Rejected)
    );
    assert!(
        s.actionable().is_none(),
        "no accept or reject on a rejected invitation"
    );
}

#[test]
fn z_during_the_hold_sends_nothing_and_the_countdown_names_it() {
    let mut s = loaded(SIZE, 5, false);
    s.settings.auto_advance = false;
    let effects = reject_with(&mut s, "No capacity");
    assert!(effects.iter().all(|e| e.write().is_none()));
    let screen = fixtures::screen_text(&s);
    assert!(
        screen.contains("Rejecting “Globex SAP migration 0” in 5 s  ·  z undo"),
        "{screen}"
    );
    let now = s.clock.now + chrono::Duration::seconds(3);
    assert!(rejects(&update(&mut s, Msg::Tick { now })).is_empty());
    assert!(fixtures::screen_text(&s).contains("in 2 s"));
    update(&mut s, key('z'));
    assert!(s
        .notices
        .latest()
        .unwrap()
        .text
        .contains("Nothing was sent"));
    assert!(rejects(&after_hold(&mut s)).is_empty());
    assert!(rejects(&after_hold(&mut s)).is_empty());
    assert_eq!(
        s.list.get(ID).unwrap().status,
        Some(InvitationStatus::Pending)
    );
    assert!(s.actionable().is_some(), "it can be acted on again");
}

#[test]
fn a_reject_hold_of_zero_sends_at_once() {
    let mut s = loaded(SIZE, 5, false);
    s.settings.reject_hold = Duration::ZERO;
    assert_eq!(rejects(&reject_with(&mut s, "No capacity")).len(), 1);
}

#[test]
fn only_pending_received_invitations_offer_accept_and_reject() {
    let mut s = loaded(SIZE, 6, false);
    assert!(s.actionable().is_some());
    for _ in 0..4 {
        update(&mut s, key('j'));
    }
    assert_eq!(
        s.selected().unwrap().status,
        Some(InvitationStatus::Accepted)
    );
    update(&mut s, key('a'));
    assert!(s.modals.is_empty());
    assert!(s.notices.latest().unwrap().text.contains("Only PENDING"));
    update(&mut s, key('2'));
    let generation = s.list_generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(fixtures::page(0..3, false)),
        }),
    );
    update(&mut s, key('x'));
    assert!(
        s.modals.is_empty(),
        "sent invitations cannot be rejected by their sender"
    );
}

#[test]
fn several_accepts_run_at_once_and_the_status_line_counts_them() {
    let mut s = loaded(SIZE, 5, false);
    with_accepts(&mut s);
    let first = start_token(&accept(&mut s));
    update(&mut s, key('j'));
    let second = start_token(&accept(&mut s));
    assert_ne!(first, second);
    assert_eq!(s.tasks().active(TaskKind::Accept).count(), 2);
    let screen = fixtures::screen_text(&s);
    assert!(screen.contains("(+1 more)"), "{screen}");
}

#[test]
fn other_sends_other_unless_a_reason_is_typed() {
    let mut s = loaded(SIZE, 5, false);
    update(&mut s, key('x'));
    update(&mut s, code(KeyCode::Up));
    update(&mut s, code(KeyCode::Up));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!()
    };
    assert_eq!(
        (d.focus, d.cursor, d.sends().as_str()),
        (RejectFocus::Reasons, REASONS.len() - 1, "Other"),
        "the arrows work from the first key, Cancel focused or not"
    );
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(
        rejects(&after_hold(&mut s)),
        [(ID.to_string(), "Other".to_string())]
    );
}

#[test]
fn the_arrows_pick_from_the_buttons_starting_where_the_list_was() {
    let mut s = loaded(SIZE, 5, false);
    update(&mut s, key('x'));
    update(&mut s, code(KeyCode::Down));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!()
    };
    assert_eq!(
        (d.focus, d.reason.value()),
        (RejectFocus::Reasons, REASONS[0]),
        "the first press lands on the first reason"
    );
    update(&mut s, code(KeyCode::Down));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!()
    };
    assert_eq!(d.reason.value(), REASONS[1]);
}
