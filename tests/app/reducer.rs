//! The pure reducer: navigation, paging, filters, stale replies, detail caching, errors.

use crate::fixtures;
use pc_inbox::app::SyncMsg;

use crossterm::event::KeyCode;
use fixtures::update;
use fixtures::{code, ctrl, deliver, key, loaded, page, state};
use pc_inbox::app::{DetailEntry, Effect, Focus, Level, Modal, Msg, Priority, Remember, State};
use pc_inbox::domain::{
    InvitationStatus, InvitationSummary, Participant, PayloadKind, SortOrder, ViewSort,
};
use pc_inbox::keymap::Mode;
use pc_inbox::service::ServiceError;

const SIZE: (u16, u16) = (160, 48);

fn selected(s: &pc_inbox::app::State) -> String {
    s.selected().unwrap().id.clone()
}

fn loads(effects: &[Effect]) -> Vec<(u64, Option<String>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadPage {
                generation,
                next_token,
                ..
            } => Some((*generation, next_token.clone())),
            _ => None,
        })
        .collect()
}

fn detail_loads(effects: &[Effect]) -> Vec<(String, Priority)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadDetail { id, priority, .. } => Some((id.clone(), *priority)),
            _ => None,
        })
        .collect()
}

fn settle_epoch(effects: &[Effect]) -> Option<u64> {
    effects.iter().find_map(|e| match e {
        Effect::SettleSelection { epoch, .. } => Some(*epoch),
        _ => None,
    })
}

#[test]
fn starts_by_loading_the_first_received_page_newest_first() {
    let (s, effects) = state(SIZE);
    let [Effect::ReadCachedView {
        generation: cached,
        query: cached_query,
    }, Effect::LoadPage {
        generation,
        query,
        next_token,
    }, Effect::ReadCachedSide {
        side: Participant::Sent,
    }, Effect::ListSide {
        side: Participant::Sent,
        next_token: None,
    }, Effect::FindRunningTasks(_), Effect::WatchAfter { .. }] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (cached, cached_query),
        (generation, query),
        "the store's rows first"
    );
    assert_eq!((*generation, next_token), (s.list_generation(), &None));
    assert_eq!(query.participant, Participant::Received);
    assert_eq!(query.sort, SortOrder::NewestFirst);
    assert!(query.statuses.is_empty());
    assert_eq!(query.page_size, Some(100));
    assert!(s.list.loading);
}

#[test]
fn a_page_selects_the_first_row_and_prefetches_the_rows_on_screen() {
    let (mut s, _) = state((80, 24));
    let generation = s.list_generation();
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(page(0..30, false)),
        }),
    );
    assert_eq!(selected(&s), "engi-0000000000000");
    assert!(settle_epoch(&effects).is_some());
    let prefetched = detail_loads(&effects);
    assert_eq!(
        prefetched.len(),
        pc_inbox::ui::layout::list_rows((80, 24)),
        "only the visible rows"
    );
    assert!(prefetched.iter().all(|(_, p)| *p == Priority::Prefetch));
    assert!(loads(&effects).is_empty(), "no more pages to fetch");
}

#[test]
fn moves_with_keys_and_clamps_at_the_ends() {
    let mut s = loaded(SIZE, 100, false);
    update(&mut s, key('j'));
    update(&mut s, code(KeyCode::Down));
    assert_eq!(selected(&s), "engi-0000000000002");
    update(&mut s, key('k'));
    assert_eq!(selected(&s), "engi-0000000000001");
    update(&mut s, key('G'));
    assert_eq!(selected(&s), "engi-0000000000099");
    update(&mut s, key('j'));
    assert_eq!(selected(&s), "engi-0000000000099");
    update(&mut s, key('g'));
    assert_eq!(selected(&s), "engi-0000000000000");
    update(&mut s, ctrl('d'));
    let half = pc_inbox::ui::layout::list_rows(SIZE) / 2;
    assert_eq!(s.list.position().0, half);
    update(&mut s, ctrl('u'));
    assert_eq!(s.list.position().0, 0);
    update(&mut s, code(KeyCode::PageDown));
    assert_eq!(s.list.position().0, pc_inbox::ui::layout::list_rows(SIZE));
    update(&mut s, code(KeyCode::End));
    update(&mut s, code(KeyCode::Home));
    assert_eq!(s.list.position().0, 0);
}

#[test]
fn the_listing_continues_page_after_page_until_it_is_complete() {
    let (mut s, _) = state(SIZE);
    let gen = s.list_generation();
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation: gen,
            result: Ok(page(0..50, true)),
        }),
    );
    assert_eq!(
        loads(&effects),
        [(gen, Some("next".to_string()))],
        "the next page at once, wherever the cursor is"
    );
    let effects = update(&mut s, code(KeyCode::End));
    assert!(loads(&effects).is_empty(), "not twice while loading");
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation: gen,
            result: Ok(page(50..60, false)),
        }),
    );
    assert_eq!((s.list.loaded(), s.list.pages()), (60, 2));
    assert_eq!(selected(&s), "engi-0000000000049", "the cursor stays put");
    assert!(loads(&effects).is_empty(), "complete: no token, no request");
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Remember {
                what: Remember::Rows { rows, .. },
                ..
            } if rows.len() == 10
        )),
        "each page is remembered: {effects:?}"
    );
}

#[test]
fn replies_for_an_old_query_are_dropped() {
    let mut s = loaded(SIZE, 10, false);
    let old = s.list_generation();
    let effects = update(&mut s, key('2'));
    assert_eq!(s.side(), Participant::Sent);
    let [(new, None)] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert!(new > old);
    assert_eq!(s.list.loaded(), 0, "rows of the other view go at once");
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation: old,
            result: Ok(page(100..110, false)),
        }),
    );
    assert_eq!(s.list.loaded(), 0, "the stale reply is ignored");
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation: new,
            result: Ok(fixtures::sent_page(0..3, false)),
        }),
    );
    assert_eq!(s.list.loaded(), 3);
    let effects = update(&mut s, key('2'));
    assert!(effects.is_empty(), "already on Sent");
}

#[test]
fn details_are_fetched_when_the_selection_rests_and_then_cached() {
    let mut s = loaded(SIZE, 10, false);
    let first = update(&mut s, key('j'));
    let second = update(&mut s, key('j'));
    let (e1, e2) = (
        settle_epoch(&first).unwrap(),
        settle_epoch(&second).unwrap(),
    );
    assert!(
        update(&mut s, Msg::Sync(SyncMsg::SelectionSettled { epoch: e1 })).is_empty(),
        "an old epoch does nothing"
    );
    let effects = update(&mut s, Msg::Sync(SyncMsg::SelectionSettled { epoch: e2 }));
    assert_eq!(
        detail_loads(&effects),
        [("engi-0000000000002".to_string(), Priority::Selected)],
        "jumps the prefetch queue"
    );
    deliver(&mut s, fixtures::opportunity(2));
    assert!(matches!(
        s.details.get("engi-0000000000002"),
        Some(DetailEntry::Ready(_))
    ));
    update(&mut s, key('k'));
    let back = update(&mut s, key('j'));
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::SelectionSettled {
            epoch: settle_epoch(&back).unwrap(),
        }),
    );
    assert!(detail_loads(&effects).is_empty(), "cached");
}

#[test]
fn loaded_details_are_not_asked_for_again_and_a_refresh_drops_late_details() {
    let mut s = loaded(SIZE, 10, false);
    deliver(&mut s, fixtures::opportunity(0));
    let again = update(&mut s, fixtures::resize((160, 48)));
    let ids: Vec<String> = detail_loads(&again).into_iter().map(|(id, _)| id).collect();
    assert!(
        !ids.contains(&"engi-0000000000000".to_string()),
        "loaded: not asked for again"
    );
    assert_eq!(
        ids.len(),
        9,
        "rows still waiting are asked again; the read queue keeps one each"
    );
    let old_generation = s.details.generation();
    let effects = update(&mut s, key('r'));
    assert_eq!(loads(&effects).len(), 1);
    assert_eq!(s.list.loaded(), 10, "rows stay on screen during a refresh");
    update(
        &mut s,
        Msg::Sync(SyncMsg::DetailLoaded {
            id: "engi-0000000000000".into(),
            generation: old_generation,
            result: Ok(Box::new(fixtures::opportunity(0))),
        }),
    );
    assert!(
        s.details.get("engi-0000000000000").is_none(),
        "a reply from before the refresh is dropped"
    );
}

#[test]
fn refresh_replaces_rows_and_keeps_the_selection() {
    let mut s = loaded(SIZE, 10, false);
    update(&mut s, key('j'));
    update(&mut s, key('j'));
    update(&mut s, key('r'));
    let gen = s.list_generation();
    let mut fresh = page(0..10, false);
    fresh.items.insert(0, fixtures::summary(99));
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation: gen,
            result: Ok(fresh),
        }),
    );
    assert_eq!(s.list.loaded(), 11);
    assert_eq!(selected(&s), "engi-0000000000002");
}

#[test]
fn a_refresh_drops_invitations_the_service_no_longer_lists_after_its_last_page() {
    let mut s = loaded(SIZE, 10, false);
    for _ in 0..4 {
        update(&mut s, key('j'));
    }
    update(&mut s, key('r'));
    let gen = s.list_generation();
    let mut first = page(0..5, true);
    first.items.remove(1);
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation: gen,
            result: Ok(first),
        }),
    );
    assert_eq!(
        s.list.loaded(),
        10,
        "nothing goes before the listing is complete"
    );
    let mut last = page(5..10, false);
    last.items.remove(0);
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation: gen,
            result: Ok(last),
        }),
    );
    let ids: Vec<&str> = s.list.ids().collect();
    assert_eq!(ids.len(), 8);
    assert!(!ids.contains(&"engi-0000000000001") && !ids.contains(&"engi-0000000000005"));
    assert_eq!(selected(&s), "engi-0000000000004");
    assert_eq!(
        s.list.position().0,
        3,
        "rows above went: the cursor follows"
    );
}

#[test]
fn slash_folds_accents_and_finds_ids() {
    let mut s = loaded(SIZE, 12, false);
    update(&mut s, key('/'));
    for c in "KUHN".chars() {
        update(&mut s, key(c));
    }
    assert_eq!(s.list.position().1, 2, "Kühn bakery POS 1 and 7");
    assert_eq!(selected(&s), "engi-0000000000001");
    for _ in 0..4 {
        update(&mut s, code(KeyCode::Backspace));
    }
    for c in "engi-0000000000010".chars() {
        update(&mut s, key(c));
    }
    assert_eq!(s.list.position().1, 1);
    assert_eq!(selected(&s), "engi-0000000000010");
}

#[test]
fn slash_narrows_by_title_sender_and_known_customer() {
    let mut s = loaded(SIZE, 12, false);
    deliver(&mut s, fixtures::lead(3));
    update(&mut s, key('/'));
    for c in "kühn".chars() {
        update(&mut s, key(c));
    }
    let (_, visible) = s.list.position();
    assert!((1..12).contains(&visible), "{visible}");
    assert!(
        s.selected()
            .unwrap()
            .engagement_title
            .as_deref()
            .unwrap()
            .to_lowercase()
            .contains("kühn")
            || s.selected().unwrap().id == "engi-0000000000003"
    );
    update(&mut s, code(KeyCode::Enter));
    assert!(s.modals.is_empty());
    assert_eq!(s.list.search(), "kühn", "Enter keeps the search");

    update(&mut s, key('/'));
    for _ in 0..4 {
        update(&mut s, code(KeyCode::Backspace));
    }
    for c in "bäckerei".chars() {
        update(&mut s, key(c));
    }
    assert_eq!(
        s.list.position().1,
        1,
        "customer names from loaded details match"
    );
    assert_eq!(selected(&s), "engi-0000000000003");
    update(&mut s, code(KeyCode::Esc));
    assert_eq!(s.list.search(), "");
    assert_eq!(s.list.position().1, 12);

    update(&mut s, key('/'));
    update(&mut s, key('q'));
    assert!(!s.quit, "q is text while searching");
    update(&mut s, ctrl('c'));
    assert!(s.quit, "Ctrl-c always quits");
}

#[test]
fn filters_menu_sort_and_pending_shortcut_change_the_view_without_a_request() {
    let mut s = loaded(SIZE, 10, false);
    let generation = s.list_generation();
    update(&mut s, key('f'));
    assert!(matches!(s.top(), Some(Modal::Filters(_))));
    update(&mut s, key(' '));
    for _ in 0..6 {
        update(&mut s, key('j'));
    }
    update(&mut s, key(' '));
    let effects = update(&mut s, code(KeyCode::Enter));
    assert!(s.modals.is_empty());
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::LoadPage { .. } | Effect::ReadCachedView { .. })),
        "the loaded rows are filtered again, nothing is asked for: {effects:?}"
    );
    assert_eq!(s.list_generation(), generation);
    assert_eq!(s.views.active.statuses, [InvitationStatus::Pending]);
    assert_eq!(s.views.active.payloads, [PayloadKind::Lead]);
    assert!(s.views.modified(), "the view is marked as changed");
    let shown = |s: &State| -> Vec<InvitationSummary> {
        let (_, n) = s.list.position();
        s.list.window(n).map(|(_, r)| r.clone()).collect()
    };
    assert!(!shown(&s).is_empty());
    assert!(shown(&s)
        .iter()
        .all(|r| r.status == Some(InvitationStatus::Pending)
            && r.payload_kind == Some(PayloadKind::Lead)));

    update(&mut s, key('f'));
    assert!(
        update(&mut s, code(KeyCode::Esc)).is_empty(),
        "Esc cancels without changing the view"
    );
    assert_eq!(s.views.active.payloads, [PayloadKind::Lead]);

    update(&mut s, key('s'));
    assert_eq!(s.views.active.sort, ViewSort::Oldest);
    let dates: Vec<_> = shown(&s).iter().map(|r| r.invitation_date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "oldest first");

    update(&mut s, key('p'));
    assert!(
        s.views.active.statuses.is_empty(),
        "p toggles pending-only off"
    );
    update(&mut s, key('p'));
    assert_eq!(s.views.active.statuses, [InvitationStatus::Pending]);
    assert_eq!(s.list_generation(), generation, "no reload at any point");

    update(&mut s, key('1'));
    assert!(
        !s.views.modified(),
        "choosing the view again drops the changes"
    );
    assert_eq!(s.list.position().1, 10);
}

#[test]
fn a_failed_page_keeps_the_rows_and_queues_the_error_without_taking_a_key() {
    let mut s = loaded(SIZE, 10, false);
    update(&mut s, key('j'));
    update(&mut s, key('r'));
    let gen = s.list_generation();
    let err = ServiceError::Throttled {
        message: "Rate exceeded".into(),
    };
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation: gen,
            result: Err(err),
        }),
    );
    assert_eq!(s.list.loaded(), 10);
    let notice = s.notices.current(fixtures::now()).cloned().unwrap();
    assert_eq!(notice.level, Level::Error);
    assert!(notice.text.contains("Rate exceeded"), "{}", notice.text);
    assert!(s.modals.is_empty(), "a background error opens nothing");
    update(&mut s, key('j'));
    assert_eq!(s.list.position().0, 2, "the next key acts as usual");
    assert_eq!(s.notices.unread(), 1, "the error stays until it is read");
    update(&mut s, key('!'));
    assert_eq!(s.notices.unread(), 0);
}

#[test]
fn a_failed_detail_for_the_selection_is_reported_and_retried_on_reselect() {
    let mut s = loaded(SIZE, 3, false);
    let id = selected(&s);
    let gen = s.details.generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::DetailLoaded {
            id: id.clone(),
            generation: gen,
            result: Err(ServiceError::NotFound {
                message: "gone".into(),
            }),
        }),
    );
    assert!(matches!(s.details.get(&id), Some(DetailEntry::Failed(_))));
    assert_eq!(s.notices.latest().unwrap().level, Level::Error);
    update(&mut s, key('j'));
    update(&mut s, key('j'));
    update(&mut s, key('k'));
    let back = update(&mut s, key('k'));
    let effects = update(
        &mut s,
        Msg::Sync(SyncMsg::SelectionSettled {
            epoch: settle_epoch(&back).unwrap(),
        }),
    );
    assert_eq!(detail_loads(&effects), [(id, Priority::Selected)]);
}

#[test]
fn tab_focuses_the_detail_which_then_scrolls_within_its_content() {
    let mut s = loaded((80, 24), 3, false);
    deliver(&mut s, fixtures::opportunity(0));
    fixtures::measure(&mut s);
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(s.focus, Focus::Detail);
    update(&mut s, key('j'));
    update(&mut s, key('j'));
    assert_eq!(s.detail_scroll(), 2);
    assert_eq!(
        selected(&s),
        "engi-0000000000000",
        "j scrolls, the selection stays"
    );
    update(&mut s, key('G'));
    let bottom = s.detail_scroll();
    assert!(bottom > 10, "{bottom}");
    update(&mut s, key('j'));
    assert_eq!(
        s.detail_scroll(),
        bottom,
        "clamped at the end of the content"
    );
    update(&mut s, code(KeyCode::Esc));
    assert_eq!(s.focus, Focus::List);
}

#[test]
fn open_and_copy_act_on_the_selection() {
    let mut s = loaded(SIZE, 3, false);
    let effects = update(&mut s, key('o'));
    let [Effect::OpenUrl(url)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(url.contains("engi-0000000000000"));
    let effects = update(&mut s, key('y'));
    assert_eq!(effects, [Effect::Copy("engi-0000000000000".into())]);
    assert_eq!(s.notices.latest().unwrap().level, Level::Success);
}

#[test]
fn a_browser_that_cannot_open_leaves_the_link_copied_and_shown() {
    let mut s = loaded(SIZE, 3, false);
    let url = "https://console.example/engi-0000000000000".to_string();
    let effects = update(
        &mut s,
        Msg::Opened {
            url: url.clone(),
            result: Err("no display, e.g. over SSH".into()),
        },
    );
    assert_eq!(effects, [Effect::Copy(url.clone())]);
    let notice = s.notices.latest().unwrap();
    assert_eq!(
        notice.text,
        format!("Link copied — no browser (no display, e.g. over SSH): {url}")
    );
    assert!(s.modals.is_empty());
}

#[test]
fn help_opens_and_closes_and_q_quits() {
    let mut s = loaded(SIZE, 3, false);
    update(&mut s, key('?'));
    assert!(matches!(s.top(), Some(Modal::Help(h)) if h.mode == Mode::List));
    update(&mut s, key('j'));
    assert_eq!(
        s.list.position().0,
        0,
        "keys do not leak through the overlay"
    );
    update(&mut s, code(KeyCode::Esc));
    assert!(s.modals.is_empty());
    update(&mut s, key('q'));
    assert!(s.quit);
}

#[test]
fn notices_other_than_errors_expire() {
    let mut s = loaded(SIZE, 3, false);
    update(&mut s, key('y'));
    update(
        &mut s,
        Msg::Tick {
            now: fixtures::now() + chrono::Duration::seconds(2),
        },
    );
    assert!(s.notices.current(s.clock.now).is_some());
    update(
        &mut s,
        Msg::Tick {
            now: fixtures::now() + chrono::Duration::seconds(10),
        },
    );
    assert!(s.notices.current(s.clock.now).is_none());
    assert_eq!(s.notices.len(), 1, "the log keeps it");
}
