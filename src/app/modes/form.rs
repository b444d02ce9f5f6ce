//! The new-invitation form: moving between fields, typing, pressing buttons, sending, closing.
//! The picker over a field has keys of its own ([`super::picker`]).

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::dialog::{Asking, Dialog, Keys, OnPaste, Title};
use super::picker;
use crate::app::consent::Write;
use crate::app::create::{close, flush, submit};
use crate::app::form::current::{form_mut, save_later};
use crate::app::form::picker::Picker;
use crate::app::form::InvitationForm;
use crate::app::text::{multiline, paste_into};
use crate::app::{Effect, Level, State};
use crate::compose::draft::{DraftContact, DraftKind, DraftSpend};
use crate::compose::fields::{text_mut, Editor, Field, PickerKind};
use crate::keymap::{Action, Mode};

/// What the form's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Next], "next"),
    (&[Action::Previous], "back"),
    (&[Action::Confirm], "pick"),
    (&[Action::Toggle], "toggle"),
    (&[Action::Submit], "send"),
    (&[Action::Edit], "editor"),
    (&[Action::Cancel], "close (draft kept)"),
];

/// A paste into the focused text field.
pub fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    if form.field().multiline() {
        form.area.insert_str(multiline(text));
    } else {
        paste_into(&mut form.input, text);
    }
    store_input(state)
}

/// Every key the form takes. In a text field, characters type themselves.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    let field = form.field();
    let typing = form.typing();
    let action = if field.multiline() && edits_lines(form, &key) {
        None
    } else if typing {
        state.keymap.action_typing(Mode::Form, &key)
    } else {
        state.keymap.action(Mode::Form, &key)
    };
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    let armed = form.armed.take();
    match action {
        Some(Action::Confirm) if field.destructive() && armed != Some(field) => {
            form.armed = Some(field);
            Vec::new()
        }
        Some(Action::Submit) => submit(state),
        Some(Action::Edit) if typing => {
            let text = form.edited_text();
            let mut effects = flush(state);
            effects.push(Effect::EditText { field, text });
            effects
        }
        Some(Action::Cancel) => close(state),
        Some(Action::Next) => {
            form.move_focus(1);
            Vec::new()
        }
        Some(Action::Previous) => {
            form.move_focus(-1);
            Vec::new()
        }
        Some(Action::Confirm) => activate(state, field),
        Some(Action::Toggle) if !typing && !field.destructive() => activate(state, field),
        None if field.multiline() => {
            form.area.input(key);
            store_input(state)
        }
        None if typing => {
            form.input.handle_event(&Event::Key(key));
            store_input(state)
        }
        _ => Vec::new(),
    }
}

/// In a multi-line field, Enter starts a line and the arrows move in the text; ↑ on the first
/// line and ↓ on the last leave the field as usual.
fn edits_lines(form: &InvitationForm, key: &KeyEvent) -> bool {
    let row = form.area.cursor().0;
    let last = form.area.lines().len().saturating_sub(1);
    key.modifiers.is_empty()
        && match key.code {
            KeyCode::Enter | KeyCode::Left | KeyCode::Right => true,
            KeyCode::Up => row > 0,
            KeyCode::Down => row < last,
            _ => false,
        }
}

/// Puts the edited text into the draft and has it saved, when it changed.
fn store_input(state: &mut State) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    let field = form.field();
    let value = form.edited_text();
    if let Some(slot) = text_mut(&mut form.draft, field) {
        if *slot == value {
            return Vec::new();
        }
        *slot = value;
    }
    form.changed(field);
    save_later(state)
}

/// Enter on a field: the next field for text, a picker, a toggle, or a button's job.
fn activate(state: &mut State, field: Field) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    match field.editor() {
        Editor::Text => {
            form.move_focus(1);
            Vec::new()
        }
        Editor::Pick(kind) => {
            let ticked = if kind == PickerKind::Responsibilities {
                form.draft.responsibilities.clone()
            } else {
                Vec::new()
            };
            form.picker = Some(Picker::new(field, kind, ticked));
            super::picker::highlighted_members(state)
        }
        Editor::Toggle => {
            form.draft.kind = match form.draft.kind {
                DraftKind::Opportunity => DraftKind::Lead,
                DraftKind::Lead => DraftKind::Opportunity,
            };
            form.changed(field);
            save_later(state)
        }
        Editor::Button => match field {
            Field::Submit => submit(state),
            Field::Discard => {
                state.modals.pop();
                state.draft = None;
                state.notify(Level::Info, "Draft discarded");
                vec![Effect::SaveDraft(None)]
            }
            _ => {
                match field {
                    Field::AddSpend => form.draft.spend.push(DraftSpend {
                        currency: "USD".into(),
                        target_company: "AWS".into(),
                        ..Default::default()
                    }),
                    Field::RemoveSpend(i) if i < form.draft.spend.len() => {
                        form.draft.spend.remove(i);
                    }
                    Field::AddContact => form.draft.contacts.push(DraftContact::default()),
                    Field::RemoveContact(i) if i < form.draft.contacts.len() => {
                        form.draft.contacts.remove(i);
                    }
                    _ => return Vec::new(),
                }
                form.changed(field);
                form.load_input();
                save_later(state)
            }
        },
    }
}

/// The create form: its fields, or the picker open over one of them.
impl Dialog for InvitationForm {
    fn title(&self, _: &State) -> Title {
        Title::plain(match self.submitting {
            true => "New invitation — sending…",
            false => "New invitation",
        })
    }

    fn keys(&self) -> Keys {
        let hints = match &self.picker {
            Some(p) if p.multi() => picker::MULTI_HINTS,
            Some(_) => picker::HINTS,
            None => {
                return Keys::new(Mode::Form, on_key, HINTS)
                    .paste(self.typing().then_some(on_paste as OnPaste))
            }
        };
        Keys::new(Mode::Picker, picker::on_key, hints).paste(Some(picker::on_paste))
    }

    fn asks(&self, _: &Asking<'_>) -> Vec<Write> {
        match self.picker {
            Some(_) => Vec::new(),
            None => vec![Write::Create(self.draft.client_token.clone())],
        }
    }
}
