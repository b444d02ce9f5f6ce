//! The reducer's part for creating invitations: opening the form (or the saved draft), editing
//! with live validation, pickers, saving the draft as it changes, submitting once per draft, and
//! putting the service's field errors back on their fields.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::backend::crossterm::EventHandler;

use super::form::draft::{Draft, DraftContact, DraftKind, DraftSpend};
use super::form::fields::{text_mut, Editor, Field, PickerKind};
use super::form::picker::Picker;
use super::form::validate::field_for_path;
use super::form::InvitationForm;
use super::{Effect, Level, Notice, Overlay, State};
use crate::domain::{EngagementSummary, Page, Participant};
use crate::service::{CreatedInvitation, ServiceError};

fn notify(state: &mut State, level: Level, text: impl Into<String>) {
    state.notice = Some(Notice {
        level,
        text: text.into(),
        since: state.clock.now,
    });
}

fn form_mut(state: &mut State) -> Option<&mut InvitationForm> {
    match &mut state.overlay {
        Some(Overlay::Create(form)) => Some(form),
        _ => None,
    }
}

/// `n`: opens the form on the saved draft if there is one, else on a new draft.
pub(super) fn open(state: &mut State) -> Vec<Effect> {
    let (draft, restored) = match state.draft.take() {
        Some(d) => (d, true),
        None => {
            let token = format!(
                "pc-inbox-{}-draft-{}",
                state.session,
                state.clock.now.timestamp_millis()
            );
            (Draft::new(token), false)
        }
    };
    let mut form = InvitationForm::open(draft, restored);
    form.engagements.loading = true;
    state.overlay = Some(Overlay::Create(Box::new(form)));
    vec![Effect::LoadEngagements { next_token: None }]
}

fn save(state: &mut State) -> Vec<Effect> {
    let now = state.clock.now;
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    form.draft.saved_at = Some(now);
    vec![Effect::SaveDraft(Some(Box::new(form.draft.clone())))]
}

/// Keys while the form is open.
pub(super) fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    if form.picker.is_some() {
        return on_picker_key(state, key);
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let field = form.field();
    match key.code {
        KeyCode::Char('s') if ctrl => submit(state),
        KeyCode::Esc => close(state),
        KeyCode::Tab | KeyCode::Down => {
            form.move_focus(1);
            Vec::new()
        }
        KeyCode::BackTab | KeyCode::Up => {
            form.move_focus(-1);
            Vec::new()
        }
        KeyCode::Enter => activate(state, field),
        KeyCode::Char(' ') if field.editor() != Editor::Text => activate(state, field),
        _ if field.editor() == Editor::Text => {
            form.input.handle_event(&Event::Key(key));
            let value = form.input.value().to_string();
            if let Some(slot) = text_mut(&mut form.draft, field) {
                if *slot == value {
                    return Vec::new();
                }
                *slot = value;
            }
            form.changed(field);
            save(state)
        }
        _ => Vec::new(),
    }
}

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
            Vec::new()
        }
        Editor::Toggle => {
            form.draft.kind = match form.draft.kind {
                DraftKind::Opportunity => DraftKind::Lead,
                DraftKind::Lead => DraftKind::Opportunity,
            };
            form.changed(field);
            save(state)
        }
        Editor::Button => match field {
            Field::Submit => submit(state),
            Field::Discard => {
                state.overlay = None;
                state.draft = None;
                notify(state, Level::Info, "Draft discarded");
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
                save(state)
            }
        },
    }
}

fn on_picker_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    let Some(picker) = form.picker.as_mut() else {
        return Vec::new();
    };
    let matches = picker.matches(&form.engagements.items);
    match key.code {
        KeyCode::Esc => form.picker = None,
        KeyCode::Down => picker.cursor = (picker.cursor + 1).min(matches.len().saturating_sub(1)),
        KeyCode::Up => picker.cursor = picker.cursor.saturating_sub(1),
        KeyCode::Char(' ') if picker.multi() => {
            if let Some(choice) = matches.get(picker.cursor) {
                match picker.ticked.iter().position(|t| *t == choice.value) {
                    Some(i) => {
                        picker.ticked.remove(i);
                    }
                    None => picker.ticked.push(choice.value.clone()),
                }
            }
        }
        KeyCode::Enter => {
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
            form.move_focus(1);
            return save(state);
        }
        _ => {
            picker.query.handle_event(&Event::Key(key));
            picker.cursor = 0;
        }
    }
    Vec::new()
}

fn close(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Create(form)) = state.overlay.take() else {
        return Vec::new();
    };
    if form.draft.is_blank() {
        state.draft = None;
        return vec![Effect::SaveDraft(None)];
    }
    state.draft = Some(form.draft);
    notify(state, Level::Info, "Draft kept: n continues it");
    Vec::new()
}

fn submit(state: &mut State) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    form.submit_attempted = true;
    form.problems = super::form::validate::problems(&form.draft);
    if let Some(first) = form.problems.keys().flatten().next().copied() {
        form.focus(first);
        return Vec::new();
    }
    if form.submitting || !form.problems.is_empty() {
        return Vec::new();
    }
    form.submitting = true;
    form.server.clear();
    vec![Effect::CreateInvitation {
        engagement_id: form.draft.engagement_id.clone(),
        client_token: form.draft.client_token.clone(),
        invitation: Box::new(form.draft.invitation()),
    }]
}

pub(super) fn on_engagements(
    state: &mut State,
    result: Result<Page<EngagementSummary>, ServiceError>,
) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    match result {
        Ok(page) => {
            form.engagements.items.extend(page.items);
            match page.next_token {
                Some(token) => vec![Effect::LoadEngagements {
                    next_token: Some(token),
                }],
                None => {
                    form.engagements.loading = false;
                    Vec::new()
                }
            }
        }
        Err(e) => {
            form.engagements.loading = false;
            form.engagements.error = Some(e.to_string());
            Vec::new()
        }
    }
}

pub(super) fn on_created(
    state: &mut State,
    client_token: String,
    result: Result<CreatedInvitation, ServiceError>,
) -> Vec<Effect> {
    let open_form = form_mut(state).filter(|f| f.draft.client_token == client_token);
    match result {
        Ok(created) => {
            if open_form.is_some() {
                state.overlay = None;
            }
            if state
                .draft
                .as_ref()
                .is_some_and(|d| d.client_token == client_token)
            {
                state.draft = None;
            }
            notify(
                state,
                Level::Success,
                format!("Invitation {} sent", created.id),
            );
            state.select_after_load = Some(created.id);
            state.view = Participant::Sent;
            let mut effects = vec![Effect::SaveDraft(None)];
            effects.extend(super::update::reload(state));
            effects
        }
        Err(e) => {
            let Some(form) = open_form else {
                notify(
                    state,
                    Level::Error,
                    format!("Sending the invitation failed: {e}"),
                );
                return Vec::new();
            };
            form.submitting = false;
            if let ServiceError::Validation { fields, .. } = &e {
                for f in fields {
                    let field = f.field.as_deref().and_then(field_for_path);
                    form.server.insert(field, f.message.clone());
                }
            }
            if form.server.is_empty() || !matches!(e, ServiceError::Validation { .. }) {
                form.server.insert(None, e.to_string());
            }
            if let Some(first) = form.server.keys().flatten().next().copied() {
                form.focus(first);
            }
            Vec::new()
        }
    }
}
