//! The `f` menu: the view's status check boxes and payload choice, applied with one key.

use crossterm::event::KeyEvent;

use super::dialog::{Dialog, Keys, Title};
use super::Modal;
use crate::app::{views, Effect, State};
use crate::domain::PayloadChoice;
use crate::domain::{InvitationStatus, PayloadKind, View};
use crate::keymap::{Action, Mode};

/// What the menu's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Toggle], "toggle"),
    (&[Action::Confirm], "apply"),
    (&[Action::Cancel], "close"),
];

/// Opens the menu on the view's filters.
pub fn open(state: &mut State) {
    let menu = FilterMenu::open(&state.views.active);
    state.modals.push(Modal::Filters(menu));
}

/// Every key the menu takes.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let action = state.keymap.action(Mode::Filters, &key);
    let Some(Modal::Filters(menu)) = state.modals.last_mut() else {
        return Vec::new();
    };
    match action {
        Some(Action::Toggle) => menu.toggle(),
        Some(Action::Down) => menu.cursor = (menu.cursor + 1) % FilterMenu::ROWS,
        Some(Action::Up) => menu.cursor = (menu.cursor + FilterMenu::ROWS - 1) % FilterMenu::ROWS,
        Some(Action::Confirm) => {
            let (statuses, payloads) = menu.chosen();
            state.modals.pop();
            let view = &state.views.active;
            if (&statuses, &payloads) != (&view.statuses, &view.payloads) {
                return views::set_filters(state, statuses, payloads);
            }
        }
        Some(Action::Cancel) => {
            state.modals.pop();
        }
        _ => {}
    }
    Vec::new()
}

/// The `f` menu: four status check boxes, then the payload choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterMenu {
    pub cursor: usize,
    pub statuses: [bool; 4],
    pub payload: PayloadChoice,
}

impl FilterMenu {
    /// Number of rows: four statuses and four payload choices.
    pub const ROWS: usize = 8;
    const PAYLOADS: [PayloadChoice; 4] = PayloadChoice::ALL;

    /// The menu showing a view's filters.
    pub fn open(view: &View) -> Self {
        let mut statuses = [false; 4];
        for (i, s) in InvitationStatus::ALL.iter().enumerate() {
            statuses[i] = view.statuses.contains(s);
        }
        let payload = PayloadChoice::of(&view.payloads);
        FilterMenu {
            cursor: 0,
            statuses,
            payload,
        }
    }

    /// Toggles the status box or picks the payload choice under the cursor.
    pub fn toggle(&mut self) {
        match self.cursor {
            i @ 0..4 => self.statuses[i] = !self.statuses[i],
            i => self.payload = Self::PAYLOADS[i - 4],
        }
    }

    /// Row `i`'s label and whether it is on.
    pub fn row(&self, i: usize) -> (String, bool) {
        match i {
            0..4 => (
                InvitationStatus::ALL[i].as_wire().to_string(),
                self.statuses[i],
            ),
            _ => {
                let choice = Self::PAYLOADS[i - 4];
                let label = match choice.plural() {
                    Some(plural) => format!("{}{}", plural[..1].to_uppercase(), &plural[1..]),
                    None => "All payload types".into(),
                };
                (label, self.payload == choice)
            }
        }
    }

    /// The statuses and payload types the menu describes.
    pub fn chosen(&self) -> (Vec<InvitationStatus>, Vec<PayloadKind>) {
        let statuses = InvitationStatus::ALL
            .iter()
            .zip(self.statuses)
            .filter(|(_, on)| *on)
            .map(|(s, _)| s.clone())
            .collect();
        (statuses, self.payload.kinds())
    }
}

impl Dialog for FilterMenu {
    fn title(&self, _: &State) -> Title {
        Title::plain("Filters")
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Filters, on_key, HINTS)
    }
}
