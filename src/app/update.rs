//! The pure reducer: `update(&mut State, Msg) -> Vec<Effect>`. No IO happens here.

use chrono::Duration;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::backend::crossterm::EventHandler;
use tui_input::Input;

use super::{
    actions, create, DetailEntry, Effect, FilterMenu, Focus, Level, Msg, Notice, Overlay, Priority,
    State,
};
use crate::domain::{
    InvitationDetail, InvitationStatus, InvitationSummary, Page, Participant, SortOrder,
};
use crate::keymap::Action;
use crate::service::ServiceError;
use crate::ui::{detail, layout};

/// Rows from the end of the loaded list at which the next page is fetched.
const PREFETCH_MARGIN: usize = 10;
/// How long info and success notices stay.
const NOTICE_SECONDS: i64 = 5;

/// The URL of an invitation in the Partner Central console: the template with `{id}` and
/// `{catalog}` filled in.
pub fn console_url(template: &str, catalog: &str, id: &str) -> String {
    template.replace("{id}", id).replace("{catalog}", catalog)
}

/// The effects to run when the app starts: the first page, and resuming accept tasks.
pub fn init(state: &mut State) -> Vec<Effect> {
    let mut effects = reload(state);
    effects.extend(actions::resume(state));
    effects
}

/// Applies one message and returns the work it asks for.
pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(state, key),
        Msg::Resize { width, height } => {
            state.size = (width, height);
            state.list.scroll_to_cursor(list_rows(state));
            clamp_detail_scroll(state);
            let mut effects = prefetch(state);
            effects.extend(more_pages(state));
            effects
        }
        Msg::Tick { now } => {
            state.clock.now = now;
            state.spinner = state.spinner.wrapping_add(1);
            let expired = state.notice.as_ref().is_some_and(|n| {
                n.level != Level::Error && now - n.since > Duration::seconds(NOTICE_SECONDS)
            });
            if expired {
                state.notice = None;
            }
            Vec::new()
        }
        Msg::PageLoaded { generation, result } => on_page(state, generation, result),
        Msg::DetailLoaded {
            id,
            generation,
            result,
        } => on_detail(state, id, generation, result),
        Msg::SelectionSettled { epoch } => on_settled(state, epoch),
        Msg::AcceptStarted {
            invitation_id,
            result,
        } => actions::on_accept_started(state, invitation_id, result),
        Msg::TaskPolled {
            invitation_id,
            task_id,
            result,
        } => actions::on_task_polled(state, invitation_id, task_id, result),
        Msg::ActiveTasks(result) => actions::on_active_tasks(state, result),
        Msg::Rejected {
            invitation_id,
            result,
        } => actions::on_rejected(state, invitation_id, result),
        Msg::EngagementsLoaded(result) => create::on_engagements(state, result),
        Msg::InvitationCreated {
            client_token,
            result,
        } => create::on_created(state, client_token, result),
        Msg::StorageFailed(error) => {
            notify(
                state,
                Level::Error,
                format!("Could not save pc-inbox's state: {error}"),
            );
            Vec::new()
        }
        Msg::Terminate => {
            state.quit = true;
            Vec::new()
        }
    }
}

fn list_rows(state: &State) -> usize {
    layout::list_rows(state.size)
}

fn notify(state: &mut State, level: Level, text: impl Into<String>) {
    state.notice = Some(Notice {
        level,
        text: text.into(),
        since: state.clock.now,
    });
}

fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if key.kind != KeyEventKind::Press {
        return Vec::new();
    }
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    let action = state.keymap.action(&key);
    if ctrl_c || action == Some(Action::ForceQuit) {
        state.quit = true;
        return Vec::new();
    }
    if state.search_input.is_some() {
        return on_search_key(state, key);
    }
    match state.overlay {
        Some(Overlay::Reject(_)) => {
            state.notice = None;
            return actions::on_reject_key(state, key);
        }
        Some(Overlay::Create(_)) => {
            state.notice = None;
            return create::on_key(state, key);
        }
        _ => {}
    }
    if let Some(notice) = state.notice.take() {
        if notice.level == Level::Error {
            return Vec::new();
        }
    }
    match &mut state.overlay {
        Some(Overlay::Help) => {
            if matches!(action, Some(Action::Help | Action::Back | Action::Quit)) {
                state.overlay = None;
            }
            Vec::new()
        }
        Some(Overlay::Filters(_)) => on_filter_key(state, key, action),
        Some(Overlay::ConfirmAccept(_)) => actions::on_confirm_key(state, key, action),
        Some(Overlay::Reject(_)) => actions::on_reject_key(state, key),
        Some(Overlay::Create(_)) => create::on_key(state, key),
        None => action.map_or_else(Vec::new, |a| on_action(state, a)),
    }
}

fn on_search_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => {
            state.search_input = None;
            set_search(state, "")
        }
        KeyCode::Enter => {
            state.search_input = None;
            Vec::new()
        }
        _ => {
            let Some(input) = state.search_input.as_mut() else {
                return Vec::new();
            };
            input.handle_event(&Event::Key(key));
            let text = input.value().to_string();
            set_search(state, &text)
        }
    }
}

fn set_search(state: &mut State, text: &str) -> Vec<Effect> {
    let before = state.selected().map(|s| s.id.clone());
    let details = &state.details;
    state
        .list
        .set_search(text, |r, q| State::matches(details, r, q));
    state.list.scroll_to_cursor(list_rows(state));
    let mut effects = if state.selected().map(|s| &s.id) != before.as_ref() {
        selection_changed(state)
    } else {
        prefetch(state)
    };
    effects.extend(more_pages(state));
    effects
}

fn on_filter_key(state: &mut State, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    let Some(Overlay::Filters(menu)) = &mut state.overlay else {
        return Vec::new();
    };
    match (key.code, action) {
        (KeyCode::Char(' ') | KeyCode::Char('x'), _) => menu.toggle(),
        (_, Some(Action::Down)) => menu.cursor = (menu.cursor + 1) % FilterMenu::ROWS,
        (_, Some(Action::Up)) => {
            menu.cursor = (menu.cursor + FilterMenu::ROWS - 1) % FilterMenu::ROWS
        }
        (KeyCode::Enter, _) => {
            let chosen = menu.apply(&state.filters);
            state.overlay = None;
            if chosen != state.filters {
                state.filters = chosen;
                return reload(state);
            }
        }
        (_, Some(Action::Back | Action::Filters | Action::Quit)) => state.overlay = None,
        _ => {}
    }
    Vec::new()
}

fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let rows = list_rows(state) as isize;
    match action {
        Action::Down => step(state, 1),
        Action::Up => step(state, -1),
        Action::HalfPageDown => step(state, (rows / 2).max(1)),
        Action::HalfPageUp => step(state, -(rows / 2).max(1)),
        Action::PageDown => step(state, rows.max(1)),
        Action::PageUp => step(state, -rows.max(1)),
        Action::Top => step(state, isize::MIN / 2),
        Action::Bottom => step(state, isize::MAX / 2),
        Action::SwitchPane => {
            if state.selected().is_some() {
                state.focus = match state.focus {
                    Focus::List => Focus::Detail,
                    Focus::Detail => Focus::List,
                };
            }
            Vec::new()
        }
        Action::Search => {
            state.search_input = Some(Input::new(state.list.search().to_string()));
            state.focus = Focus::List;
            Vec::new()
        }
        Action::Back => {
            if state.focus == Focus::Detail {
                state.focus = Focus::List;
                Vec::new()
            } else if !state.list.search().is_empty() {
                set_search(state, "")
            } else {
                Vec::new()
            }
        }
        Action::Refresh => refresh(state),
        Action::Sort => {
            state.filters.sort = match state.filters.sort {
                SortOrder::NewestFirst => SortOrder::OldestFirst,
                SortOrder::OldestFirst => SortOrder::NewestFirst,
            };
            reload(state)
        }
        Action::Filters => {
            state.overlay = Some(Overlay::Filters(FilterMenu::open(&state.filters)));
            Vec::new()
        }
        Action::PendingOnly => {
            state.filters.statuses = if state.filters.statuses == [InvitationStatus::Pending] {
                Vec::new()
            } else {
                vec![InvitationStatus::Pending]
            };
            reload(state)
        }
        Action::NewInvitation => create::open(state),
        Action::Accept => actions::ask_accept(state),
        Action::Reject => actions::ask_reject(state),
        Action::ViewReceived => switch_view(state, Participant::Received),
        Action::ViewSent => switch_view(state, Participant::Sent),
        Action::Open => match state.selected().map(|s| s.id.clone()) {
            Some(id) => {
                notify(state, Level::Info, format!("Opening {id} in your browser"));
                vec![Effect::OpenUrl(console_url(
                    &state.settings.console_url,
                    &state.settings.catalog,
                    &id,
                ))]
            }
            None => Vec::new(),
        },
        Action::CopyId => match state.selected().map(|s| s.id.clone()) {
            Some(id) => {
                notify(
                    state,
                    Level::Success,
                    format!("Copied {id} to the clipboard"),
                );
                vec![Effect::Copy(id)]
            }
            None => Vec::new(),
        },
        Action::Help => {
            state.overlay = Some(Overlay::Help);
            Vec::new()
        }
        Action::Quit | Action::ForceQuit => {
            state.quit = true;
            Vec::new()
        }
    }
}

fn step(state: &mut State, delta: isize) -> Vec<Effect> {
    if state.focus == Focus::Detail {
        let target = (state.detail_scroll as isize)
            .saturating_add(delta)
            .clamp(0, u16::MAX as isize);
        state.detail_scroll = target as u16;
        clamp_detail_scroll(state);
        return Vec::new();
    }
    let changed = state.list.move_by(delta, list_rows(state));
    let mut effects = if changed {
        selection_changed(state)
    } else {
        Vec::new()
    };
    effects.extend(more_pages(state));
    effects
}

fn clamp_detail_scroll(state: &mut State) {
    let max = state
        .selected()
        .and_then(|s| state.details.ready(&s.id))
        .map(|d| {
            let (width, height) = layout::detail_text_size(state.size);
            detail::content_height(d, state.accepts.get(&d.summary.id), &state.clock, width)
                .saturating_sub(height)
        })
        .unwrap_or(0);
    state.detail_scroll = state.detail_scroll.min(max.min(u16::MAX as usize) as u16);
}

fn switch_view(state: &mut State, view: Participant) -> Vec<Effect> {
    if state.view == view {
        return Vec::new();
    }
    state.view = view;
    reload(state)
}

/// Starts over with a new query: rows go, cached details stay (they are keyed by id).
pub(super) fn reload(state: &mut State) -> Vec<Effect> {
    state.list_generation += 1;
    state.list.clear();
    state.replace_rows = false;
    state.focus = Focus::List;
    state.detail_scroll = 0;
    first_page(state)
}

/// Reloads the same query, keeping rows on screen until the new first page arrives.
fn refresh(state: &mut State) -> Vec<Effect> {
    state.list_generation += 1;
    state.details.invalidate();
    state.replace_rows = true;
    first_page(state)
}

fn first_page(state: &mut State) -> Vec<Effect> {
    state.list.loading = true;
    vec![Effect::LoadPage {
        generation: state.list_generation,
        query: state.filters.query(state.view, state.settings.page_size),
        next_token: None,
    }]
}

fn more_pages(state: &mut State) -> Vec<Effect> {
    if !state.list.wants_more(list_rows(state), PREFETCH_MARGIN) {
        return Vec::new();
    }
    state.list.loading = true;
    vec![Effect::LoadPage {
        generation: state.list_generation,
        query: state.filters.query(state.view, state.settings.page_size),
        next_token: state.list.next_token().cloned(),
    }]
}

fn selection_changed(state: &mut State) -> Vec<Effect> {
    state.detail_scroll = 0;
    state.selection_epoch += 1;
    if state.selected().is_none() {
        state.focus = Focus::List;
    }
    let mut effects = vec![Effect::SettleSelection {
        epoch: state.selection_epoch,
        after: state.settings.debounce,
    }];
    effects.extend(prefetch(state));
    effects
}

/// Background detail fetches for the rows on screen that have none yet. Rows still waiting are
/// asked for again: the read queue keeps one request per row and serves the newest first.
fn prefetch(state: &mut State) -> Vec<Effect> {
    let generation = state.details.generation();
    let wanted: Vec<String> = state
        .list
        .window(list_rows(state))
        .filter(|(_, row)| {
            matches!(
                state.details.get(&row.id),
                None | Some(DetailEntry::Loading { urgent: false })
            )
        })
        .map(|(_, row)| row.id.clone())
        .collect();
    wanted
        .into_iter()
        .map(|id| {
            state
                .details
                .set(&id, DetailEntry::Loading { urgent: false });
            Effect::LoadDetail {
                id,
                generation,
                priority: Priority::Prefetch,
            }
        })
        .collect()
}

fn on_page(
    state: &mut State,
    generation: u64,
    result: Result<Page<InvitationSummary>, ServiceError>,
) -> Vec<Effect> {
    if generation != state.list_generation {
        return Vec::new();
    }
    state.list.loading = false;
    match result {
        Ok(page) => {
            let replace = std::mem::take(&mut state.replace_rows);
            let first = state.list.pages() == 0 || replace;
            let before = state.selected().map(|s| s.id.clone());
            let details = &state.details;
            state
                .list
                .add_page(page, replace, |r, q| State::matches(details, r, q));
            if let Some(id) = state.select_after_load.clone() {
                if state.list.select(&id) {
                    state.select_after_load = None;
                }
            }
            state.list.scroll_to_cursor(list_rows(state));
            let mut effects = if first || state.selected().map(|s| &s.id) != before.as_ref() {
                selection_changed(state)
            } else {
                prefetch(state)
            };
            effects.extend(more_pages(state));
            effects
        }
        Err(e) => {
            state.replace_rows = false;
            state.list.failed = Some(e.to_string());
            notify(state, Level::Error, e.to_string());
            Vec::new()
        }
    }
}

fn on_detail(
    state: &mut State,
    id: String,
    generation: u64,
    result: Result<Box<InvitationDetail>, ServiceError>,
) -> Vec<Effect> {
    if generation != state.details.generation() {
        return Vec::new();
    }
    match result {
        Ok(detail) => {
            if let Some(status) = detail.summary.status.clone() {
                state.list.update_row(&id, |row| row.status = Some(status));
            }
            state.details.set(&id, DetailEntry::Ready(detail));
            if !state.list.search().is_empty() {
                let details = &state.details;
                state.list.refilter(|r, q| State::matches(details, r, q));
            }
        }
        Err(e) => {
            if state.selected().is_some_and(|s| s.id == id) {
                notify(state, Level::Error, e.to_string());
            }
            state.details.set(&id, DetailEntry::Failed(e.to_string()));
        }
    }
    Vec::new()
}

fn on_settled(state: &mut State, epoch: u64) -> Vec<Effect> {
    if epoch != state.selection_epoch {
        return Vec::new();
    }
    let Some(id) = state.selected().map(|s| s.id.clone()) else {
        return Vec::new();
    };
    match state.details.get(&id) {
        Some(DetailEntry::Ready(_) | DetailEntry::Loading { urgent: true }) => Vec::new(),
        _ => {
            state
                .details
                .set(&id, DetailEntry::Loading { urgent: true });
            vec![Effect::LoadDetail {
                id,
                generation: state.details.generation(),
                priority: Priority::Selected,
            }]
        }
    }
}
