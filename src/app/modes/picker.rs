//! The picker over a form field: type to narrow, move, tick (several allowed), choose. After a
//! choice the focus stays on the field that was picked.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use crate::app::engagements;
use crate::app::form::current::{form_mut, save_later};
use crate::app::text::paste_into;
use crate::app::{Effect, State};
use crate::compose::fields::{text_mut, Field, PickerKind};
use crate::keymap::{Action, Mode};

/// What a single-choice picker's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Up, Action::Down], "move"),
    (&[Action::Confirm], "choose"),
    (&[Action::Cancel], "close"),
];

/// What the multi-choice picker's hint line names.
pub const MULTI_HINTS: &[(&[Action], &str)] = &[
    (&[Action::Up, Action::Down], "move"),
    (&[Action::Toggle], "tick"),
    (&[Action::Confirm], "done"),
    (&[Action::Cancel], "close"),
];

/// A paste narrows the choices like typing.
pub fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    if let Some(picker) = form_mut(state).and_then(|f| f.picker.as_mut()) {
        paste_into(&mut picker.query, text);
        picker.cursor = 0;
    }
    Vec::new()
}

/// Every key the picker takes. Characters type into the query, except the tick key of the
/// multi-choice picker.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let multi = form_mut(state)
        .and_then(|f| f.picker.as_ref())
        .is_some_and(|p| p.multi());
    let action = match state.keymap.action(Mode::Picker, &key) {
        Some(Action::Toggle) if multi => Some(Action::Toggle),
        _ => state.keymap.action_typing(Mode::Picker, &key),
    };
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    let Some(picker) = form.picker.as_mut() else {
        return Vec::new();
    };
    let matches = picker.matches(&form.engagements.items);
    match action {
        Some(Action::Cancel) => form.picker = None,
        Some(Action::Down) => {
            picker.cursor = (picker.cursor + 1).min(matches.len().saturating_sub(1))
        }
        Some(Action::Up) => picker.cursor = picker.cursor.saturating_sub(1),
        Some(Action::Toggle) => {
            if let Some(choice) = matches.get(picker.cursor) {
                match picker.ticked.iter().position(|t| *t == choice.value) {
                    Some(i) => {
                        picker.ticked.remove(i);
                    }
                    None => picker.ticked.push(choice.value.clone()),
                }
            }
        }
        Some(Action::Confirm) => {
            let field = picker.field;
            if picker.multi() {
                form.draft.responsibilities = picker.ticked.clone();
            } else {
                let Some(choice) = matches.get(picker.cursor) else {
                    return Vec::new();
                };
                if field == Field::Engagement {
                    let title = form
                        .engagements
                        .items
                        .iter()
                        .find(|e| e.id == choice.value)
                        .and_then(|e| e.title.clone());
                    form.draft.engagement_title = title.unwrap_or_default();
                }
                if let Some(slot) = text_mut(&mut form.draft, field) {
                    *slot = choice.value.clone();
                }
            }
            form.picker = None;
            form.touched.insert(field);
            form.changed(field);
            form.load_input();
            let engagement = form.draft.engagement_id.clone();
            let mut effects = save_later(state);
            if field == Field::Engagement {
                effects.extend(engagements::chosen(state, &engagement));
            }
            return effects;
        }
        None => {
            picker.query.handle_event(&Event::Key(key));
            picker.cursor = 0;
        }
        _ => {}
    }
    highlighted_members(state)
}

/// The members of the engagement the picker highlights, so it can say who is in already.
pub fn highlighted_members(state: &mut State) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    let Some(picker) = form
        .picker
        .as_ref()
        .filter(|p| p.kind == PickerKind::Engagement)
    else {
        return Vec::new();
    };
    let Some(choice) = picker
        .matches(&form.engagements.items)
        .into_iter()
        .nth(picker.cursor)
    else {
        return Vec::new();
    };
    engagements::want_members(state, &choice.value)
}
