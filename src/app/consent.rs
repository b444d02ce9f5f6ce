//! Consent: a write that cannot be taken back leaves `update` only for what the last frame
//! drawn asked about. Drawing reports which writes it put in front of the user
//! ([`Msg::Shown`](super::Msg::Shown)); a dialog's yes, a hold running out and a queue sending
//! its next item each check [`shown`] first, and [`screen`] drops anything that slipped past.

use super::bulk::ItemState;
use super::engage::{EngagePhase, Stage};
use super::modes::Modal;
use super::{Effect, Level, State};

/// A write to the service, named by what it acts on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Write {
    /// Accepting this invitation.
    Accept(String),
    /// Rejecting this invitation.
    Reject(String),
    /// Sending the invitation draft with this client token.
    Create(String),
    /// Starting an engagement from this opportunity.
    Engage(String),
}

impl Effect {
    /// The write this effect sends, if it sends one.
    pub fn write(&self) -> Option<Write> {
        match self {
            Effect::StartAccept { invitation_id, .. } => Some(Write::Accept(invitation_id.clone())),
            Effect::Reject { invitation_id, .. } => Some(Write::Reject(invitation_id.clone())),
            Effect::CreateInvitation { client_token, .. } => {
                Some(Write::Create(client_token.clone()))
            }
            Effect::StartEngage { opportunity_id, .. } => {
                Some(Write::Engage(opportunity_id.clone()))
            }
            _ => None,
        }
    }
}

/// The writes the dialog on top asks about: what its yes would send.
pub fn asked_on_top(state: &State) -> Vec<Write> {
    let Some(modal) = state.top() else {
        return Vec::new();
    };
    match modal {
        Modal::Confirm(c) => vec![Write::Accept(c.invitation_id.clone())],
        Modal::Bulk(c) => c
            .targets
            .iter()
            .map(|t| {
                if c.accept {
                    Write::Accept(t.id.clone())
                } else {
                    Write::Reject(t.id.clone())
                }
            })
            .collect(),
        Modal::Reject(d) if d.many.is_empty() => vec![Write::Reject(d.invitation_id.clone())],
        Modal::Reject(d) => d.many.iter().map(|t| Write::Reject(t.id.clone())).collect(),
        Modal::Unsent(_) => queued(state),
        Modal::Create(form) if form.picker.is_none() => {
            vec![Write::Create(form.draft.client_token.clone())]
        }
        Modal::Engage(d) => match (&d.stage, &state.engage) {
            (Stage::Confirm(o), _) => vec![Write::Engage(o.id.clone())],
            (Stage::Progress, Some(run)) if matches!(run.phase, EngagePhase::Failed { .. }) => {
                vec![Write::Engage(run.opportunity.id.clone())]
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The writes the queue's status line speaks for while it holds or runs: every item not yet
/// settled.
pub fn queued(state: &State) -> Vec<Write> {
    let Some(queue) = state.bulk.as_ref() else {
        return Vec::new();
    };
    queue
        .items
        .iter()
        .filter(|i| matches!(i.state, ItemState::Waiting | ItemState::Sending))
        .map(|i| queue.write_for(&i.id))
        .collect()
}

/// True when the last frame drawn asked about `write`.
pub fn shown(state: &State, write: &Write) -> bool {
    state.shown.contains(write)
}

/// The last line of defence: a write effect the last frame did not ask about is dropped and
/// said. Nothing in the reducer should ever get here; a test fails if it does.
pub(super) fn screen(state: &mut State, effects: &mut Vec<Effect>) {
    let mut refused = Vec::new();
    effects.retain(|e| match e.write() {
        Some(w) if !state.shown.contains(&w) => {
            refused.push(w);
            false
        }
        _ => true,
    });
    for write in refused {
        state.notify(
            Level::Error,
            format!("Not sent: {write:?} was not on screen when it was asked for"),
        );
    }
}
