use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::domain::Page;

/// An empty list applying a view of everything in `sort` order.
fn sorted(sort: ViewSort) -> InvitationList {
    let mut l = InvitationList::default();
    let view = View {
        sort,
        ..View::all("All", Participant::Received)
    };
    l.set_view(view, at(0), 10);
    l
}

/// What a detail told: only the customer.
fn customer(name: &str) -> RowFacts {
    RowFacts {
        customer: Some(name.into()),
        spend: None,
    }
}

/// Invitation `id` sent `hour` hours after a fixed moment (`None`: undated).
fn row(id: &str, hour: Option<i64>) -> InvitationSummary {
    InvitationSummary {
        id: id.into(),
        arn: None,
        catalog: "AWS".into(),
        participant: None,
        status: None,
        payload_kind: None,
        engagement_id: None,
        engagement_title: Some(format!("title {id}")),
        invitation_date: hour.map(at),
        expiration_date: None,
        sender_account_id: None,
        sender_company: None,
        receiver: None,
    }
}

fn at(hour: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::hours(hour)
}

/// Rows named by their hour: "10" was sent at hour 10.
fn page(hours: &[i64], more: bool) -> Page<InvitationSummary> {
    Page {
        items: hours
            .iter()
            .map(|h| row(&h.to_string(), Some(*h)))
            .collect(),
        next_token: more.then(|| "t".into()),
    }
}

/// A page as the store holds it once written: paging moves on and its rows go in, with no
/// facts.
fn merge(l: &mut InvitationList, page: Page<InvitationSummary>, height: usize) -> Vec<String> {
    l.paged(page.next_token);
    let rows = page
        .items
        .into_iter()
        .map(|row| (row, RowFacts::default()))
        .collect();
    l.put(rows, height)
}

/// A list holding rows `0..n`, newest first.
fn list(n: i64) -> InvitationList {
    let mut l = InvitationList::default();
    l.load(
        (0..n)
            .map(|h| (row(&h.to_string(), Some(h)), RowFacts::default()))
            .collect(),
    );
    l
}

fn ids(l: &InvitationList) -> Vec<&str> {
    l.ids().collect()
}

fn on_screen(l: &InvitationList, height: usize) -> Vec<(bool, String)> {
    l.window(height)
        .map(|(sel, r)| (sel, r.id.clone()))
        .collect()
}

fn selected(l: &InvitationList) -> &str {
    &l.selected().unwrap().id
}

#[test]
fn the_window_follows_the_cursor() {
    let mut l = list(5);
    l.move_by(3, 2);
    assert_eq!(
        on_screen(&l, 2),
        [(false, "2".to_string()), (true, "1".to_string())]
    );
    l.move_by(-10, 2);
    assert_eq!(selected(&l), "4");
    assert!(!l.move_by(-1, 2), "clamped at the top");
}

#[test]
fn load_replaces_the_rows_in_order_with_the_cursor_on_top() {
    let mut l = list(3);
    l.move_by(2, 10);
    l.loading = true;
    l.set_view(sorted(ViewSort::Oldest).view().clone(), at(0), 10);
    l.load(vec![
        (row("b", Some(1)), RowFacts::default()),
        (row("a", Some(2)), RowFacts::default()),
    ]);
    assert_eq!(ids(&l), ["b", "a"]);
    assert_eq!((l.position(), l.loaded()), ((0, 2), 2));
    assert!(l.contains("a") && !l.contains("0"));
    assert!(l.loading, "a page request out stays out");
}

#[test]
fn the_sort_order_holds_after_merges() {
    for (sort, want) in [
        (ViewSort::Newest, ["5", "4", "3", "2", "1", "u2", "u1"]),
        (ViewSort::Oldest, ["1", "2", "3", "4", "5", "u1", "u2"]),
    ] {
        let mut l = sorted(sort);
        merge(&mut l, page(&[3, 1], true), 10);
        let undated = vec![row("u2", None), row("u1", None)];
        merge(&mut l, page(&[5, 2, 4], true), 10);
        merge(
            &mut l,
            Page {
                items: undated,
                next_token: None,
            },
            10,
        );
        assert_eq!(ids(&l), want, "{sort:?}: undated last, by id");
    }
}

#[test]
fn equal_dates_list_by_id_newest_first_reversing_oldest_first() {
    let same = |id: &str| row(id, Some(7));
    for (sort, want) in [
        (ViewSort::Newest, ["c", "b", "a"]),
        (ViewSort::Oldest, ["a", "b", "c"]),
    ] {
        let mut l = sorted(sort);
        l.load(vec![
            (same("b"), RowFacts::default()),
            (same("c"), RowFacts::default()),
            (same("a"), RowFacts::default()),
        ]);
        assert_eq!(ids(&l), want);
    }
}

#[test]
fn merge_keeps_the_selection_on_the_same_screen_row_when_rows_come_in_above() {
    let mut l = list(20);
    l.move_by(8, 5);
    let (cursor, shown) = (l.position().0, on_screen(&l, 5));
    assert_eq!((selected(&l), cursor), ("11", 8));
    let added = merge(&mut l, page(&[30, 31, 15, 10], true), 5);
    assert_eq!(added, ["30", "31"], "15 and 10 were there");
    assert_eq!(selected(&l), "11");
    assert_eq!(l.position().0, cursor + 2);
    assert_eq!(on_screen(&l, 5), shown, "the screen does not move");
}

#[test]
fn merge_into_a_short_list_moves_the_selection_down_rather_than_hide_rows() {
    let mut l = list(3);
    l.move_by(1, 10);
    merge(&mut l, page(&[5, 6], true), 10);
    assert_eq!((selected(&l), l.position()), ("1", (3, 5)));
    assert_eq!(
        on_screen(&l, 10).len(),
        5,
        "all rows fit: none scrolled away"
    );
}

#[test]
fn merge_replaces_a_known_row_in_place_and_moves_it_when_its_date_changed() {
    let mut l = list(5);
    l.move_by(2, 10);
    let mut changed = row("2", Some(2));
    changed.status = Some(crate::domain::InvitationStatus::Accepted);
    let redated = row("3", Some(-1));
    let added = merge(
        &mut l,
        Page {
            items: vec![changed.clone(), redated],
            next_token: None,
        },
        10,
    );
    assert!(added.is_empty());
    assert_eq!(ids(&l), ["4", "2", "1", "0", "3"]);
    assert_eq!(l.selected(), Some(&changed), "still selected, updated");
    assert_eq!(l.loaded(), 5);
}

#[test]
fn forgotten_rows_go_and_the_selection_stays() {
    let mut l = list(6);
    l.move_by(2, 10);
    l.restart_paging();
    assert_eq!((l.pages(), l.next_token()), (0, None));
    merge(&mut l, page(&[5, 3], true), 10);
    merge(&mut l, page(&[1, 0], false), 10);
    assert_eq!(l.pages(), 2);
    l.forget(&["2".into(), "4".into()], 10);
    assert_eq!(ids(&l), ["5", "3", "1", "0"]);
    assert_eq!(selected(&l), "3");
    assert!(!l.contains("4"));
}

#[test]
fn forgetting_the_selection_keeps_the_cursor_position() {
    let mut l = list(6);
    l.move_by(2, 10);
    l.forget(&["0".into(), "3".into()], 10);
    assert_eq!((selected(&l), l.position()), ("2", (2, 4)));
}

#[test]
fn a_load_keeps_the_selection_on_the_same_invitation() {
    let mut l = list(6);
    l.move_by(2, 10);
    let rows = [9, 5, 3, 1]
        .iter()
        .map(|h| (row(&h.to_string(), Some(*h)), RowFacts::default()))
        .collect();
    l.load(rows);
    assert_eq!((selected(&l), l.position()), ("3", (2, 4)));
}

#[test]
fn forget_and_update_row_find_rows_by_id() {
    let mut l = list(4);
    l.move_by(3, 10);
    l.forget(&["3".into()], 10);
    l.forget(&["3".into()], 10);
    assert_eq!((selected(&l), l.position()), ("0", (2, 3)));
    l.update_row("2", |r| r.invitation_date = Some(at(-5)));
    assert_eq!(ids(&l), ["1", "0", "2"]);
    assert_eq!(selected(&l), "0");
}

#[test]
fn search_folds_accents_and_case_and_finds_ids() {
    let mut l = list(3);
    l.update_row("1", |r| r.sender_company = Some("Bäckerei KÜHN".into()));
    l.set_search("Kuhn");
    assert_eq!(l.search(), "kuhn");
    assert_eq!((selected(&l), l.position()), ("1", (0, 1)));
    l.set_search("kühn");
    assert_eq!(l.position().1, 1);
    l.update_row("0", |r| r.engagement_title = None);
    l.set_search("0");
    assert_eq!((selected(&l), l.position().1), ("0", 1), "by id");
    l.set_search("");
    assert_eq!(l.position().1, 3);
}

#[test]
fn a_growing_or_shrinking_search_shows_what_a_fresh_search_shows() {
    let mut typed = list(120);
    for text in [
        "1",
        "11",
        "title 11",
        "title 110",
        "title 1",
        "",
        "2",
        "e 2",
        "xyz",
        "x",
        "",
    ] {
        typed.set_search(text);
        let mut fresh = list(120);
        fresh.set_search(text);
        let ids = |l: &InvitationList| -> Vec<String> {
            let (_, n) = l.position();
            l.window(n).map(|(_, r)| r.id.clone()).collect()
        };
        assert_eq!(ids(&typed), ids(&fresh), "after typing {text:?}");
    }
}

#[test]
fn search_keeps_the_first_row_shown_when_it_still_matches() {
    let mut l = list(3);
    l.set_search("title 1");
    assert_eq!((selected(&l), l.position()), ("1", (0, 1)));
    l.set_search("");
    assert_eq!((selected(&l), l.position()), ("1", (1, 3)));
}

#[test]
fn a_customer_set_later_is_searched_and_keeps_the_selection() {
    let mut l = list(5);
    l.set_search("title");
    l.move_by(2, 10);
    l.set_search("e");
    assert_eq!(selected(&l), "4", "every title has an e");
    l.set_search("globex");
    assert_eq!(l.position().1, 0);
    l.set_facts("3", customer("Globex Corporation"));
    l.set_facts("1", customer("Globex GmbH"));
    assert_eq!(
        on_screen(&l, 10),
        [(true, "3".to_string()), (false, "1".to_string())]
    );
    l.move_by(1, 10);
    l.set_facts("4", customer("Globex Inc"));
    assert_eq!(selected(&l), "1", "a row shown above keeps the selection");
    assert_eq!(l.position(), (2, 3));
    l.set_facts("1", RowFacts::default());
    assert_eq!(
        l.position(),
        (1, 2),
        "the selection left; the cursor stays put"
    );
    assert_eq!(selected(&l), "3");
}

#[test]
fn put_rows_take_the_customer_the_store_has() {
    let mut l = list(2);
    l.put(vec![(row("1", Some(1)), customer("Ærø Bryghus"))], 10);
    l.set_search("ærø");
    assert_eq!((selected(&l), l.position().1), ("1", 1));
}

#[test]
fn select_scrolls_to_the_invitation() {
    let mut l = list(20);
    assert!(l.select("2", 5));
    assert_eq!(l.position().0, 17);
    assert_eq!(on_screen(&l, 5).last(), Some(&(true, "2".to_string())));
    assert!(!l.select("nope", 5));
}

#[test]
fn merge_under_a_search_shows_the_rows_that_match() {
    let mut l = list(4);
    l.set_search("title");
    let untitled = |mut r: InvitationSummary| {
        r.engagement_title = Some("x".into());
        r
    };
    let items = vec![
        row("9", Some(9)),
        untitled(row("5", Some(5))),
        untitled(row("2", Some(2))),
    ];
    merge(
        &mut l,
        Page {
            items,
            next_token: None,
        },
        10,
    );
    let shown: Vec<String> = on_screen(&l, 10).into_iter().map(|(_, id)| id).collect();
    assert_eq!(shown, ["9", "3", "1", "0"]);
    assert_eq!(l.loaded(), 6);
    l.set_search("");
    assert_eq!(ids(&l), ["9", "5", "3", "2", "1", "0"]);
}

#[test]
fn a_view_shows_only_what_it_admits_and_the_search_looks_within_it() {
    let mut l = list(6);
    for id in ["1", "3"] {
        l.update_row(id, |r| {
            r.status = Some(crate::domain::InvitationStatus::Pending);
        });
    }
    let pending = View {
        statuses: vec![crate::domain::InvitationStatus::Pending],
        ..View::all("Pending", Participant::Received)
    };
    l.set_view(pending.clone(), at(0), 10);
    assert_eq!(on_screen(&l, 10).len(), 2);
    assert_eq!(l.count(&pending, at(0)), 2);
    assert_eq!(l.in_view().count(), 2);
    assert_eq!(l.loaded(), 6, "the other rows stay loaded");
    l.set_search("title 3");
    assert_eq!(on_screen(&l, 10), [(true, "3".to_string())]);
    l.set_search("title 4");
    assert!(on_screen(&l, 10).is_empty(), "4 is not in the view");
    l.set_search("");
    merge(&mut l, page(&[9], false), 10);
    assert!(
        !l.select("9", 10),
        "a merged row the view does not admit stays hidden"
    );
    assert!(l.contains("9"));
}

#[test]
fn sorts_by_customer_and_spend_put_unknown_values_last_and_follow_new_facts() {
    let mut l = sorted(ViewSort::Customer);
    l.load(
        (0..4)
            .map(|h| (row(&h.to_string(), Some(h)), RowFacts::default()))
            .collect(),
    );
    l.set_facts("0", customer("Zeta"));
    l.set_facts("2", customer("Éclair"));
    assert_eq!(
        ids(&l),
        ["2", "0", "3", "1"],
        "folded: Éclair before Zeta; unknown ones newest first"
    );
    let spend = |amount: f64| RowFacts {
        customer: None,
        spend: Some(amount),
    };
    l.set_view(
        View {
            sort: ViewSort::Spend,
            ..l.view().clone()
        },
        at(0),
        10,
    );
    l.set_facts("1", spend(10.0));
    l.set_facts("3", spend(500.0));
    assert_eq!(ids(&l), ["3", "1", "2", "0"], "largest first, unknown last");
}

#[test]
fn a_new_view_keeps_the_selection_when_it_shows_it_and_else_starts_at_the_top() {
    let mut l = list(5);
    l.move_by(2, 10);
    assert_eq!(selected(&l), "2");
    l.set_view(sorted(ViewSort::Oldest).view().clone(), at(0), 10);
    assert_eq!((selected(&l), l.position().0), ("2", 2));
    let none = View {
        statuses: vec![crate::domain::InvitationStatus::Expired],
        ..View::all("Expired", Participant::Received)
    };
    l.set_view(none, at(0), 10);
    assert_eq!(l.position(), (0, 0));
    assert!(l.selected().is_none());
}
