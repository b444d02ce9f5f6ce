//! The detail pane, when it has the focus: scrolling and going back. Keys it does not take
//! (accept, reject, open…) are the list's.

use crossterm::event::KeyEvent;

use crate::app::{inbox, Effect, Focus, State};
use crate::keymap::{Action, Mode};

/// The keys the detail pane takes; `None` hands the key to the list.
pub fn on_key(state: &mut State, key: KeyEvent) -> Option<Vec<Effect>> {
    let page = state.geometry.detail_rows as isize;
    let delta = match state.keymap.action(Mode::Detail, &key)? {
        Action::Down => 1,
        Action::Up => -1,
        Action::HalfPageDown => (page / 2).max(1),
        Action::HalfPageUp => -(page / 2).max(1),
        Action::PageDown => page.max(1),
        Action::PageUp => -page.max(1),
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        Action::SwitchPane | Action::Back => {
            state.focus = Focus::List;
            return Some(Vec::new());
        }
        _ => return None,
    };
    inbox::scroll_detail(state, delta);
    Some(Vec::new())
}
