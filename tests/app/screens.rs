//! Screen snapshots on ratatui's TestBackend at 80×24 and 160×48, plus styles that carry
//! meaning (the selection) and the too-small guard at every size.

use crate::fixtures;
use pc_inbox::app::{EngageMsg, SyncMsg, TaskMsg};

use fixtures::update;
use fixtures::{deliver, key, loaded, render, render_with, resize, state};
use pc_inbox::app::{Msg, State};
use pc_inbox::domain::TaskKind;
use pc_inbox::service::ServiceError;
use pc_inbox::ui;
use ratatui::style::Modifier;

fn with_detail(size: (u16, u16), detail: pc_inbox::domain::InvitationDetail, row: usize) -> State {
    let mut s = loaded(size, 30, true);
    for _ in 0..row {
        update(&mut s, key('j'));
    }
    for i in 0..8 {
        if i != row {
            deliver(
                &mut s,
                if i % 2 == 0 {
                    fixtures::opportunity(i)
                } else {
                    fixtures::lead(i)
                },
            );
        }
    }
    deliver(&mut s, detail);
    s
}

#[test]
fn opportunity_80x24() {
    insta::assert_snapshot!(render(&with_detail((80, 24), fixtures::opportunity(0), 0)).backend());
}

#[test]
fn opportunity_160x48() {
    insta::assert_snapshot!(render(&with_detail((160, 48), fixtures::opportunity(0), 0)).backend());
}

#[test]
fn lead_80x24() {
    insta::assert_snapshot!(render(&with_detail((80, 24), fixtures::lead(1), 1)).backend());
}

#[test]
fn lead_160x48() {
    insta::assert_snapshot!(render(&with_detail((160, 48), fixtures::lead(1), 1)).backend());
}

#[test]
fn lead_insights_160x48() {
    insta::assert_snapshot!(
        render(&with_detail((160, 48), fixtures::lead_with_insights(1), 1)).backend()
    );
}

#[test]
fn account_plan_in_berlin_time_120x40() {
    let mut s = with_detail((120, 40), fixtures::account_plan(3), 3);
    s.clock.offset = chrono::FixedOffset::east_opt(3600).unwrap();
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn unknown_payload_80x24() {
    insta::assert_snapshot!(render(&with_detail((80, 24), fixtures::unknown(2), 2)).backend());
}

#[test]
fn unknown_payload_160x48() {
    insta::assert_snapshot!(render(&with_detail((160, 48), fixtures::unknown(2), 2)).backend());
}

#[test]
fn loading_80x24() {
    let (s, _) = state((80, 24));
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn empty_160x48() {
    let (mut s, _) = state((160, 48));
    let generation = s.list_generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(fixtures::page(0..0, false)),
        }),
    );
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn error_80x24() {
    let (mut s, _) = state((80, 24));
    let generation = s.list_generation();
    let err = ServiceError::Credentials {
        problem: pc_inbox::service::CredentialsProblem::Expired,
        message: "the SSO session has expired".into(),
        profile: Some("partner-sales".into()),
    };
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Err(err),
        }),
    );
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn too_small_30x8() {
    let (s, _) = state((30, 8));
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn help_overlay_80x24() {
    let mut s = loaded((80, 24), 5, false);
    update(&mut s, key('?'));
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn filter_menu_80x24() {
    let mut s = loaded((80, 24), 5, false);
    update(&mut s, key('f'));
    update(&mut s, key(' '));
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn search_prompt_160x48() {
    let mut s = loaded((160, 48), 30, true);
    for c in "/mirai".chars() {
        update(&mut s, key(c));
    }
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn the_selected_row_is_reversed_and_bold_not_only_coloured() {
    let mut s = loaded((80, 24), 5, false);
    update(&mut s, key('j'));
    let terminal = render_with(&s, &ui::Theme::plain());
    let buffer = terminal.backend().buffer();
    let row_of = |needle: &str| {
        (0..buffer.area.height)
            .find(|&y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    .contains(needle)
            })
            .unwrap()
    };
    let selected = row_of("Kühn bakery POS 1");
    let other = row_of("Globex SAP migration 0");
    let style = buffer[(5, selected)].style();
    assert!(
        style
            .add_modifier
            .contains(Modifier::REVERSED | Modifier::BOLD),
        "{style:?}"
    );
    assert!(!buffer[(5, other)]
        .style()
        .add_modifier
        .contains(Modifier::REVERSED));
}

#[test]
fn no_size_panics_down_to_one_by_one() {
    let base = with_detail((80, 24), fixtures::opportunity(0), 0);
    let sizes = (1..=45).chain([79, 80, 81, 119, 120, 121]);
    for width in sizes {
        for height in (1..=14).chain([24, 30]) {
            let mut s = base.clone();
            update(&mut s, resize((width, height)));
            render(&s);
        }
    }
}

#[test]
fn accept_confirmation_80x24() {
    let mut s = with_detail((80, 24), fixtures::opportunity(0), 0);
    update(&mut s, key('a'));
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn bulk_confirmation_with_a_skipped_row_100x30() {
    let mut s = with_detail((100, 30), fixtures::opportunity(0), 0);
    for _ in 0..5 {
        update(&mut s, key(' '));
    }
    update(&mut s, key('a'));
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn bulk_reject_in_progress_120x30() {
    let mut s = with_detail((120, 30), fixtures::opportunity(0), 0);
    update(&mut s, key('*'));
    update(&mut s, key('x'));
    update(&mut s, key('y'));
    update(&mut s, fixtures::code(crossterm::event::KeyCode::Tab));
    update(&mut s, key('j'));
    update(&mut s, fixtures::code(crossterm::event::KeyCode::Enter));
    update(&mut s, fixtures::code(crossterm::event::KeyCode::Enter));
    insta::assert_snapshot!("bulk_reject_held_120x30", render(&s).backend());
    let now = s.clock.now + chrono::Duration::seconds(5);
    update(&mut s, Msg::Tick { now });
    update(
        &mut s,
        Msg::Rejected {
            invitation_id: "engi-0000000000000".into(),
            reason: "Next steps unclear".into(),
            result: Ok(()),
        },
    );
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn reject_dialog_with_a_reason_80x24() {
    let mut s = with_detail((80, 24), fixtures::opportunity(0), 0);
    update(&mut s, key('x'));
    update(&mut s, fixtures::code(crossterm::event::KeyCode::Tab));
    update(&mut s, key('j'));
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn accept_in_progress_160x48() {
    let mut s = with_detail((160, 48), fixtures::opportunity(0), 0);
    s.restore_tasks(Vec::new(), "snap".into());
    // The detail of the invitation being accepted, so the selection stays on it.
    s.settings.auto_advance = false;
    update(&mut s, key('a'));
    update(&mut s, key('y'));
    let task = pc_inbox::domain::Task {
        kind: TaskKind::Accept,
        engagement_id: None,
        snapshot_job_id: None,
        id: "task-0000000000001".into(),
        arn: None,
        status: pc_inbox::domain::TaskStatus::InProgress,
        message: None,
        reason_code: None,
        opportunity_id: None,
        invitation_id: Some("engi-0000000000000".into()),
        start_time: None,
    };
    update(
        &mut s,
        Msg::Task(TaskMsg::Started {
            work: (TaskKind::Accept, "engi-0000000000000".into()),
            claimed: None,
            result: Ok(task),
            found: false,
        }),
    );
    update(
        &mut s,
        Msg::Tick {
            now: fixtures::now() + chrono::Duration::seconds(12),
        },
    );
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn create_form_with_a_problem_100x40() {
    let mut s = loaded((100, 40), 5, false);
    update(&mut s, key('n'));
    update(&mut s, fixtures::code(crossterm::event::KeyCode::Down));
    for c in "12345".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, fixtures::code(crossterm::event::KeyCode::Tab));
    insta::assert_snapshot!(render(&s).backend());
}

fn columns_at(size: (u16, u16)) -> String {
    let s = with_detail(size, fixtures::opportunity(0), 0);
    fixtures::screen_text(&s)
}

#[test]
fn list_columns_by_priority_80x24() {
    insta::assert_snapshot!(columns_at((80, 24)));
}

#[test]
fn list_columns_by_priority_120x40() {
    insta::assert_snapshot!(columns_at((120, 40)));
}

#[test]
fn list_columns_by_priority_140x40() {
    insta::assert_snapshot!(columns_at((140, 40)));
}

#[test]
fn list_columns_by_priority_200x60() {
    insta::assert_snapshot!(columns_at((200, 60)));
}

#[test]
fn the_sent_view_shows_the_receiver_not_the_sender() {
    let mut s = loaded((200, 60), 5, false);
    s.views.active.side = pc_inbox::domain::Participant::Sent;
    let screen = fixtures::screen_text(&s);
    let header = screen.lines().nth(2).unwrap();
    assert!(
        header.contains("Receiver") && !header.contains("Sender"),
        "{header}"
    );
    assert!(
        screen.lines().nth(3).unwrap().contains("northwind"),
        "{screen}"
    );
}

#[test]
fn box_footers_fit_at_80_columns() {
    let mut s = loaded((80, 24), 5, false);
    update(&mut s, key('n'));
    let screen = fixtures::screen_text(&s);
    let footer = screen.lines().find(|l| l.starts_with('└')).unwrap();
    assert!(footer.contains("Esc close (draft kept) ─"), "{footer}");
}

#[test]
fn a_wide_character_next_to_a_popup_does_not_eat_its_border() {
    let mut s = loaded((80, 24), 10, false);
    for i in 0..10 {
        let id = fixtures::summary(i).id;
        s.list.update_row(&id, |r| {
            r.engagement_title = Some(format!("{}東京データ移行東京データ移行", "a".repeat(i % 2)))
        });
    }
    update(&mut s, key('f'));
    let terminal = render(&s);
    let buffer = terminal.backend().buffer();
    let top = (0..buffer.area.height)
        .find(|&y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("┌ Filters")
        })
        .unwrap();
    let left = (0..buffer.area.width)
        .find(|&x| buffer[(x, top)].symbol() == "┌")
        .unwrap();
    let sent = ratatui::buffer::Buffer::empty(buffer.area).diff(buffer);
    for y in top..top + 10 {
        assert!(
            sent.iter().any(|(x, row, _)| (*x, *row) == (left, y)),
            "row {y}: the border cell reaches the terminal"
        );
    }
}

/// The default views with 30 received rows loaded and three sent ones in the local store, on
/// view `key`.
fn default_views(size: (u16, u16), key_pressed: char) -> State {
    use pc_inbox::domain::{CachedRow, CachedView, Participant};
    let (mut s, _) = fixtures::state_with(pc_inbox::app::Settings::default(), size);
    let generation = s.list_generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(fixtures::page(0..30, false)),
        }),
    );
    let rows = (100..103)
        .map(|i| CachedRow {
            summary: fixtures::summary(i),
            customer: None,
            spend: None,
            unread: false,
        })
        .collect();
    update(
        &mut s,
        Msg::Sync(SyncMsg::CachedSide {
            side: Participant::Sent,
            result: Ok(CachedView {
                rows,
                as_of: None,
                visited: true,
            }),
        }),
    );
    update(&mut s, key(key_pressed));
    s
}

/// The top lines: the views line, the list's title and its header.
fn top(s: &State) -> String {
    let screen = fixtures::screen_text(s);
    screen.lines().take(3).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_default_views_with_their_counts_160x48() {
    let s = default_views((160, 48), '2');
    insta::assert_snapshot!(top(&s));
    let line = render(&s).backend().buffer().clone();
    let chosen = (0..160)
        .find(|&x| line[(x, 0)].symbol() == "E")
        .expect("Expiring soon is on the line");
    assert!(
        line[(chosen, 0)].modifier.contains(Modifier::REVERSED)
            || line[(chosen, 0)].bg != ratatui::style::Color::Reset,
        "the view on screen is highlighted"
    );
}

#[test]
fn a_narrow_views_line_keeps_the_chosen_view_80x24() {
    let first = top(&default_views((80, 24), '1'));
    let last = top(&default_views((80, 24), '7'));
    insta::assert_snapshot!(format!("{first}\n\n{last}"));
}

#[test]
fn a_changed_view_is_starred_and_the_status_line_says_how() {
    let mut s = default_views((160, 48), '1');
    update(&mut s, key('s'));
    let screen = fixtures::screen_text(&s);
    assert!(screen.lines().next().unwrap().contains("Pending*"));
    assert!(
        screen
            .lines()
            .last()
            .unwrap()
            .contains("pending · oldest first"),
        "{}",
        screen.lines().last().unwrap()
    );
}

fn own_opportunity(id: &str, customer: &str, stage: &str) -> pc_inbox::domain::Opportunity {
    pc_inbox::domain::Opportunity {
        id: id.into(),
        title: None,
        customer: Some(customer.into()),
        stage: Some(stage.into()),
        review_status: Some("Pending Submission".into()),
        next_steps: None,
        target_close_date: Some("2027-04-30".into()),
        last_modified: Some(fixtures::now()),
        details: Default::default(),
    }
}

#[test]
fn engage_picker_80x24() {
    let mut s = with_detail((80, 24), fixtures::opportunity(0), 0);
    update(&mut s, key('E'));
    update(
        &mut s,
        Msg::Engage(EngageMsg::OpportunitiesLoaded(Ok(pc_inbox::domain::Page {
            items: vec![
                own_opportunity("O2026000101", "Harborview Medical Group", "Qualified"),
                own_opportunity(
                    "O2026000102",
                    "Stuttgarter Präzisionswerke GmbH",
                    "Qualified",
                ),
                own_opportunity("O2026000104", "Copperline Credit Union", "Prospect"),
            ],
            next_token: None,
        }))),
    );
    update(&mut s, fixtures::code(crossterm::event::KeyCode::Down));
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn engage_complete_80x24() {
    let mut s = with_detail((80, 24), fixtures::opportunity(0), 0);
    update(&mut s, key('E'));
    update(
        &mut s,
        Msg::Engage(EngageMsg::OpportunitiesLoaded(Ok(pc_inbox::domain::Page {
            items: vec![own_opportunity(
                "O2026000102",
                "Stuttgarter Präzisionswerke GmbH",
                "Qualified",
            )],
            next_token: None,
        }))),
    );
    update(&mut s, fixtures::code(crossterm::event::KeyCode::Enter));
    let effects = update(&mut s, key('y'));
    let Some(pc_inbox::app::Effect::StartTask { .. }) = effects.first() else {
        panic!("{effects:?}")
    };
    let task = pc_inbox::domain::Task {
        kind: TaskKind::Engage,
        invitation_id: None,
        id: "task-0000000000001".into(),
        arn: None,
        status: pc_inbox::domain::TaskStatus::Complete,
        message: None,
        reason_code: None,
        opportunity_id: Some("O2026000102".into()),
        engagement_id: Some("eng-0000000000000a".into()),
        snapshot_job_id: None,
        start_time: Some(fixtures::now()),
    };
    update(
        &mut s,
        Msg::Task(TaskMsg::Started {
            work: (TaskKind::Engage, "O2026000102".into()),
            claimed: None,
            result: Ok(task),
            found: false,
        }),
    );
    insta::assert_snapshot!(render(&s).backend());
}

#[test]
fn the_sort_column_is_marked_in_the_header() {
    use pc_inbox::domain::ViewSort;
    let mut s = loaded((200, 60), 10, false);
    let header = |s: &State| {
        fixtures::screen_text(s)
            .lines()
            .nth(2)
            .unwrap_or_default()
            .to_string()
    };
    assert!(header(&s).contains("Invited ▼"), "{}", header(&s));
    for (sort, marked) in [
        (ViewSort::Oldest, "Invited ▲"),
        (ViewSort::Customer, "Customer ▲"),
        (ViewSort::Spend, "Spend/mo ▼"),
        (ViewSort::Sender, "Sender ▲"),
    ] {
        s.views.active.sort = sort;
        let line = header(&s);
        assert!(line.contains(marked), "{sort:?}: {line}");
        assert_eq!(line.matches(['▲', '▼']).count(), 1, "{line}");
    }
}

#[test]
fn engaging_a_prospect_warns_before_the_yes() {
    let mut s = with_detail((100, 30), fixtures::opportunity(0), 0);
    update(&mut s, key('E'));
    update(
        &mut s,
        Msg::Engage(EngageMsg::OpportunitiesLoaded(Ok(pc_inbox::domain::Page {
            items: vec![own_opportunity(
                "O2026000104",
                "Copperline Credit Union",
                "Prospect",
            )],
            next_token: None,
        }))),
    );
    update(&mut s, fixtures::code(crossterm::event::KeyCode::Enter));
    let screen = fixtures::screen_text(&s);
    assert!(
        screen.contains("⚠ The service will likely refuse it (Prospect · qualify it first)."),
        "{screen}"
    );
}
