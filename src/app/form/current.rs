//! The create form open on screen, for every part of the app that fills it in (typing, the
//! pickers, an engagement's context, an engage's prefill): found among the dialogs, and saved
//! once it rests.

use crate::app::modes::Modal;
use crate::app::{Effect, State};

use super::InvitationForm;

/// The open form, wherever it is in the stack.
pub(in crate::app) fn form_mut(state: &mut State) -> Option<&mut InvitationForm> {
    state.modals.iter_mut().rev().find_map(|m| match m {
        Modal::Create(form) => Some(&mut **form),
        _ => None,
    })
}

/// The open form's draft changed: it is saved once no change has followed for
/// [`Settings::draft_save_delay`](crate::app::Settings::draft_save_delay).
pub(in crate::app) fn save_later(state: &mut State) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    form.unsaved = true;
    state.draft_epoch += 1;
    vec![Effect::SettleDraft {
        epoch: state.draft_epoch,
        after: state.settings.draft_save_delay,
    }]
}
