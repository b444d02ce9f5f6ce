//! Engaging from one of the partner's own opportunities: pick it (ListOpportunities), confirm,
//! start the task (StartEngagementFromOpportunityTask) through the task machine
//! ([`super::tasks`], which follows it like an accept), and once it is COMPLETE offer to invite
//! a partner into the new engagement: the create form opens on it, with the customer and
//! project filled in from the opportunity.

pub mod dialog;
mod msg;

pub use dialog::{EngageDialog, OpportunityPicker, Stage};
pub use msg::EngageMsg;

use super::consent::Write;
use super::form::current::save_later;
use super::modes::Modal;
use super::sync::cache;
use super::tasks::{Phase, Run};
use super::{create, tasks, Effect, Level, State};
use crate::compose::draft::{Draft, DraftKind, DraftSpend};
use crate::domain::{Involvement, Opportunity, Page, TaskKind, TaskStart};
use crate::keymap::Action;
use crate::service::ServiceError;

/// The engage the dialog follows: the opportunity's task in [`State::tasks`].
pub fn run(state: &State) -> Option<&Run> {
    let o = state.engaging.as_ref()?;
    state.tasks.get(TaskKind::Engage, &o.id)
}

fn dialog_mut(state: &mut State) -> Option<&mut EngageDialog> {
    state.modals.iter_mut().rev().find_map(|m| match m {
        Modal::Engage(d) => Some(d),
        _ => None,
    })
}

/// The opportunity whose engage may be started again (the start got no answer, or the task was
/// lost track of): the dialog's yes retries it with the same client token.
pub fn retryable(state: &State) -> Option<&str> {
    run(state)
        .filter(|r| matches!(r.phase, Phase::Failed { retry: true, .. }))
        .and(state.engaging.as_ref())
        .map(|o| o.id.as_str())
}

/// Effects to run at start-up for an engage an earlier run left: its opportunity is read (the
/// task machine polls its task).
pub(super) fn resume(state: &State) -> Vec<Effect> {
    match &state.engaging {
        Some(o) => vec![Effect::ReadOpportunity { id: o.id.clone() }],
        None => Vec::new(),
    }
}

/// The engage key: shows the engage in flight (or just finished), else opens the picker.
pub(super) fn open(state: &mut State) -> Vec<Effect> {
    if state.engaging.is_some() {
        state.modals.push(Modal::Engage(EngageDialog {
            stage: Stage::Progress,
        }));
        return Vec::new();
    }
    if cache::refuse_offline(state, "list your opportunities") {
        return Vec::new();
    }
    let picker = OpportunityPicker {
        loading: true,
        ..OpportunityPicker::default()
    };
    state.modals.push(Modal::Engage(EngageDialog {
        stage: Stage::Pick(picker),
    }));
    vec![Effect::LoadOpportunities { next_token: None }]
}

/// A page of ListOpportunities for the picker.
pub(super) fn on_opportunities(
    state: &mut State,
    result: Result<Page<Opportunity>, ServiceError>,
) -> Vec<Effect> {
    let Some(EngageDialog {
        stage: Stage::Pick(picker),
    }) = dialog_mut(state)
    else {
        return Vec::new();
    };
    match result {
        Ok(page) => {
            picker.rows.extend(page.items);
            match page.next_token {
                Some(token) => vec![Effect::LoadOpportunities {
                    next_token: Some(token),
                }],
                None => {
                    picker.loading = false;
                    Vec::new()
                }
            }
        }
        Err(e) => {
            picker.loading = false;
            picker.error = Some(e.to_string());
            Vec::new()
        }
    }
}

/// The highlighted opportunity was chosen: ask to confirm, and read its detail.
pub(super) fn choose(state: &mut State) -> Vec<Effect> {
    let Some(dialog) = dialog_mut(state) else {
        return Vec::new();
    };
    let Stage::Pick(picker) = &dialog.stage else {
        return Vec::new();
    };
    let Some(chosen) = picker.matches().get(picker.cursor).map(|o| (*o).clone()) else {
        return Vec::new();
    };
    let id = chosen.id.clone();
    dialog.stage = Stage::Confirm(Box::new(chosen));
    vec![Effect::ReadOpportunity { id }]
}

/// GetOpportunity for the confirmation: the title and what the invitation form takes.
pub(super) fn on_read(
    state: &mut State,
    id: String,
    result: Result<Opportunity, ServiceError>,
) -> Vec<Effect> {
    match result {
        Ok(o) => {
            if let Some(EngageDialog {
                stage: Stage::Confirm(shown),
            }) = dialog_mut(state)
            {
                if shown.id == id {
                    **shown = o.clone();
                }
            }
            if let Some(engaging) = state.engaging.as_mut().filter(|e| e.id == id) {
                *engaging = o;
            }
        }
        Err(e) => state.notify(
            Level::Info,
            format!("Could not read opportunity {id} ({e}); its title and customer details are left out"),
        ),
    }
    Vec::new()
}

/// `y` on the confirmation (or on a start that may be retried): starts the task.
pub(super) fn start(state: &mut State) -> Vec<Effect> {
    if cache::refuse_offline(state, "start an engagement") {
        return Vec::new();
    }
    let opportunity = match dialog_mut(state).map(|d| d.stage.clone()) {
        Some(Stage::Confirm(o)) => *o,
        Some(Stage::Progress) => match (run(state), &state.engaging) {
            (Some(r), Some(o)) if matches!(r.phase, Phase::Failed { retry: true, .. }) => o.clone(),
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    if !state.was_shown(&Write::Engage(opportunity.id.clone())) {
        return Vec::new();
    }
    if let Some(dialog) = dialog_mut(state) {
        dialog.stage = Stage::Progress;
    }
    let start = TaskStart::Engage {
        opportunity_id: opportunity.id.clone(),
        involvement: Involvement::CoSell,
    };
    state.engaging = Some(opportunity);
    vec![tasks::update::begin(state, start, None)]
}

/// Esc: back from the confirmation to the picker; otherwise closes the dialog. A task in
/// flight goes on (the engage key shows it again); one that ended is let go.
pub(super) fn back(state: &mut State) -> Vec<Effect> {
    let Some(dialog) = dialog_mut(state) else {
        return Vec::new();
    };
    if let Stage::Confirm(_) = dialog.stage {
        state.modals.pop();
        return open(state);
    }
    state.modals.pop();
    if !run(state).is_some_and(|r| r.phase.is_active()) {
        state.engaging = None;
    }
    Vec::new()
}

/// Enter on a completed engage: the create form on the new engagement, with the customer and
/// project filled in from the opportunity. A kept draft is never replaced.
pub(super) fn invite(state: &mut State) -> Vec<Effect> {
    let Some(Phase::Complete {
        made: Some(engagement_id),
    }) = run(state).map(|r| r.phase.clone())
    else {
        return Vec::new();
    };
    let Some(opportunity) = state.engaging.clone() else {
        return Vec::new();
    };
    if state.draft.is_some() {
        let key = state.list_key(Action::NewInvitation);
        state.notify(
            Level::Info,
            format!(
                "A draft is kept: send or clear it first ({key}), then invite into {engagement_id}"
            ),
        );
        return Vec::new();
    }
    state.modals.pop();
    state.engaging = None;
    let draft = prefilled(create::new_token(state), &engagement_id, &opportunity);
    let mut effects = create::open_on(state, draft, false);
    effects.extend(save_later(state));
    effects
}

/// A new draft on `engagement_id`, with the opportunity's customer and project.
pub fn prefilled(client_token: String, engagement_id: &str, o: &Opportunity) -> Draft {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let d = &o.details;
    let mut draft = Draft {
        engagement_id: engagement_id.to_string(),
        engagement_title: text(&o.title),
        kind: DraftKind::Opportunity,
        company: text(&o.customer),
        industry: text(&d.industry),
        country: text(&d.country_code),
        website: text(&d.website_url),
        project_title: text(&o.title),
        business_problem: text(&d.business_problem),
        target_date: text(&o.target_close_date),
        ..Draft::new(client_token)
    };
    if !d.spend.is_empty() {
        draft.spend = d
            .spend
            .iter()
            .map(|s| DraftSpend {
                amount: s.amount.clone().unwrap_or_default(),
                currency: s.currency.clone(),
                target_company: s.target_company.clone(),
            })
            .collect();
    }
    draft
}

/// Hands an engage dialog's reply to its handler.
pub(super) fn update(state: &mut State, msg: EngageMsg) -> Vec<Effect> {
    match msg {
        EngageMsg::OpportunitiesLoaded(result) => on_opportunities(state, result),
        EngageMsg::OpportunityRead { id, result } => on_read(state, id, result.map(|o| *o)),
    }
}
