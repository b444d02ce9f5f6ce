//! Engagements the inbox looks into: who is in one (ListEngagementMembers) and what its context
//! says (GetEngagement). Each is looked up once per run, when first wanted: members for the
//! detail of an invitation whose engagement you are in and for the create form's engagement
//! picker; the context to fill in the form's customer and project once an engagement is chosen.

use std::collections::HashMap;

use super::form::current::{form_mut, save_later};
use super::{Effect, State};
use crate::compose::draft::DraftKind;
use crate::compose::fields::Field;
use crate::domain::{Engagement, EngagementMember, InvitationStatus, Participant};
use crate::service::ServiceError;

/// A lookup's answer.
#[derive(Debug, Clone)]
pub enum EngagementMsg {
    /// Every member of an engagement.
    Members {
        engagement_id: String,
        result: Result<Vec<EngagementMember>, ServiceError>,
    },
    /// GetEngagement, for the create form.
    Read {
        id: String,
        result: Result<Engagement, ServiceError>,
    },
}

/// Hands a lookup's answer to its handler.
pub(super) fn update(state: &mut State, msg: EngagementMsg) -> Vec<Effect> {
    match msg {
        EngagementMsg::Members {
            engagement_id,
            result,
        } => on_members(state, engagement_id, result),
        EngagementMsg::Read { id, result } => on_engagement(state, id, result),
    }
}

/// A lookup's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// What the inbox knows of engagements, by id.
#[derive(Debug, Clone, Default)]
pub struct Engagements {
    members: HashMap<String, Lookup<Vec<EngagementMember>>>,
    contexts: HashMap<String, Lookup<Engagement>>,
}

impl Engagements {
    /// The members of an engagement, as far as looked up.
    pub fn members(&self, engagement_id: &str) -> Option<&Lookup<Vec<EngagementMember>>> {
        self.members.get(engagement_id)
    }

    /// The context of an engagement, once read.
    pub fn context(&self, engagement_id: &str) -> Option<&Engagement> {
        match self.contexts.get(engagement_id) {
            Some(Lookup::Ready(e)) => Some(e),
            _ => None,
        }
    }
}

/// Looks the members of an engagement up, unless they are known or on their way.
pub(super) fn want_members(state: &mut State, engagement_id: &str) -> Vec<Effect> {
    if engagement_id.is_empty()
        || matches!(
            state.engagements.members.get(engagement_id),
            Some(Lookup::Loading | Lookup::Ready(_))
        )
    {
        return Vec::new();
    }
    state
        .engagements
        .members
        .insert(engagement_id.to_string(), Lookup::Loading);
    vec![Effect::LoadMembers {
        engagement_id: engagement_id.to_string(),
    }]
}

/// The members of the selected invitation's engagement, when you are in it (you sent the
/// invitation, or accepted it); a pending invitation lists its existing members itself.
pub(super) fn want_for_selection(state: &mut State, invitation_id: &str) -> Vec<Effect> {
    let Some(row) = state.list.get(invitation_id) else {
        return Vec::new();
    };
    let member =
        state.side() == Participant::Sent || row.status == Some(InvitationStatus::Accepted);
    match row.engagement_id.clone() {
        Some(engagement_id) if member => want_members(state, &engagement_id),
        _ => Vec::new(),
    }
}

/// The members lookup answered.
pub(super) fn on_members(
    state: &mut State,
    engagement_id: String,
    result: Result<Vec<EngagementMember>, ServiceError>,
) -> Vec<Effect> {
    let lookup = match result {
        Ok(members) => Lookup::Ready(members),
        Err(e) => Lookup::Failed(e.to_string()),
    };
    state.engagements.members.insert(engagement_id, lookup);
    Vec::new()
}

/// An engagement was chosen in the form: read its context (and its members), or fill the form
/// in from it at once when it is known.
pub(super) fn chosen(state: &mut State, engagement_id: &str) -> Vec<Effect> {
    if engagement_id.is_empty() {
        return Vec::new();
    }
    let mut effects = want_members(state, engagement_id);
    match state.engagements.contexts.get(engagement_id) {
        Some(Lookup::Ready(e)) => {
            let e = e.clone();
            effects.extend(prefill(state, &e));
        }
        Some(Lookup::Loading) => {}
        _ => {
            state
                .engagements
                .contexts
                .insert(engagement_id.to_string(), Lookup::Loading);
            effects.push(Effect::LoadEngagement {
                id: engagement_id.to_string(),
            });
        }
    }
    effects
}

/// GetEngagement answered: fill the open form in from it if it is still on that engagement.
pub(super) fn on_engagement(
    state: &mut State,
    id: String,
    result: Result<Engagement, ServiceError>,
) -> Vec<Effect> {
    match result {
        Ok(e) => {
            let effects = prefill(state, &e);
            state.engagements.contexts.insert(id, Lookup::Ready(e));
            effects
        }
        Err(e) => {
            state
                .engagements
                .contexts
                .insert(id, Lookup::Failed(e.to_string()));
            Vec::new()
        }
    }
}

/// Fills the form's empty customer and project fields from the engagement's context, where
/// the payload has them (a lead has no project). What the user typed is never replaced.
fn prefill(state: &mut State, e: &Engagement) -> Vec<Effect> {
    let Some(form) = form_mut(state).filter(|f| f.draft.engagement_id == e.id) else {
        return Vec::new();
    };
    form.context = Some(e.clone());
    let Some(customer) = &e.customer else {
        return Vec::new();
    };
    let d = &mut form.draft;
    let fill = |slot: &mut String, field: Field, value: &str, filled: &mut Vec<Field>| {
        if slot.trim().is_empty() && !value.is_empty() {
            *slot = value.to_string();
            filled.push(field);
        }
    };
    let mut filled = Vec::new();
    match d.kind {
        DraftKind::Opportunity => {
            fill(
                &mut d.company,
                Field::Company,
                &customer.company_name,
                &mut filled,
            );
            fill(
                &mut d.industry,
                Field::Industry,
                &customer.industry,
                &mut filled,
            );
            fill(
                &mut d.country,
                Field::Country,
                &customer.country_code,
                &mut filled,
            );
            fill(
                &mut d.website,
                Field::Website,
                &customer.website_url,
                &mut filled,
            );
            let title = e.project_title.clone().unwrap_or_default();
            fill(
                &mut d.project_title,
                Field::ProjectTitle,
                &title,
                &mut filled,
            );
        }
        DraftKind::Lead => {
            fill(
                &mut d.lead_company,
                Field::LeadCompany,
                &customer.company_name,
                &mut filled,
            );
            fill(
                &mut d.lead_industry,
                Field::LeadIndustry,
                &customer.industry,
                &mut filled,
            );
            fill(
                &mut d.lead_country,
                Field::LeadCountry,
                &customer.country_code,
                &mut filled,
            );
            fill(
                &mut d.lead_website,
                Field::LeadWebsite,
                &customer.website_url,
                &mut filled,
            );
        }
    }
    if filled.is_empty() {
        return Vec::new();
    }
    for field in filled {
        form.changed(field);
    }
    form.load_input();
    save_later(state)
}
