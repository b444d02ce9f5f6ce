//! The inbox watching by itself: a look every interval lists only the pending invitations;
//! what arrived joins the list as new and is announced, what left has its detail read again.

use crate::fixtures;
use pc_inbox::app::InboxMsg;

use std::time::Duration;

use fixtures::update;
use fixtures::{loaded, summary};
use pc_inbox::app::{Effect, Msg, State};
use pc_inbox::domain::{InvitationStatus, InvitationSummary, Page};

const SIZE: (u16, u16) = (160, 48);

fn pending(ids: &[usize]) -> Vec<InvitationSummary> {
    ids.iter().map(|&i| summary(i)).collect()
}

fn listed(rows: Vec<InvitationSummary>, next: Option<&str>) -> Msg {
    Msg::Inbox(InboxMsg::PendingListed(Ok(Page {
        items: rows,
        next_token: next.map(str::to_string),
    })))
}

/// A look: the tick, then the pages given.
fn look(s: &mut State, pages: Vec<(Vec<InvitationSummary>, Option<&str>)>) -> Vec<Effect> {
    let effects = update(s, Msg::Inbox(InboxMsg::WatchTick));
    assert_eq!(effects, [Effect::ListPending { next_token: None }]);
    let mut last = Vec::new();
    for (rows, next) in pages {
        last = update(s, listed(rows, next));
    }
    last
}

#[test]
fn watching_starts_after_one_interval_and_zero_turns_it_off() {
    let (_, effects) = fixtures::state(SIZE);
    assert!(effects.contains(&Effect::WatchAfter(Duration::from_secs(300))));
    let mut settings = pc_inbox::app::Settings::default();
    settings.watch.interval = Duration::ZERO;
    let mut s = State::new(
        settings,
        pc_inbox::keymap::Keymap::default(),
        fixtures::clock(),
        pc_inbox::ui::geometry(SIZE, 0),
    );
    let effects = pc_inbox::app::update::init(&mut s);
    assert!(!effects.iter().any(|e| matches!(e, Effect::WatchAfter(_))));
}

#[test]
fn a_look_pages_through_the_pending_set_and_the_first_only_takes_note() {
    let mut s = loaded(SIZE, 4, false);
    let effects = update(&mut s, Msg::Inbox(InboxMsg::WatchTick));
    assert_eq!(effects, [Effect::ListPending { next_token: None }]);
    assert!(
        update(&mut s, Msg::Inbox(InboxMsg::WatchTick)).is_empty(),
        "one look at a time"
    );
    let effects = update(&mut s, listed(pending(&[0, 1]), Some("t")));
    assert_eq!(
        effects,
        [Effect::ListPending {
            next_token: Some("t".into())
        }]
    );
    let effects = update(&mut s, listed(pending(&[2, 3]), None));
    assert_eq!(effects, [Effect::WatchAfter(Duration::from_secs(300))]);
    assert_eq!(s.watching.known.as_ref().unwrap().len(), 4);
}

#[test]
fn arrivals_join_the_list_as_new_and_are_announced_and_departures_are_read_again() {
    let mut s = loaded(SIZE, 4, false);
    s.settings.watch.bell = true;
    look(&mut s, vec![(pending(&[0, 1, 2, 3]), None)]);
    let mut arrival = summary(7);
    arrival.id = "engi-arrived000001".into();
    arrival.engagement_title = Some("Fresh lead".into());
    let mut now = pending(&[0, 2, 3]);
    now.insert(0, arrival.clone());
    let effects = look(&mut s, vec![(now, None)]);
    assert!(s.list.contains(&arrival.id));
    assert!(s.memory.unread.contains(&arrival.id));
    assert!(effects.contains(&Effect::Announce {
        bell: true,
        notification: None
    }));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::LoadDetail { id, .. } if *id == summary(1).id
    )));
    assert!(effects.iter().any(|e| matches!(e, Effect::Remember { .. })));
    let notice = &s.notices.current(s.clock.now).unwrap().text;
    assert_eq!(notice, "New invitation: “Fresh lead”");
    assert!(fixtures::screen_text(&s).contains("1 new"));

    // The departed invitation's detail says what became of it, and its row shows it.
    let mut gone = fixtures::opportunity(1);
    gone.summary.status = Some(InvitationStatus::Rejected);
    fixtures::deliver(&mut s, gone);
    assert_eq!(
        s.list.get(&summary(1).id).unwrap().status,
        Some(InvitationStatus::Rejected)
    );
}

#[test]
fn a_failed_look_is_tried_again_at_the_next_and_keeps_what_it_knew() {
    let mut s = loaded(SIZE, 4, false);
    look(&mut s, vec![(pending(&[0, 1]), None)]);
    update(&mut s, Msg::Inbox(InboxMsg::WatchTick));
    let effects = update(
        &mut s,
        Msg::Inbox(InboxMsg::PendingListed(Err(
            pc_inbox::service::ServiceError::Network {
                message: "down".into(),
            },
        ))),
    );
    assert_eq!(effects, [Effect::WatchAfter(Duration::from_secs(300))]);
    assert_eq!(s.watching.known.as_ref().unwrap().len(), 2);
    assert!(!s.watching.looking);
}
