//! The `f` menu: status check boxes and the payload choice, applied with one key.

use crossterm::event::KeyEvent;

use super::Modal;
use crate::app::{inbox, Effect, Filters, PayloadChoice, State};
use crate::domain::InvitationStatus;
use crate::keymap::{Action, Mode};

/// What the menu's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Toggle], "toggle"),
    (&[Action::Confirm], "apply"),
    (&[Action::Cancel], "close"),
];

/// Opens the menu on the current filters.
pub fn open(state: &mut State) {
    state
        .modals
        .push(Modal::Filters(FilterMenu::open(&state.filters)));
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
            let chosen = menu.apply(&state.filters);
            state.modals.pop();
            if chosen != state.filters {
                state.filters = chosen;
                return inbox::reload(state);
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
    /// Number of rows: four statuses and three payload choices.
    pub const ROWS: usize = 7;
    const PAYLOADS: [PayloadChoice; 3] = [
        PayloadChoice::All,
        PayloadChoice::Opportunity,
        PayloadChoice::Lead,
    ];

    /// The menu showing the current filters.
    pub fn open(filters: &Filters) -> Self {
        let mut statuses = [false; 4];
        for (i, s) in InvitationStatus::ALL.iter().enumerate() {
            statuses[i] = filters.statuses.contains(s);
        }
        FilterMenu {
            cursor: 0,
            statuses,
            payload: filters.payload,
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
                let label = match choice {
                    PayloadChoice::All => "All payload types",
                    PayloadChoice::Opportunity => "Opportunities",
                    PayloadChoice::Lead => "Leads",
                };
                (label.to_string(), self.payload == choice)
            }
        }
    }

    /// The filters the menu describes, keeping the sort order.
    pub fn apply(&self, current: &Filters) -> Filters {
        Filters {
            statuses: InvitationStatus::ALL
                .iter()
                .zip(self.statuses)
                .filter(|(_, on)| *on)
                .map(|(s, _)| s.clone())
                .collect(),
            payload: self.payload,
            sort: current.sort,
        }
    }
}
