//! The invitation list, the base of the screen: every key it takes, and the action bar.

use crossterm::event::KeyEvent;

use super::{filters, help, journal, notices, quit, search};
use crate::app::{actions, bulk, create, engage, inbox, sync, views, Effect, Focus, Level, State};
use crate::keymap::{Action, Mode};

/// Every key the list takes.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    match state.keymap.action(Mode::List, &key) {
        Some(action) => on_action(state, action),
        None => Vec::new(),
    }
}

fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let rows = state.geometry.list_rows as isize;
    match action {
        Action::Down => inbox::step(state, 1),
        Action::Up => inbox::step(state, -1),
        Action::HalfPageDown => inbox::step(state, (rows / 2).max(1)),
        Action::HalfPageUp => inbox::step(state, -(rows / 2).max(1)),
        Action::PageDown => inbox::step(state, rows.max(1)),
        Action::PageUp => inbox::step(state, -rows.max(1)),
        Action::Top => inbox::step(state, isize::MIN / 2),
        Action::Bottom => inbox::step(state, isize::MAX / 2),
        Action::SwitchPane => {
            if state.selected().is_some() {
                state.focus = Focus::Detail;
            }
            Vec::new()
        }
        Action::Search => {
            search::open(state);
            Vec::new()
        }
        Action::Back => {
            if let Some(effects) = bulk::cancel(state) {
                effects
            } else if state.list.mark_count() > 0 {
                state.list.clear_marks();
                Vec::new()
            } else if !state.list.search().is_empty() {
                inbox::set_search(state, "")
            } else {
                Vec::new()
            }
        }
        Action::Mark => {
            state.list.toggle_mark();
            inbox::step(state, 1)
        }
        Action::MarkAll => {
            state.list.mark_visible();
            Vec::new()
        }
        Action::ClearMarks => {
            state.list.clear_marks();
            Vec::new()
        }
        Action::Refresh => sync::refresh(state),
        Action::Sort => views::next_sort(state),
        Action::Filters => {
            filters::open(state);
            Vec::new()
        }
        Action::PendingOnly => views::toggle_pending(state),
        Action::NewInvitation => create::open(state),
        Action::Engage => engage::open(state),
        Action::Accept => actions::ask_accept(state),
        Action::Reject => actions::ask_reject(state),
        Action::View(n) => views::switch(state, usize::from(n).saturating_sub(1)),
        Action::NextView => views::step(state, 1),
        Action::PreviousView => views::step(state, -1),
        Action::Open => match state.selected().map(|s| s.id.clone()) {
            Some(id) => {
                let (template, id) = match state.opportunities.ready(&id) {
                    Some(o) => (&state.settings.opportunity_url, o.id.clone()),
                    None => (&state.settings.console_url, id),
                };
                let url = crate::domain::console_url(template, &state.settings.catalog, &id);
                state.notify(Level::Info, format!("Opening {id} in your browser"));
                vec![Effect::OpenUrl(url)]
            }
            None => Vec::new(),
        },
        Action::CopyId => match state.selected().map(|s| s.id.clone()) {
            Some(id) => {
                state.notify(Level::Success, format!("Copied {id} to the clipboard"));
                vec![Effect::Copy(id)]
            }
            None => Vec::new(),
        },
        Action::Journal => journal::open(state),
        Action::NextNew => inbox::next_new(state),
        Action::Notices => {
            notices::open(state);
            Vec::new()
        }
        Action::Help => {
            help::open(state);
            Vec::new()
        }
        Action::Quit => quit::ask(state),
        Action::ForceQuit => {
            state.quit = true;
            Vec::new()
        }
        Action::Undo => bulk::undo(state).unwrap_or_else(|| {
            state.notify(Level::Info, "Nothing to undo: no reject is held");
            Vec::new()
        }),
        _ => Vec::new(),
    }
}
