//! The reducer's side of the local store: cached rows first, what counts as new, reading marks
//! it seen, offline means read-only.

use crate::fixtures;
use pc_inbox::app::SyncMsg;

use fixtures::update;
use fixtures::{key, page, state};
use pc_inbox::app::{Effect, Msg, Remember, State};
use pc_inbox::domain::CachedRow;
use pc_inbox::service::ServiceError;

const SIZE: (u16, u16) = (160, 48);

/// A state showing cached rows 0..n (the first unread when `unread`), from a visited origin.
fn cached(n: usize, unread: bool) -> State {
    showing(
        (0..n)
            .map(|i| CachedRow {
                summary: fixtures::summary(i),
                customer: None,
                spend: None,
                unread: unread && i == 0,
            })
            .collect(),
    )
}

/// A state showing these rows an earlier run left in the store.
fn showing(rows: Vec<CachedRow>) -> State {
    let (mut s, init) = state(SIZE);
    fixtures::store_rows(&rows);
    let read_view: Vec<Effect> = init
        .into_iter()
        .filter(|e| matches!(e, Effect::ReadCachedView { .. }))
        .collect();
    fixtures::settle(&mut s, read_view, pc_inbox::app::update);
    s
}

fn remembered(effects: &[Effect]) -> Vec<&Remember> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Remember { what, .. } => Some(what),
            _ => None,
        })
        .collect()
}

#[test]
fn invitations_the_service_adds_after_a_visit_are_new_and_remembered_as_unread() {
    let mut s = cached(3, false);
    assert_eq!(s.list.loaded(), 3);
    let generation = s.list_generation();
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(page(0..4, false)),
        }),
    );
    let new = fixtures::summary(3).id;
    assert!(s.memory.unread.contains(&new));
    assert_eq!(s.memory.unread.len(), 1);
    assert!(s.memory.as_of.is_none(), "the service answered");
    assert!(remembered(&effects).iter().any(|r| matches!(
        r,
        Remember::Rows { unread, .. } if unread == std::slice::from_ref(&new)
    )));
}

#[test]
fn nothing_is_new_on_a_first_visit() {
    let (mut s, _) = state(SIZE);
    let generation = s.list_generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(page(0..5, true)),
        }),
    );
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(page(5..8, false)),
        }),
    );
    assert!(s.memory.unread.is_empty());
    assert!(s.memory.visited, "a complete listing was seen");
}

#[test]
fn rows_the_complete_listing_no_longer_has_are_forgotten() {
    let mut s = cached(3, false);
    let generation = s.list_generation();
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(page(0..2, false)),
        }),
    );
    assert_eq!(s.list.loaded(), 2);
    let gone = fixtures::summary(2).id;
    assert!(!s.list.contains(&gone));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Remember { what: Remember::Listed { ids, .. }, .. } if ids.len() == 2 && !ids.contains(&gone)
    )));
    let read_view = Effect::ReadCachedView {
        generation,
        query: s.query(),
    };
    fixtures::settle(&mut s, vec![read_view], pc_inbox::app::update);
    assert_eq!(s.list.loaded(), 2, "the store forgot it too");
}

#[test]
fn selecting_an_unread_invitation_marks_it_read_once_the_selection_rests() {
    let mut s = cached(3, true);
    let first = fixtures::summary(0).id;
    assert!(s.memory.unread.contains(&first));
    let epoch = s.selection_epoch();
    let effects = update(&mut s, Msg::Sync(SyncMsg::SelectionSettled { epoch }));
    assert!(s.memory.unread.is_empty());
    assert!(remembered(&effects)
        .iter()
        .any(|r| matches!(r, Remember::Read(id) if id == &first)));
}

#[test]
fn capital_n_jumps_to_the_next_unread_invitation() {
    let mut s = cached(5, false);
    let target = fixtures::summary(3).id;
    s.memory.unread.insert(target.clone());
    update(&mut s, key('N'));
    assert_eq!(s.selected().unwrap().id, target);
}

#[test]
fn without_a_connection_the_cached_rows_stay_and_actions_are_refused() {
    let mut s = cached(3, false);
    let generation = s.list_generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Err(ServiceError::Network {
                message: "http://127.0.0.1:1 refused the connection".into(),
            }),
        }),
    );
    assert!(s.memory.offline);
    assert_eq!(s.list.loaded(), 3, "the cached rows stay");
    assert!(s.list.failed.is_none());
    let effects = update(&mut s, key('a'));
    assert!(effects.is_empty(), "nothing is queued: {effects:?}");
    assert!(s.modals.is_empty(), "no confirmation opens");
    let last = s.notices.newest_first().next().unwrap();
    assert!(
        last.text.contains("Offline: cannot accept"),
        "{}",
        last.text
    );
}

#[test]
fn search_folds_accents_over_cached_rows_whose_details_were_not_loaded_this_run() {
    let customers = ["Globex Corporation", "Bäckerei Kühn GmbH", "Mirai Systems"];
    let mut s = showing(
        customers
            .iter()
            .enumerate()
            .map(|(i, customer)| CachedRow {
                summary: fixtures::summary(i),
                customer: Some(customer.to_string()),
                spend: None,
                unread: false,
            })
            .collect(),
    );
    assert_eq!(s.list.loaded(), 3);
    assert!(
        s.details.ready("engi-0000000000001").is_none(),
        "no detail loaded"
    );
    update(&mut s, key('/'));
    for c in "KUHN".chars() {
        update(&mut s, key(c));
    }
    assert_eq!(s.list.position(), (0, 1));
    assert_eq!(s.selected().unwrap().id, "engi-0000000000001");
}

#[test]
fn a_page_reaches_the_list_only_as_the_store_holds_it() {
    let (mut s, _) = state(SIZE);
    let generation = s.list_generation();
    let effects = pc_inbox::app::update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(page(0..3, false)),
        }),
    );
    assert_eq!(s.list.loaded(), 0, "not before the store answers");
    assert!(!s.settled());
    fixtures::store_rows(&[CachedRow {
        summary: fixtures::summary(7),
        customer: Some("Stored Elsewhere GmbH".into()),
        spend: None,
        unread: false,
    }]);
    fixtures::settle(&mut s, effects, pc_inbox::app::update);
    assert!(s.settled());
    assert_eq!(s.list.loaded(), 3, "the page's rows, as stored");
    let read_view = Effect::ReadCachedView {
        generation,
        query: s.query(),
    };
    fixtures::settle(&mut s, vec![read_view], pc_inbox::app::update);
    assert_eq!(
        s.list.loaded(),
        3,
        "the listing was complete: the store forgot what it did not list"
    );
}

#[test]
fn invitations_of_a_kind_this_build_does_not_know_are_told_once_a_run() {
    let (mut s, _) = state(SIZE);
    let mut listing = page(0..4, false);
    for row in &mut listing.items[1..3] {
        row.payload_kind = Some(pc_inbox::domain::PayloadKind::Unknown(
            "PartnerReferralInvitation".into(),
        ));
    }
    let told = |s: &State| {
        s.notices
            .newest_first()
            .filter(|n| n.text.contains("does not know fully"))
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
    };
    for _ in 0..2 {
        let generation = s.list_generation();
        update(
            &mut s,
            Msg::Sync(SyncMsg::PageLoaded {
                generation,
                result: Ok(listing.clone()),
            }),
        );
        update(&mut s, key('r'));
    }
    assert_eq!(
        told(&s),
        ["2 invitations of a kind this version does not know fully: PartnerReferralInvitation (2); their details show their fields as the service sent them."],
        "once"
    );
}
