//! The `/` prompt: narrows the list as you type.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;
use tui_input::Input;

use super::dialog::{Dialog, Keys, Title, Tone};
use super::Modal;
use crate::app::text::paste_into;
use crate::app::{inbox, Effect, Focus, State};
use crate::keymap::{Action, Mode};

/// The prompt's text.
#[derive(Debug, Clone, Default)]
pub struct SearchPrompt {
    pub input: Input,
}

/// What the prompt's hint line names.
pub const HINTS: &[(&[Action], &str)] =
    &[(&[Action::Confirm], "keep"), (&[Action::Cancel], "clear")];

/// Opens the prompt on the current search text.
pub fn open(state: &mut State) {
    state.focus = Focus::List;
    state.modals.push(Modal::Search(SearchPrompt {
        input: Input::new(state.list.search().to_string()),
    }));
}

/// A paste joins the search text.
pub fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    let Some(Modal::Search(prompt)) = state.modals.last_mut() else {
        return Vec::new();
    };
    paste_into(&mut prompt.input, text);
    let text = prompt.input.value().to_string();
    inbox::set_search(state, &text)
}

/// Every key the prompt takes: keep, clear, or edit the text.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    match state.keymap.action_typing(Mode::Search, &key) {
        Some(Action::Confirm) => {
            state.modals.pop();
            Vec::new()
        }
        Some(Action::Cancel) => {
            state.modals.pop();
            inbox::set_search(state, "")
        }
        _ => {
            let Some(Modal::Search(prompt)) = state.modals.last_mut() else {
                return Vec::new();
            };
            prompt.input.handle_event(&Event::Key(key));
            let text = prompt.input.value().to_string();
            inbox::set_search(state, &text)
        }
    }
}

impl Dialog for SearchPrompt {
    fn title(&self, _: &State) -> Title {
        Title::toned("/", Tone::Warning)
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Search, on_key, HINTS).paste(Some(on_paste))
    }
}
