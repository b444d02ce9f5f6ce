//! Consent: a write that cannot be taken back leaves `update` only for what the last frame
//! drawn asked about. Drawing reports which writes it put in front of the user
//! ([`Msg::Shown`](super::Msg::Shown)): the dialog on top's ([`Modal::asks`](super::Modal::asks))
//! and the write queue's while its line is drawn. A dialog's yes, a hold running out and a
//! queue sending its next item each check [`State::was_shown`] first, and [`screen`] drops
//! anything that slipped past.

use super::{Effect, Level, State};
use crate::domain::TaskStart;

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

impl std::fmt::Display for Write {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Write::Accept(id) => write!(f, "accepting {id}"),
            Write::Reject(id) => write!(f, "rejecting {id}"),
            Write::Create(_) => write!(f, "sending the invitation draft"),
            Write::Engage(id) => write!(f, "engaging from {id}"),
        }
    }
}

impl Effect {
    /// The write this effect sends, if it sends one.
    pub fn write(&self) -> Option<Write> {
        match self {
            Effect::StartTask { start, .. } => Some(match start {
                TaskStart::Accept { invitation_id } => Write::Accept(invitation_id.clone()),
                TaskStart::Engage { opportunity_id, .. } => Write::Engage(opportunity_id.clone()),
            }),
            Effect::Reject { invitation_id, .. } => Some(Write::Reject(invitation_id.clone())),
            Effect::CreateInvitation { client_token, .. } => {
                Some(Write::Create(client_token.clone()))
            }
            _ => None,
        }
    }
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
            format!("Not sent: {write} was not on screen when it was asked for"),
        );
    }
}
