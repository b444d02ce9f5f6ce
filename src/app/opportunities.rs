//! The opportunities accepted invitations created, as the detail pane shows them: looked up
//! when the selection rests on an accepted invitation (or when an accept completes), kept for
//! the session.

use std::collections::HashMap;

use super::tasks::Phase;
use super::{Effect, State};
use crate::domain::Linked;
use crate::domain::{InvitationStatus, Opportunity, Participant, TaskKind};
use crate::service::ServiceError;

/// Linked opportunities by invitation id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Opportunities(HashMap<String, Linked>);

impl Opportunities {
    /// What is known of an invitation's opportunity.
    pub fn get(&self, invitation_id: &str) -> Option<&Linked> {
        self.0.get(invitation_id)
    }

    /// The opportunity, once loaded.
    pub fn ready(&self, invitation_id: &str) -> Option<&Opportunity> {
        match self.0.get(invitation_id) {
            Some(Linked::Ready(o)) => Some(o),
            _ => None,
        }
    }
}

/// Looks the opportunity of an accepted received invitation up, unless it is known or on its
/// way. An accept that completed this session already names its id.
pub(super) fn want(state: &mut State, invitation_id: &str) -> Vec<Effect> {
    let accepted = state
        .list
        .get(invitation_id)
        .is_some_and(|row| row.status == Some(InvitationStatus::Accepted));
    if !accepted
        || state.side() != Participant::Received
        || matches!(
            state.opportunities.get(invitation_id),
            Some(Linked::Loading | Linked::Ready(_))
        )
    {
        return Vec::new();
    }
    let known = state
        .tasks
        .get(TaskKind::Accept, invitation_id)
        .and_then(|a| match &a.phase {
            Phase::Complete { made } => made.clone(),
            _ => None,
        });
    state
        .opportunities
        .0
        .insert(invitation_id.to_string(), Linked::Loading);
    vec![Effect::LoadOpportunity {
        invitation_id: invitation_id.to_string(),
        known,
    }]
}

/// The lookup answered.
pub(super) fn on_loaded(
    state: &mut State,
    invitation_id: String,
    result: Result<Option<Opportunity>, ServiceError>,
) -> Vec<Effect> {
    let linked = match result {
        Ok(Some(o)) => Linked::Ready(Box::new(o)),
        Ok(None) => Linked::None,
        Err(e) => Linked::Failed(e.to_string()),
    };
    state.opportunities.0.insert(invitation_id, linked);
    Vec::new()
}
