//! The notices log: the last notices, newest first. Errors in it count as read once it has
//! been open.

use crossterm::event::KeyEvent;

use super::dialog::{Dialog, Keys, Title};
use super::Modal;
use crate::app::{Effect, State};
use crate::keymap::{Action, Mode};

/// How far the log is scrolled, in notices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticesLog {
    pub scroll: usize,
}

/// What the log's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Up, Action::Down], "scroll"),
    (&[Action::Cancel], "close"),
];

/// Opens the log; what it shows counts as read.
pub fn open(state: &mut State) {
    state.notices.mark_all_read();
    state.modals.push(Modal::Notices(NoticesLog::default()));
}

/// Every key the log takes.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let action = state.keymap.action(Mode::Notices, &key);
    let last = state.notices.len().saturating_sub(1);
    let Some(Modal::Notices(log)) = state.modals.last_mut() else {
        return Vec::new();
    };
    match action {
        Some(Action::Down) => log.scroll = (log.scroll + 1).min(last),
        Some(Action::Up) => log.scroll = log.scroll.saturating_sub(1),
        Some(Action::Top) => log.scroll = 0,
        Some(Action::Bottom) => log.scroll = last,
        Some(Action::Cancel) => {
            state.modals.pop();
            state.notices.mark_all_read();
        }
        _ => {}
    }
    Vec::new()
}

impl Dialog for NoticesLog {
    fn title(&self, state: &State) -> Title {
        let count = state.notices.len();
        Title::plain(match &state.memory.requests_today {
            Some(today) => format!("Notices ({count}) · today {}", today.against_quota()),
            None => format!("Notices ({count})"),
        })
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Notices, on_key, HINTS)
    }
}
