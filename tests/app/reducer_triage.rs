//! Triage in the reducer: marks (Space, `*`, `u`, Esc); one confirmation naming the count and
//! what is skipped; a queue that sends one write at a time, shows each row's state, can be
//! stopped, and comes back after a restart; auto-advance after a single action; the pipeline
//! summary; the rule that decides the selected invitation.

use crate::fixtures;
use pc_inbox::app::TaskMsg;

use crossterm::event::KeyCode;
use fixtures::{code, key, loaded};
use fixtures::{rejects, update};
use pc_inbox::app::{BulkKind, BulkQueue, Effect, ItemState, Modal, Msg, State};
use pc_inbox::domain::{InvitationStatus, Task, TaskKind, TaskStart, TaskStatus};
use pc_inbox::service::ServiceError;

const SIZE: (u16, u16) = (160, 48);

fn id(i: usize) -> String {
    format!("engi-{i:013}")
}

fn ready(n: usize) -> State {
    let mut s = loaded(SIZE, n, false);
    s.restore_tasks(Vec::new(), "test".into());
    s
}

fn selected(s: &State) -> String {
    s.selected().unwrap().id.clone()
}

fn starts(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::StartTask {
                start: TaskStart::Accept { invitation_id },
                ..
            } => Some(invitation_id.clone()),
            _ => None,
        })
        .collect()
}

fn saved_queue(effects: &[Effect]) -> Option<Option<BulkQueue>> {
    effects.iter().rev().find_map(|e| match e {
        Effect::SaveBulk(q) => Some(q.as_deref().cloned()),
        _ => None,
    })
}

fn started(id: &str) -> Msg {
    Msg::Task(TaskMsg::Started {
        work: (TaskKind::Accept, id.into()),
        claimed: None,
        result: Ok(Task {
            kind: TaskKind::Accept,
            engagement_id: None,
            snapshot_job_id: None,
            id: format!("task-{}", &id[5..]),
            arn: None,
            status: TaskStatus::InProgress,
            message: None,
            reason_code: None,
            opportunity_id: None,
            invitation_id: Some(id.into()),
            start_time: Some(fixtures::now()),
        }),
        found: false,
    })
}

fn rejected(id: &str, result: Result<(), ServiceError>) -> Msg {
    Msg::Rejected {
        invitation_id: id.into(),
        reason: "Unable to support".into(),
        result,
    }
}

fn item_state(s: &State, id: &str) -> ItemState {
    s.bulk.as_ref().unwrap().state_of(id).unwrap().clone()
}

#[test]
fn space_marks_and_moves_down_star_marks_all_shown_u_and_esc_clear() {
    let mut s = ready(6);
    update(&mut s, key(' '));
    assert_eq!(selected(&s), id(1));
    update(&mut s, key(' '));
    assert_eq!(s.list.mark_count(), 2);
    assert!(s.list.is_marked(&id(0)) && s.list.is_marked(&id(1)));
    update(&mut s, key('k'));
    update(&mut s, key(' '));
    assert_eq!(s.list.mark_count(), 1, "Space on a marked row unmarks it");
    assert!(fixtures::screen_text(&s).contains("1 marked"));
    update(&mut s, key('u'));
    assert_eq!(s.list.mark_count(), 0);
    update(&mut s, key('*'));
    assert_eq!(s.list.mark_count(), 6);
    update(&mut s, code(KeyCode::Esc));
    assert_eq!(s.list.mark_count(), 0);
}

#[test]
fn marks_follow_the_search_and_leave_with_their_rows() {
    let mut s = ready(6);
    update(&mut s, key('/'));
    for c in "globex".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let shown = s.list.position().1;
    assert!(shown > 0 && shown < 6);
    update(&mut s, key('*'));
    assert_eq!(s.list.mark_count(), shown, "only what the search shows");
    s.list.forget(&[id(0)], 10);
    assert!(s.list.marked().iter().all(|r| s.list.get(&r.id).is_some()));
}

#[test]
fn accepting_marked_rows_confirms_the_count_skips_the_rest_and_sends_one_at_a_time() {
    let mut s = ready(6);
    // Rows 0–3 are pending, row 4 is accepted already.
    for _ in 0..5 {
        update(&mut s, key(' '));
    }
    assert!(update(&mut s, key('a')).is_empty());
    let Some(Modal::Bulk(c)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert_eq!(c.question(), "Accept 4 invitations?");
    assert_eq!(c.skipped.len(), 1);
    assert_eq!(c.skipped[0].0.id, id(4));
    assert!(c.skipped[0].1.contains("not pending (ACCEPTED)"));
    let screen = fixtures::screen_text(&s);
    assert!(screen.contains("Accept 4 invitations?"), "{screen}");
    assert!(screen.contains("Skipped (1):"), "{screen}");

    let effects = update(&mut s, key('y'));
    assert_eq!(starts(&effects), [id(0)], "one write at a time");
    assert_eq!(s.list.mark_count(), 0, "the marks are used up");
    let queue = saved_queue(&effects).flatten().expect("the queue is saved");
    assert_eq!(queue.items().len(), 4);
    assert_eq!(item_state(&s, &id(1)), ItemState::Waiting);
    assert!(fixtures::screen_text(&s).contains("Accepting 1/4"));

    let mut all = vec![id(0)];
    for i in 0..3 {
        let effects = update(&mut s, started(&id(i)));
        all.extend(starts(&effects));
    }
    assert_eq!(all, [id(0), id(1), id(2), id(3)]);
    let effects = update(&mut s, started(&id(3)));
    assert!(starts(&effects).is_empty());
    assert_eq!(
        saved_queue(&effects),
        Some(None),
        "a finished queue is forgotten"
    );
    assert!(s.bulk.as_ref().unwrap().finished());
    let notice = &s.notices.current(s.clock.now).unwrap().text;
    assert!(notice.contains("Started accepting 4 of 4"), "{notice}");
}

#[test]
fn rejecting_marked_rows_asks_one_reason_then_sends_each_and_counts_conflicts_as_skipped() {
    let mut s = ready(4);
    update(&mut s, key('*'));
    update(&mut s, key('x'));
    update(&mut s, key('y'));
    let Some(Modal::Reject(d)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert_eq!(d.many.len(), 4);
    assert!(fixtures::screen_text(&s).contains("4 invitations"));
    // Reasons: down twice to "Unable to support", pick, then Reject.
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, code(KeyCode::Down));
    update(&mut s, code(KeyCode::Down));
    update(&mut s, code(KeyCode::Enter));
    let effects = update(&mut s, code(KeyCode::Enter));
    assert!(rejects(&effects).is_empty(), "held first");
    assert!(s.modals.is_empty());
    assert!(fixtures::screen_text(&s).contains("Rejecting 4 invitations in 5 s  ·  z undo"));
    let now = s.clock.now + chrono::Duration::seconds(5);
    let effects = update(&mut s, Msg::Tick { now });
    assert_eq!(
        rejects(&effects),
        [(id(0), "Unable to support".to_string())],
        "{:?}",
        s.modals
    );
    let effects = update(&mut s, rejected(&id(0), Ok(())));
    assert_eq!(rejects(&effects)[0].0, id(1));
    assert!(effects.iter().any(|e| matches!(e, Effect::Journal(_))));
    assert_eq!(
        s.list.get(&id(0)).unwrap().status,
        Some(InvitationStatus::Rejected)
    );
    let conflict = ServiceError::Conflict {
        message: "already REJECTED".into(),
    };
    update(&mut s, rejected(&id(1), Err(conflict)));
    assert!(matches!(item_state(&s, &id(1)), ItemState::Skipped(_)));
    let failure = ServiceError::Network {
        message: "connection reset".into(),
    };
    update(&mut s, rejected(&id(2), Err(failure)));
    assert!(matches!(item_state(&s, &id(2)), ItemState::Failed(_)));
    assert!(fixtures::screen_text(&s).contains("FAILED"));
    update(&mut s, rejected(&id(3), Ok(())));
    let notice = &s.notices.current(s.clock.now).unwrap().text;
    assert!(notice.contains("Rejected 2 of 4"), "{notice}");
    assert!(
        notice.contains("1 skipped") && notice.contains("1 failed"),
        "{notice}"
    );
    assert!(
        s.list.is_marked(&id(2)) && s.list.mark_count() == 1,
        "the failed one is marked again, to retry"
    );
}

#[test]
fn a_notice_that_just_came_in_makes_the_go_on_key_wait_for_a_second_press() {
    let mut s = ready(4);
    update(&mut s, key('*'));
    update(&mut s, key('a'));
    s.interrupted = true;
    assert!(update(&mut s, key('y')).is_empty());
    let Some(Modal::Bulk(c)) = s.top() else {
        panic!("{:?}", s.modals)
    };
    assert!(c.note.as_deref().unwrap().contains("again"));
    assert_eq!(starts(&update(&mut s, key('y'))), [id(0)]);
}

#[test]
fn esc_stops_what_has_not_started_and_keeps_what_is_done() {
    let mut s = ready(4);
    update(&mut s, key('*'));
    update(&mut s, key('a'));
    update(&mut s, key('y'));
    update(&mut s, started(&id(0)));
    let effects = update(&mut s, code(KeyCode::Esc));
    assert!(starts(&effects).is_empty(), "nothing new starts");
    assert_eq!(item_state(&s, &id(0)), ItemState::Done);
    assert_eq!(
        item_state(&s, &id(1)),
        ItemState::Sending,
        "its write is out"
    );
    assert_eq!(item_state(&s, &id(2)), ItemState::Cancelled);
    let effects = update(&mut s, started(&id(1)));
    assert!(starts(&effects).is_empty());
    assert!(s.bulk.as_ref().unwrap().finished());
    let notice = &s.notices.current(s.clock.now).unwrap().text;
    assert!(notice.contains("2 cancelled"), "{notice}");
}

#[test]
fn a_saved_queue_sends_nothing_at_start_until_a_fresh_yes() {
    // As the store keeps it: a reject sent, one out when the app stopped, one waiting.
    let saved = serde_json::json!({
        "kind": BulkKind::Reject {
            reason: "Other".into(),
        },
        "items": [
            item(0, ItemState::Done),
            item(1, ItemState::Sending),
            item(2, ItemState::Waiting),
        ],
    });
    let queue: BulkQueue = serde_json::from_value(saved).unwrap();
    let resumed = queue.resumed();
    assert_eq!(resumed.items()[1].state, ItemState::Waiting);
    assert_eq!(resumed.progress(), (1, 3));
    assert!(resumed.awaiting_yes());
    let mut s = ready(4);
    s.bulk = Some(resumed.clone());
    let effects = pc_inbox::app::update::init(&mut s);
    assert!(rejects(&effects).is_empty(), "nothing before the yes");
    assert!(matches!(s.top(), Some(Modal::Unsent(_))));
    let screen = fixtures::screen_text(&s);
    assert!(
        screen.contains("2 rejects from the last run were not sent:"),
        "{screen}"
    );
    assert!(screen.contains("y send them now · n drop them"), "{screen}");
    for msg in [key('j'), key('x'), code(KeyCode::Enter)] {
        assert!(rejects(&update(&mut s, msg)).is_empty());
    }
    let now = s.clock.now + chrono::Duration::seconds(60);
    assert!(rejects(&update(&mut s, Msg::Tick { now })).is_empty());
    let effects = update(&mut s, key('y'));
    assert_eq!(rejects(&effects), [(id(1), "Other".to_string())]);

    let mut dropped = ready(4);
    dropped.bulk = Some(resumed);
    pc_inbox::app::update::init(&mut dropped);
    let effects = update(&mut dropped, key('n'));
    assert!(rejects(&effects).is_empty());
    assert!(dropped.bulk.as_ref().unwrap().finished());
    assert!(effects.contains(&Effect::SaveBulk(None)), "forgotten");
    let notice = &dropped.notices.latest().unwrap().text;
    assert!(notice.contains("2 cancelled"), "{notice}");
}

fn item(i: usize, state: ItemState) -> pc_inbox::app::BulkItem {
    pc_inbox::app::BulkItem {
        id: id(i),
        title: format!("title {i}"),
        state,
        throttled: 0,
    }
}

#[test]
fn a_throttled_write_of_the_queue_goes_again_after_a_pause_and_is_not_journaled_as_failed() {
    let mut s = ready(2);
    s.settings.reject_hold = std::time::Duration::ZERO;
    update(&mut s, key('*'));
    update(&mut s, key('x'));
    update(&mut s, key('y'));
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, code(KeyCode::Enter));
    let effects = update(&mut s, code(KeyCode::Enter));
    assert_eq!(rejects(&effects).len(), 1);
    let throttled = Err(ServiceError::Throttled {
        message: "Rate exceeded".into(),
    });
    let effects = update(&mut s, rejected(&id(0), throttled));
    assert!(rejects(&effects).is_empty(), "not at once");
    assert!(!effects.iter().any(|e| matches!(e, Effect::Journal(_))));
    assert_eq!(item_state(&s, &id(0)), ItemState::Waiting);
    let soon = s.clock.now + chrono::Duration::milliseconds(500);
    assert!(rejects(&update(&mut s, Msg::Tick { now: soon })).is_empty());
    let later = s.clock.now + chrono::Duration::seconds(1);
    let effects = update(&mut s, Msg::Tick { now: later });
    assert_eq!(rejects(&effects)[0].0, id(0), "the same write again");
    let effects = update(&mut s, rejected(&id(0), Ok(())));
    assert_eq!(rejects(&effects)[0].0, id(1));
}

#[test]
fn after_a_single_accept_or_reject_the_selection_moves_to_the_next_actionable_row() {
    let mut s = ready(6);
    update(&mut s, key('a'));
    update(&mut s, key('y'));
    assert_eq!(selected(&s), id(1));
    // Row 3's neighbour, row 4, is accepted already: the next actionable one is row 5.
    update(&mut s, key('j'));
    update(&mut s, key('j'));
    assert_eq!(selected(&s), id(3));
    update(&mut s, key('x'));
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(
        selected(&s),
        id(5),
        "the rep moves on while the reject is held"
    );

    let mut off = ready(6);
    off.settings.auto_advance = false;
    update(&mut off, key('a'));
    update(&mut off, key('y'));
    assert_eq!(selected(&off), id(0));
}

#[test]
fn the_pipeline_line_counts_pending_what_expires_soon_and_the_known_spend() {
    // Rows 0–5: 4 pending is rows 0,1,2,3 and 5 (row 4 is accepted); rows 2 and 5 expire
    // within three days.
    let mut s = ready(6);
    let p = &s.pipeline;
    assert_eq!((p.pending, p.expiring, p.known), (5, 2, 0));
    assert!(p.spend.is_empty());
    fixtures::deliver(&mut s, fixtures::opportunity(0));
    fixtures::deliver(&mut s, fixtures::opportunity(2));
    let p = &s.pipeline;
    assert_eq!(p.known, 2);
    let usd: f64 = p
        .spend
        .iter()
        .filter(|(c, _)| c == "USD")
        .map(|(_, t)| t)
        .sum();
    assert!(usd > 0.0, "{:?}", p.spend);
    let screen = fixtures::screen_text(&s);
    assert!(
        screen.contains("5 pending · 2 expire within 3 days · USD"),
        "{screen}"
    );
    assert!(screen.contains("(2 of 5 known)"), "{screen}");
}

#[test]
fn the_detail_says_which_rule_decides_the_selected_invitation() {
    let mut s = ready(6);
    s.settings.rules = pc_inbox::rules::Rules::parse(
        r#"
[[rule]]
name = "German deals"
action = "reject"
reason = "Unable to support"
country = ["DE"]
"#,
    )
    .unwrap();
    fixtures::deliver(&mut s, fixtures::opportunity(0));
    let screen = fixtures::screen_text(&s);
    assert!(
        screen.contains("Rule              German deals → reject (Unable to support)"),
        "{screen}"
    );
    s.settings.rules.rules[0].when.countries = vec!["FR".into()];
    assert!(fixtures::screen_text(&s).contains("no rule matches"));
}
