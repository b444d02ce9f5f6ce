//! The inbox watching by itself, on the sync engine: the first look passes over the pending
//! set, later ones list the newest until what was known; what arrived joins the list as new
//! and is announced (also what arrived between the first load and the first look), what
//! changed shows, what left the pending set has its detail read again, and a look that fails
//! is tried again after a backoff until the service answers, which ends "offline".

use crate::fixtures;
use pc_inbox::app::SyncMsg;

use std::time::Duration;

use fixtures::update;
use fixtures::{loaded, summary};
use pc_inbox::app::{Effect, Msg, Remember, State};
use pc_inbox::domain::{InvitationStatus, InvitationSummary, Page};
use pc_inbox::service::ServiceError;

const SIZE: (u16, u16) = (160, 48);
const INTERVAL: Duration = Duration::from_secs(60);

fn rows(ids: &[usize]) -> Vec<InvitationSummary> {
    ids.iter().map(|&i| summary(i)).collect()
}

fn listed(rows: Vec<InvitationSummary>, next: Option<&str>) -> Msg {
    Msg::Sync(SyncMsg::Looked(Ok(Page {
        items: rows,
        next_token: next.map(str::to_string),
    })))
}

fn down() -> Msg {
    Msg::Sync(SyncMsg::Looked(Err(ServiceError::Network {
        message: "connection refused".into(),
    })))
}

/// The tick of the timer set last.
fn tick(s: &mut State) -> Vec<Effect> {
    let timer = s.watching.timer();
    update(s, Msg::Sync(SyncMsg::WatchTick { timer }))
}

/// The statuses a look's first page asks for (empty: every status, newest first). The tick
/// also asks the store whether another process wrote to it.
fn asks(effects: &[Effect]) -> Vec<InvitationStatus> {
    match effects {
        [Effect::ReadCachedViewIfChanged { .. }, Effect::Look {
            query,
            next_token: None,
        }] => query.statuses.clone(),
        other => panic!("not the start of a look: {other:?}"),
    }
}

/// A look: the tick, then the pages given; the effects of the last page.
fn look(s: &mut State, pages: Vec<(Vec<InvitationSummary>, Option<&str>)>) -> Vec<Effect> {
    asks(&tick(s));
    let mut last = Vec::new();
    for (rows, next) in pages {
        last = update(s, listed(rows, next));
    }
    last
}

fn waits(effects: &[Effect]) -> Option<Duration> {
    effects.iter().find_map(|e| match e {
        Effect::WatchAfter { after, .. } => Some(*after),
        _ => None,
    })
}

/// An invitation that arrived `minutes` ago, newer than every fixture row.
fn arrival(n: usize, minutes: i64) -> InvitationSummary {
    let mut row = summary(100 + n);
    row.engagement_title = Some(format!("Fresh lead {n}"));
    row.invitation_date = Some(fixtures::clock().now - chrono::Duration::minutes(minutes));
    row.status = Some(InvitationStatus::Pending);
    row
}

#[test]
fn watching_starts_after_one_interval_and_zero_turns_it_off() {
    let (_, effects) = fixtures::state(SIZE);
    assert_eq!(waits(&effects), Some(INTERVAL));
    let mut settings = pc_inbox::app::Settings::default();
    settings.watch.interval = Duration::ZERO;
    let mut s = State::new(
        settings,
        pc_inbox::keymap::Keymap::default(),
        fixtures::clock(),
        pc_inbox::ui::geometry(SIZE, 0),
    );
    let effects = pc_inbox::app::update::init(&mut s);
    assert_eq!(waits(&effects), None);
}

#[test]
fn the_first_look_passes_over_the_pending_set_and_the_next_four_list_the_newest() {
    let mut s = loaded(SIZE, 4, false);
    let effects = tick(&mut s);
    assert_eq!(asks(&effects), [InvitationStatus::Pending]);
    assert!(tick(&mut s).is_empty(), "one look at a time");
    let effects = update(&mut s, listed(rows(&[0, 1]), Some("t")));
    assert!(
        matches!(effects.as_slice(), [Effect::Look { next_token: Some(t), .. }] if t == "t"),
        "a pending pass reads every page: {effects:?}"
    );
    let effects = update(&mut s, listed(rows(&[2, 3]), None));
    assert_eq!(effects.len(), 2, "{effects:?}");
    assert_eq!(waits(&effects), Some(INTERVAL));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Remember {
            what: Remember::Looked,
            ..
        }
    )));
    for _ in 0..4 {
        let effects = tick(&mut s);
        assert_eq!(asks(&effects), [], "newest first, every status");
        let effects = update(&mut s, listed(rows(&[0, 1]), Some("more")));
        assert_eq!(
            waits(&effects),
            Some(INTERVAL),
            "a page that reaches known rows ends the look: {effects:?}"
        );
    }
    assert_eq!(asks(&tick(&mut s)), [InvitationStatus::Pending]);
}

#[test]
fn a_stale_timer_starts_nothing() {
    let mut s = loaded(SIZE, 4, false);
    let stale = s.watching.timer().wrapping_sub(1);
    assert!(update(&mut s, Msg::Sync(SyncMsg::WatchTick { timer: stale })).is_empty());
}

#[test]
fn arrivals_between_the_first_load_and_the_first_look_are_found() {
    let mut s = loaded(SIZE, 4, false);
    s.settings.watch.bell = true;
    let (a, b) = (arrival(1, 1), arrival(2, 2));
    let mut pending = vec![a.clone(), b.clone()];
    pending.extend(rows(&[0, 2, 3]));
    let effects = look(&mut s, vec![(pending, None)]);
    for row in [&a, &b] {
        assert!(s.list.contains(&row.id));
        assert!(s.memory.unread.contains(&row.id));
    }
    assert_eq!(
        s.list.get(&a.id).unwrap().invitation_date,
        a.invitation_date
    );
    assert!(effects.contains(&Effect::Announce {
        bell: true,
        notification: None
    }));
    assert!(effects.iter().any(|e| matches!(e, Effect::Remember { .. })));
    let notice = &s.notices.current(s.clock.now).unwrap().text;
    assert_eq!(notice, "2 new invitations: “Fresh lead 1”, “Fresh lead 2”");
    assert!(fixtures::screen_text(&s).contains("2 new"));

    // Invitation 1 left the pending set: its detail is read, and its row shows what it became.
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::LoadDetail { id, .. } if *id == summary(1).id
    )));
    let mut gone = fixtures::opportunity(1);
    gone.summary.status = Some(InvitationStatus::Rejected);
    fixtures::deliver(&mut s, gone);
    assert_eq!(
        s.list.get(&summary(1).id).unwrap().status,
        Some(InvitationStatus::Rejected)
    );
}

#[test]
fn a_newest_look_pages_until_what_it_knew_however_many_arrived() {
    let mut s = loaded(SIZE, 4, false);
    look(&mut s, vec![(rows(&[0, 1, 2, 3]), None)]);
    let first: Vec<_> = (0..3).map(|n| arrival(n, n as i64)).collect();
    let mut second = vec![arrival(3, 10)];
    second.extend(rows(&[0, 1]));
    asks(&tick(&mut s));
    let effects = update(&mut s, listed(first.clone(), Some("2")));
    assert!(matches!(effects.as_slice(), [Effect::Look { next_token: Some(t), .. }] if t == "2"));
    let effects = update(&mut s, listed(second, Some("3")));
    assert_eq!(waits(&effects), Some(INTERVAL));
    for n in 0..4 {
        assert!(s.list.contains(&arrival(n, 0).id), "arrival {n}");
    }
    assert_eq!(s.memory.unread.len(), 4);
}

#[test]
fn a_status_changed_elsewhere_shows_at_the_next_look() {
    let mut s = loaded(SIZE, 4, false);
    look(&mut s, vec![(rows(&[0, 1, 2, 3]), None)]);
    let mut accepted = summary(0);
    accepted.status = Some(InvitationStatus::Accepted);
    let effects = look(&mut s, vec![(vec![accepted, summary(1)], Some("more"))]);
    assert_eq!(
        s.list.get(&summary(0).id).unwrap().status,
        Some(InvitationStatus::Accepted)
    );
    assert!(effects.iter().any(|e| matches!(e, Effect::Remember { .. })));
    assert!(s.memory.unread.is_empty(), "a change is not an arrival");
}

#[test]
fn a_failed_look_backs_off_and_the_inbox_comes_back_online_by_itself() {
    let mut s = loaded(SIZE, 4, false);
    look(&mut s, vec![(rows(&[0, 1, 2, 3]), None)]);
    let mut waited = Vec::new();
    for _ in 0..3 {
        asks(&tick(&mut s));
        waited.push(waits(&update(&mut s, down())).unwrap().as_secs());
    }
    assert_eq!(waited, [1, 2, 4], "1 s, doubling");
    assert!(s.memory.offline);
    let offline = s.notices.current(s.clock.now).unwrap().text.clone();
    assert!(offline.starts_with("Offline:"), "{offline}");
    assert_eq!(
        s.notices
            .newest_first()
            .filter(|n| n.text.starts_with("Offline"))
            .count(),
        1,
        "said once"
    );

    let a = arrival(1, 1);
    let effects = look(&mut s, vec![(vec![a.clone(), summary(0)], None)]);
    assert!(!s.memory.offline, "no key was pressed");
    assert!(s.list.contains(&a.id));
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::LoadPage {
                next_token: None,
                ..
            }
        )),
        "it catches up: {effects:?}"
    );
    assert_eq!(waits(&effects), Some(INTERVAL));
    let status = fixtures::screen_text(&s);
    assert!(!status.contains("Offline:"), "{status}");
    assert!(!status.contains("offline ·"), "{status}");
    let resolved = s
        .notices
        .newest_first()
        .find(|n| n.text.starts_with("Offline"));
    assert!(resolved.unwrap().resolved.is_some());
}

#[test]
fn a_page_load_that_finds_the_service_down_looks_again_in_a_second() {
    let mut s = loaded(SIZE, 4, false);
    let effects = update(&mut s, fixtures::key('r'));
    let generation = s.list_generation();
    assert!(effects.iter().any(|e| matches!(e, Effect::LoadPage { .. })));
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Err(ServiceError::Network {
                message: "connection refused".into(),
            }),
        }),
    );
    assert!(s.memory.offline);
    assert_eq!(waits(&effects), Some(Duration::from_secs(1)));
}

#[test]
fn the_notices_log_says_how_many_requests_were_made_today() {
    let mut s = loaded(SIZE, 4, false);
    update(
        &mut s,
        Msg::RequestsToday(pc_inbox::domain::Requests {
            reads: 1234,
            writes: 3,
        }),
    );
    update(&mut s, fixtures::key('!'));
    let screen = fixtures::screen_text(&s);
    assert!(
        screen.contains("today 1,234 reads of 100,000 · 3 writes of 10,000"),
        "{screen}"
    );
}

#[test]
fn what_passed_its_expiry_date_is_expired_at_the_next_look_without_a_request_for_it() {
    let mut s = loaded(SIZE, 4, false);
    let expiry = summary(2).expiration_date.unwrap();
    update(
        &mut s,
        Msg::Tick {
            now: expiry + chrono::Duration::seconds(1),
        },
    );
    assert_eq!(
        s.list.get(&summary(2).id).unwrap().status,
        Some(InvitationStatus::Pending),
        "nothing happens between looks"
    );
    let effects = tick(&mut s);
    assert_eq!(
        s.list.get(&summary(2).id).unwrap().status,
        Some(InvitationStatus::Expired)
    );
    assert_eq!(
        s.list.get(&summary(0).id).unwrap().status,
        Some(InvitationStatus::Pending),
        "only what passed its date"
    );
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Remember {
            what: Remember::Rows { rows, .. },
            ..
        } if rows.len() == 1 && rows[0].id == summary(2).id
    )));
    let reads = effects
        .iter()
        .filter(|e| matches!(e, Effect::Look { .. } | Effect::LoadDetail { .. }))
        .count();
    assert_eq!(reads, 1, "the look's page only: {effects:?}");
}
