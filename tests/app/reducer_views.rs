//! Named views: the default set, switching by keys with no request on the same side, counts
//! for every view (the other side's from the local store), sorts the service cannot do, and
//! expiry windows that move with the clock.

use crate::fixtures;
use pc_inbox::app::SyncMsg;

use chrono::Duration;
use fixtures::update;
use fixtures::{deliver, key, now, opportunity, summary};
use pc_inbox::app::{Effect, Msg, Priority, Settings, State};
use pc_inbox::domain::{
    CachedRow, CachedView, InvitationStatus, InvitationSummary, Page, Participant, View, ViewSort,
};
use pc_inbox::store::DataDir;

const SIZE: (u16, u16) = (160, 48);

/// A state on the default views after `init`, and its effects.
fn start() -> (State, Vec<Effect>) {
    fixtures::state_with(Settings::default(), SIZE)
}

/// The default views with the received rows `0..n` listed.
fn loaded(n: usize) -> State {
    let (mut s, _) = start();
    let generation = s.list_generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(fixtures::page(0..n, false)),
        }),
    );
    s
}

/// The rows the view shows, in order (there is no search here).
fn shown(s: &State) -> Vec<InvitationSummary> {
    let rows: Vec<InvitationSummary> = s.list.in_view().cloned().collect();
    assert_eq!(
        rows.len(),
        s.list.position().1,
        "no search: every row shows"
    );
    rows
}

fn ids(s: &State) -> Vec<String> {
    shown(s).into_iter().map(|r| r.id).collect()
}

fn count(s: &State, name: &str) -> Option<usize> {
    let i = s.views.all.iter().position(|v| v.name == name).unwrap();
    s.views.counts[i]
}

fn requests(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::LoadPage { .. } | Effect::ReadCachedView { .. }))
        .count()
}

#[test]
fn the_inbox_opens_on_pending_and_lists_the_whole_side() {
    let (s, effects) = start();
    let names: Vec<&str> = s.views.all.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Pending",
            "Expiring soon",
            "From AWS",
            "From partners",
            "Leads",
            "Sent",
            "All"
        ]
    );
    assert_eq!(s.views.active.name, "Pending");
    let Some(Effect::LoadPage { query, .. }) = effects
        .iter()
        .find(|e| matches!(e, Effect::LoadPage { .. }))
    else {
        panic!("{effects:?}")
    };
    assert_eq!(query.participant, Participant::Received);
    assert!(
        query.statuses.is_empty() && query.payload_kinds.is_empty(),
        "the whole side is listed; the view filters locally: {query:?}"
    );
    assert!(
        effects.contains(&Effect::ReadCachedSide {
            side: Participant::Sent
        }),
        "the Sent view is counted from the local store"
    );
}

#[test]
fn every_view_of_the_side_on_screen_has_its_count() {
    let s = loaded(30);
    let rows: Vec<InvitationSummary> = (0..30).map(summary).collect();
    for view in &s.views.all {
        let want = (view.side == Participant::Received)
            .then(|| rows.iter().filter(|r| view.admits(r, now())).count());
        assert_eq!(count(&s, &view.name), want, "{}", view.name);
    }
    assert_eq!(count(&s, "All"), Some(30));
    assert_eq!(count(&s, "Pending"), Some(24), "one in five is accepted");
    assert_eq!(shown(&s).len(), 24);
    assert!(count(&s, "Expiring soon").unwrap() > 0);
}

#[test]
fn views_of_one_side_switch_without_a_request_and_keep_the_selection_when_shown() {
    let mut s = loaded(30);
    let generation = s.list_generation();
    update(&mut s, key('j'));
    update(&mut s, key('j'));
    let selected = s.selected().unwrap().id.clone();
    update(&mut s, key('7'));
    assert_eq!(
        s.selected().unwrap().id,
        selected,
        "All shows the row selected before, so it stays selected"
    );
    update(&mut s, key('3'));
    assert!(
        s.selected().unwrap().from_aws(),
        "From AWS does not show it: the selection goes to the top"
    );
    assert_eq!(s.list.position().0, 0);
    for (k, name) in [
        ('3', "From AWS"),
        ('4', "From partners"),
        ('5', "Leads"),
        ('7', "All"),
    ] {
        let effects = update(&mut s, key(k));
        assert_eq!(s.views.active.name, name);
        assert_eq!(requests(&effects), 0, "{name}: {effects:?}");
        assert_eq!(shown(&s).len(), count(&s, name).unwrap(), "{name}");
        let view = s.views.active.clone();
        assert!(shown(&s).iter().all(|r| view.admits(r, now())), "{name}");
    }
    assert_eq!(s.list_generation(), generation);
    update(&mut s, key(']'));
    assert_eq!(s.views.active.name, "Pending", "] wraps around");
    update(&mut s, key('['));
    assert_eq!(s.views.active.name, "All");
}

#[test]
fn the_sent_view_lists_the_other_side_and_keeps_the_received_counts() {
    let mut s = loaded(30);
    let pending = count(&s, "Pending");
    let effects = update(&mut s, key('6'));
    assert_eq!(s.side(), Participant::Sent);
    assert_eq!(s.list.loaded(), 0, "received rows go at once");
    let Some(Effect::LoadPage { query, .. }) = effects
        .iter()
        .find(|e| matches!(e, Effect::LoadPage { .. }))
    else {
        panic!("{effects:?}")
    };
    assert_eq!(query.participant, Participant::Sent);
    assert_eq!(count(&s, "Pending"), pending, "the received counts stay");
    let generation = s.list_generation();
    let mut sent = fixtures::page(100..103, false);
    for row in &mut sent.items {
        row.participant = Some(Participant::Sent);
    }
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(sent),
        }),
    );
    assert_eq!(count(&s, "Sent"), Some(3));
    let effects = update(&mut s, key('1'));
    assert_eq!(s.side(), Participant::Received);
    assert_eq!(requests(&effects), 2, "back to received: store and service");
    assert_eq!(count(&s, "Sent"), Some(3), "the sent count stays");
}

#[test]
fn the_other_side_is_counted_from_the_local_store() {
    let (mut s, _) = start();
    update(
        &mut s,
        Msg::Sync(SyncMsg::CachedSide {
            side: Participant::Sent,
            result: Ok(CachedView::default()),
        }),
    );
    assert_eq!(count(&s, "Sent"), None, "nothing stored: unknown, not zero");
    let rows = (0..4)
        .map(|i| {
            let mut summary = summary(i);
            summary.participant = Some(Participant::Sent);
            CachedRow {
                summary,
                customer: None,
                spend: None,
                unread: false,
            }
        })
        .collect();
    let cached = CachedView {
        rows,
        as_of: Some(now()),
        visited: true,
    };
    update(
        &mut s,
        Msg::Sync(SyncMsg::CachedSide {
            side: Participant::Sent,
            result: Ok(cached.clone()),
        }),
    );
    assert_eq!(count(&s, "Sent"), Some(4));
    update(
        &mut s,
        Msg::Sync(SyncMsg::CachedSide {
            side: Participant::Received,
            result: Ok(cached),
        }),
    );
    assert_eq!(
        count(&s, "All"),
        Some(0),
        "the side on screen counts its own rows, not the store's"
    );
}

#[test]
fn the_expiry_sort_over_the_local_store_puts_the_soonest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = DataDir::at(dir.path()).open().unwrap().store;
    let mut rows: Vec<InvitationSummary> = (0..40).map(summary).collect();
    rows[7].expiration_date = None;
    store.remember_rows(&rows, &[], now()).unwrap();
    let (mut s, _) = start();
    let generation = s.list_generation();
    let cached = store.view(&s.query()).unwrap();
    update(
        &mut s,
        Msg::Sync(SyncMsg::CachedView {
            generation,
            result: Ok(cached),
        }),
    );
    update(&mut s, key('2'));
    assert_eq!(s.views.active.name, "Expiring soon");
    let soon = shown(&s);
    assert!(!soon.is_empty());
    let horizon = now() + Duration::days(3);
    let mut want: Vec<&InvitationSummary> = rows
        .iter()
        .filter(|r| r.status == Some(InvitationStatus::Pending))
        .filter(|r| r.expiration_date.is_some_and(|e| e > now() && e <= horizon))
        .collect();
    want.sort_by_key(|r| r.expiration_date);
    let want: Vec<&str> = want.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids(&s), want, "pending, within three days, soonest first");

    update(&mut s, key('7'));
    for _ in 0..2 {
        update(&mut s, key('s'));
    }
    assert_eq!(s.views.active.sort, ViewSort::Expires);
    let all = shown(&s);
    assert_eq!(all.len(), 40);
    assert_eq!(all.last().unwrap().id, rows[7].id, "no expiry date: last");
    let dates: Vec<_> = all.iter().filter_map(|r| r.expiration_date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn an_expiry_window_moves_with_the_clock() {
    let mut s = loaded(30);
    update(&mut s, key('2'));
    let before = count(&s, "Expiring soon").unwrap();
    let later = now() + Duration::days(10);
    update(&mut s, Msg::Tick { now: later });
    let rows: Vec<InvitationSummary> = (0..30).map(summary).collect();
    let view = s.views.active.clone();
    let want = rows.iter().filter(|r| view.admits(r, later)).count();
    assert_ne!(before, want, "the fixture changes over ten days");
    assert_eq!(count(&s, "Expiring soon"), Some(want));
    assert_eq!(shown(&s).len(), want, "the rows shown follow too");
}

#[test]
fn sorting_by_spend_reads_details_in_the_background_and_orders_as_they_come() {
    let mut s = loaded(200);
    update(&mut s, key('7'));
    let mut effects = Vec::new();
    while s.views.active.sort != ViewSort::Spend {
        effects.extend(update(&mut s, key('s')));
    }
    let backfills: Vec<&String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadDetail {
                id,
                priority: Priority::Backfill,
                ..
            } => Some(id),
            _ => None,
        })
        .collect();
    assert_eq!(
        backfills.len(),
        16,
        "a few at a time, from the customer sort on"
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::ReadCachedDetails { ids, .. } if ids.len() > 100)),
        "the local store is asked for all those missing at once"
    );
    let first: usize = backfills[0].trim_start_matches("engi-").parse().unwrap();
    let more = deliver(&mut s, opportunity(first));
    assert!(
        more.iter().any(|e| matches!(
            e,
            Effect::LoadDetail {
                priority: Priority::Backfill,
                ..
            }
        )),
        "each answer asks for the next: {more:?}"
    );
    assert_eq!(
        ids(&s)[0],
        summary(first).id,
        "the one with a spend goes first"
    );
}

#[test]
fn marks_on_rows_a_new_view_hides_are_dropped() {
    let mut s = loaded(10);
    update(&mut s, key('7'));
    update(&mut s, key('*'));
    assert_eq!(s.list.mark_count(), 10);
    update(&mut s, key('1'));
    assert_eq!(
        s.list.mark_count(),
        8,
        "the accepted ones left with the view"
    );
    assert!(s
        .list
        .marked()
        .iter()
        .all(|r| r.status == Some(InvitationStatus::Pending)));
}

#[test]
fn an_accepted_row_stays_in_the_pending_view_until_the_view_is_applied_again() {
    let mut s = loaded(10);
    let id = s.selected().unwrap().id.clone();
    s.list
        .update_row(&id, |r| r.status = Some(InvitationStatus::Accepted));
    assert!(ids(&s).contains(&id), "the row stays, with its new status");
    update(&mut s, key('1'));
    assert!(!ids(&s).contains(&id), "applying the view again hides it");
}

#[test]
fn a_page_listing_a_row_as_accepted_takes_it_out_of_the_pending_view() {
    let mut s = loaded(10);
    let mut accepted = summary(0);
    accepted.status = Some(InvitationStatus::Accepted);
    let generation = s.list_generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(Page {
                items: vec![accepted],
                next_token: None,
            }),
        }),
    );
    assert!(!ids(&s).contains(&summary(0).id));
    assert!(
        s.list.contains(&summary(0).id),
        "still loaded, for the All view"
    );
}

#[test]
fn configured_views_replace_the_default_set() {
    let views = vec![
        View {
            statuses: vec![InvitationStatus::Pending],
            sort: ViewSort::Sender,
            ..View::all("By sender", Participant::Received)
        },
        View::all("Everything", Participant::Received),
    ];
    let (mut s, _) = fixtures::state_with(
        Settings {
            views,
            ..Settings::default()
        },
        SIZE,
    );
    let generation = s.list_generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(fixtures::page(0..9, false)),
        }),
    );
    assert_eq!(s.views.active.name, "By sender");
    let senders: Vec<String> = shown(&s)
        .into_iter()
        .map(|r| r.sender_company.unwrap())
        .collect();
    assert_eq!(senders.first().unwrap(), "Amazon Web Services");
    assert_eq!(senders.last().unwrap(), "Øresund Data ApS");
    assert_eq!(s.views.counts, [Some(8), Some(9)]);
    let effects = update(&mut s, key('3'));
    assert!(effects.is_empty(), "there is no third view");
}

#[test]
fn the_other_side_is_listed_in_the_background_for_exact_counts() {
    let (mut s, effects) = start();
    assert!(
        effects.contains(&Effect::ListSide {
            side: Participant::Sent,
            next_token: None
        }),
        "{effects:?}"
    );
    let sent = |range: std::ops::Range<usize>| -> Vec<InvitationSummary> {
        range
            .map(|i| {
                let mut row = summary(i);
                row.participant = Some(Participant::Sent);
                row
            })
            .collect()
    };
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::SideListed {
            side: Participant::Sent,
            result: Ok(Page {
                items: sent(0..100),
                next_token: Some("t".into()),
            }),
        }),
    );
    assert_eq!(
        effects,
        [Effect::ListSide {
            side: Participant::Sent,
            next_token: Some("t".into())
        }]
    );
    assert_eq!(count(&s, "Sent"), None, "counted only once complete");
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::SideListed {
            side: Participant::Sent,
            result: Ok(Page {
                items: sent(100..105),
                next_token: None,
            }),
        }),
    );
    assert_eq!(count(&s, "Sent"), Some(105));
    assert!(
        matches!(&effects[..], [Effect::Remember { what: pc_inbox::app::Remember::Rows { rows, unread }, .. }]
            if rows.len() == 105 && unread.is_empty()),
        "the listed rows go into the store: {effects:?}"
    );
    update(
        &mut s,
        Msg::Sync(SyncMsg::CachedSide {
            side: Participant::Sent,
            result: Ok(CachedView {
                rows: vec![CachedRow {
                    summary: sent(0..1).remove(0),
                    customer: None,
                    spend: None,
                    unread: false,
                }],
                as_of: None,
                visited: true,
            }),
        }),
    );
    assert_eq!(
        count(&s, "Sent"),
        Some(105),
        "the store's older rows do not replace it"
    );
    let late = update(
        &mut s,
        Msg::Sync(SyncMsg::SideListed {
            side: Participant::Received,
            result: Ok(Page {
                items: Vec::new(),
                next_token: None,
            }),
        }),
    );
    assert!(late.is_empty(), "a listing nobody asked for is dropped");
}
