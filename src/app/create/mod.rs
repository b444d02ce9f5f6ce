//! The reducer's part for creating invitations: opening the form (or the saved draft), editing
//! with live validation, pickers, saving the draft once typing pauses (and before quitting),
//! submitting once per draft, and putting the service's field errors back on their fields.

mod msg;

pub use msg::CreateMsg;

use super::consent::Write;
use super::form::current::{form_mut, save_later};
use super::form::InvitationForm;
use super::modes::Modal;
use super::sync::cache;
use super::{views, Effect, Level, State};
use crate::compose::draft::Draft;
use crate::compose::fields::{text_mut, Field};
use crate::compose::paths::field_for_path;
use crate::domain::journal::{Action as Done, Entry, Outcome};
use crate::domain::{EngagementSummary, Page, Participant};
use crate::keymap::Action;
use crate::service::{CreatedInvitation, ServiceError};

/// `n`: opens the form on the saved draft if there is one, else on a new draft.
pub(super) fn open(state: &mut State) -> Vec<Effect> {
    match state.draft.take() {
        Some(d) => open_on(state, d, true),
        None => {
            let token = new_token(state);
            open_on(state, Draft::new(token), false)
        }
    }
}

/// A client token for a new draft.
pub(super) fn new_token(state: &State) -> String {
    format!(
        "pc-inbox-{}-draft-{}",
        state.session,
        state.clock.now.timestamp_millis()
    )
}

/// Opens the form on `draft`, which came back from an earlier run when `restored`.
pub(super) fn open_on(state: &mut State, draft: Draft, restored: bool) -> Vec<Effect> {
    let engagement = draft.engagement_id.clone();
    let mut form = InvitationForm::open(draft, restored, state.clock.now.date_naive());
    form.engagements.loading = true;
    state.modals.push(Modal::Create(Box::new(form)));
    let mut effects = vec![Effect::LoadEngagements { next_token: None }];
    effects.extend(super::engagements::chosen(state, &engagement));
    effects
}

/// The draft has rested since `epoch`: saves it if nothing changed since.
pub(super) fn on_draft_settled(state: &mut State, epoch: u64) -> Vec<Effect> {
    if epoch != state.draft_epoch {
        return Vec::new();
    }
    flush(state)
}

/// Saves the open form's draft now if it has changes not yet saved: after a pause in typing,
/// and before the app quits or hands the terminal to the user's editor.
pub(super) fn flush(state: &mut State) -> Vec<Effect> {
    let now = state.clock.now;
    let Some(form) = form_mut(state).filter(|f| f.unsaved) else {
        return Vec::new();
    };
    form.unsaved = false;
    form.draft.saved_at = Some(now);
    vec![Effect::SaveDraft(Some(Box::new(form.draft.clone())))]
}

/// Closes the form, keeping (and saving) a draft that has anything in it.
pub(super) fn close(state: &mut State) -> Vec<Effect> {
    let effects = flush(state);
    let Some(form) = take_form(state) else {
        return Vec::new();
    };
    if form.draft.is_blank() {
        state.draft = None;
        return vec![Effect::SaveDraft(None)];
    }
    state.draft = Some(form.draft);
    let key = state.list_key(Action::NewInvitation);
    state.notify(Level::Info, format!("Draft kept: {key} continues it"));
    effects
}

/// Checks the draft and sends it, once.
pub(super) fn submit(state: &mut State) -> Vec<Effect> {
    if cache::refuse_offline(state, "send the invitation (the draft is kept)") {
        return Vec::new();
    }
    let shown = state.shown.clone();
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    form.submit_attempted = true;
    form.problems = crate::compose::validate::problems(&form.draft, form.today);
    if let Some(first) = form.problems.keys().flatten().next().copied() {
        form.focus(first);
        return Vec::new();
    }
    if form.submitting || !form.problems.is_empty() {
        return Vec::new();
    }
    if !shown.contains(&Write::Create(form.draft.client_token.clone())) {
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
                    super::modes::picker::highlighted_members(state)
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
    let entry = Entry::new(
        Done::Create,
        if result.is_ok() {
            Outcome::Succeeded
        } else {
            Outcome::Failed
        },
        state.clock.now,
    )
    .token(client_token.clone());
    let entry = Effect::Journal(Box::new(match &result {
        Ok(created) => entry.invitation(&created.id),
        Err(e) => entry.detail(Some(e.to_string())),
    }));
    let mut effects = vec![entry];
    effects.extend(created(state, client_token, result));
    effects
}

fn created(
    state: &mut State,
    client_token: String,
    result: Result<CreatedInvitation, ServiceError>,
) -> Vec<Effect> {
    let open_form = form_mut(state).filter(|f| f.draft.client_token == client_token);
    match result {
        Ok(created) => {
            if open_form.is_some() {
                take_form(state);
            }
            if state
                .draft
                .as_ref()
                .is_some_and(|d| d.client_token == client_token)
            {
                state.draft = None;
            }
            state.notify(Level::Success, format!("Invitation {} sent", created.id));
            state.select_after_load = Some(created.id);
            let mut effects = vec![Effect::SaveDraft(None)];
            effects.extend(views::show_side(state, Participant::Sent));
            effects
        }
        Err(e) => {
            let Some(form) = open_form else {
                state.notify(Level::Error, format!("Sending the invitation failed: {e}"));
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

/// Takes the form off the stack.
fn take_form(state: &mut State) -> Option<Box<InvitationForm>> {
    let i = state
        .modals
        .iter()
        .rposition(|m| matches!(m, Modal::Create(_)))?;
    match state.modals.remove(i) {
        Modal::Create(form) => Some(form),
        _ => None,
    }
}

/// The editor gave a field's text back: it replaces the field's text, as typing would.
pub(super) fn on_text_edited(
    state: &mut State,
    field: Field,
    result: Result<String, String>,
) -> Vec<Effect> {
    let text = match result {
        Ok(text) => text,
        Err(why) => {
            state.notify(Level::Error, format!("The editor did not run: {why}"));
            return Vec::new();
        }
    };
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    let Some(slot) = text_mut(&mut form.draft, field) else {
        return Vec::new();
    };
    *slot = text.trim_end_matches('\n').to_string();
    form.focus(field);
    form.changed(field);
    save_later(state)
}

/// Hands a create form's reply or timer to its handler.
pub(super) fn update(state: &mut State, msg: CreateMsg) -> Vec<Effect> {
    match msg {
        CreateMsg::EngagementsLoaded(result) => on_engagements(state, result),
        CreateMsg::Created {
            client_token,
            result,
        } => on_created(state, client_token, result),
        CreateMsg::TextEdited { field, result } => on_text_edited(state, field, result),
        CreateMsg::DraftSettled { epoch } => on_draft_settled(state, epoch),
    }
}
