//! The journal view: every action taken, newest first, read from the local store when opened.

use crossterm::event::KeyEvent;

use super::dialog::{Dialog, Keys, Title};
use super::Modal;
use crate::app::{Effect, Level, State};
use crate::domain::journal::Entry;
use crate::keymap::{Action, Mode};

/// The entries (once read) and how far they are scrolled.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JournalView {
    /// `None` until the store answers.
    pub entries: Option<Vec<Entry>>,
    pub scroll: usize,
}

/// What the journal's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Up, Action::Down], "scroll"),
    (&[Action::Cancel], "close"),
];

/// Opens the view and asks the store for the journal.
pub fn open(state: &mut State) -> Vec<Effect> {
    state.modals.push(Modal::Journal(JournalView::default()));
    vec![Effect::ReadJournal]
}

/// The store answered: fill the open view, newest first.
pub fn on_read(state: &mut State, result: Result<Vec<Entry>, String>) -> Vec<Effect> {
    let view = state.modals.iter_mut().rev().find_map(|m| match m {
        Modal::Journal(view) => Some(view),
        _ => None,
    });
    match (view, result) {
        (Some(view), Ok(mut entries)) => {
            entries.reverse();
            view.entries = Some(entries);
        }
        (Some(_), Err(e)) => {
            state.modals.retain(|m| !matches!(m, Modal::Journal(_)));
            state.notify(Level::Error, format!("Could not read the journal: {e}"));
        }
        (None, _) => {}
    }
    Vec::new()
}

/// Every key the view takes.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let action = state.keymap.action(Mode::Journal, &key);
    let Some(Modal::Journal(view)) = state.modals.last_mut() else {
        return Vec::new();
    };
    let last = view
        .entries
        .as_ref()
        .map_or(0, |e| e.len().saturating_sub(1));
    match action {
        Some(Action::Down) => view.scroll = (view.scroll + 1).min(last),
        Some(Action::Up) => view.scroll = view.scroll.saturating_sub(1),
        Some(Action::Top) => view.scroll = 0,
        Some(Action::Bottom) => view.scroll = last,
        Some(Action::Cancel) => {
            state.modals.pop();
        }
        _ => {}
    }
    Vec::new()
}

impl Dialog for JournalView {
    fn title(&self, _: &State) -> Title {
        Title::plain(format!(
            "Journal ({})",
            self.entries.as_ref().map_or(0, Vec::len)
        ))
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Journal, on_key, HINTS)
    }
}
