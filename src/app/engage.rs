//! Engaging from one of the partner's own opportunities: pick it (ListOpportunities), confirm,
//! start the task (StartEngagementFromOpportunityTask, with a client token the local store
//! claims per opportunity, so no second task ever starts), poll it like an accept, and once it
//! is COMPLETE offer to invite a partner into the new engagement: the create form opens on it,
//! with the customer and project filled in from the opportunity.

use chrono::{DateTime, Utc};
use tui_input::Input;

use super::consent::Write;
use super::form::draft::{Draft, DraftKind, DraftSpend};
use super::modes::Modal;
use super::polling::{self, Poll};
use super::{cache, create, Effect, Level, State};
use crate::domain::journal::{Action as Done, Entry, Outcome};
use crate::domain::SavedTask;
use crate::domain::{Opportunity, Page, Task, TaskStatus};
use crate::keymap::Action;
use crate::service::ServiceError;

/// The open engage dialog.
#[derive(Debug, Clone)]
pub struct EngageDialog {
    pub stage: Stage,
}

/// Where the dialog is.
#[derive(Debug, Clone)]
pub enum Stage {
    /// Choosing the opportunity.
    Pick(OpportunityPicker),
    /// "Start an engagement from this opportunity?" The opportunity's detail replaces the
    /// summary once read.
    Confirm(Box<Opportunity>),
    /// Following the task ([`State::engage`]).
    Progress,
}

/// The partner's opportunities, loaded page by page, narrowed by typing.
#[derive(Debug, Clone, Default)]
pub struct OpportunityPicker {
    pub rows: Vec<Opportunity>,
    pub loading: bool,
    pub error: Option<String>,
    pub query: Input,
    /// Position among the rows that match the query.
    pub cursor: usize,
}

impl OpportunityPicker {
    /// The rows whose id, customer or stage contain the typed text.
    pub fn matches(&self) -> Vec<&Opportunity> {
        let query = self.query.value().to_lowercase();
        self.rows
            .iter()
            .filter(|o| {
                query.is_empty()
                    || [Some(&o.id), o.customer.as_ref(), o.stage.as_ref()]
                        .into_iter()
                        .flatten()
                        .any(|t| t.to_lowercase().contains(&query))
            })
            .collect()
    }
}

/// The engage this run started (one at a time).
#[derive(Debug, Clone, PartialEq)]
pub struct EngageRun {
    pub opportunity: Opportunity,
    pub client_token: String,
    pub started: DateTime<Utc>,
    pub phase: EngagePhase,
    /// Its token was used before (a retry, or the last run's): the journal says resumed.
    pub resumed: bool,
}

/// What the engage task is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum EngagePhase {
    Starting,
    Running {
        task_id: String,
        polls: u32,
        last_error: Option<String>,
    },
    Complete {
        engagement_id: String,
    },
    Failed {
        reason: String,
        /// The start itself failed (nothing runs): confirming again retries with the same
        /// client token.
        retry: bool,
    },
}

impl EngageRun {
    /// True while the task may still change.
    pub fn in_flight(&self) -> bool {
        matches!(
            self.phase,
            EngagePhase::Starting | EngagePhase::Running { .. }
        )
    }
}

fn dialog_mut(state: &mut State) -> Option<&mut EngageDialog> {
    state.modals.iter_mut().rev().find_map(|m| match m {
        Modal::Engage(d) => Some(d),
        _ => None,
    })
}

fn journal(state: &State, action: Done, outcome: Outcome, run: &EngageRun) -> Entry {
    Entry::new(action, outcome, state.clock.now)
        .opportunity(run.opportunity.id.clone())
        .token(run.client_token.clone())
}

/// The engage an earlier run left in flight, from the local store: followed again at start
/// (its task polled, its opportunity read), or, when the start was never answered, offered to
/// retry with the same client token.
pub fn resumed(opportunity_id: String, saved: SavedTask) -> EngageRun {
    let phase = match saved.task_id {
        Some(task_id) => EngagePhase::Running {
            task_id,
            polls: 0,
            last_error: None,
        },
        None => EngagePhase::Failed {
            reason: "The last run did not hear back from the start".into(),
            retry: true,
        },
    };
    EngageRun {
        opportunity: Opportunity::with_id(opportunity_id),
        client_token: saved.client_token,
        started: saved.started,
        phase,
        resumed: true,
    }
}

/// Effects to run at start-up for an engage [`resumed`] from the store.
pub(super) fn resume(state: &State) -> Vec<Effect> {
    let Some(run) = &state.engage else {
        return Vec::new();
    };
    let mut effects = vec![Effect::ReadOpportunity {
        id: run.opportunity.id.clone(),
    }];
    if let EngagePhase::Running { task_id, .. } = &run.phase {
        effects.push(Effect::PollEngage {
            task_id: task_id.clone(),
            after: std::time::Duration::ZERO,
        });
    }
    effects
}

/// The engage key: shows the engage in flight (or just finished), else opens the picker.
pub(super) fn open(state: &mut State) -> Vec<Effect> {
    if state.engage.is_some() {
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
            if let Some(run) = state.engage.as_mut().filter(|r| r.opportunity.id == id) {
                run.opportunity = o;
            }
        }
        Err(e) => state.notify(
            Level::Info,
            format!("Could not read opportunity {id} ({e}); its title and customer details are left out"),
        ),
    }
    Vec::new()
}

/// `y` on the confirmation (or on a start that failed): starts the task.
pub(super) fn start(state: &mut State) -> Vec<Effect> {
    if cache::refuse_offline(state, "start an engagement") {
        return Vec::new();
    }
    let now = state.clock.now;
    let stage = dialog_mut(state).map(|d| d.stage.clone());
    let run = match stage {
        Some(Stage::Confirm(o)) => EngageRun {
            opportunity: *o,
            client_token: format!(
                "pc-inbox-{}-engage-{}",
                state.session,
                now.timestamp_millis()
            ),
            started: now,
            phase: EngagePhase::Starting,
            resumed: false,
        },
        Some(Stage::Progress) => match &state.engage {
            Some(
                run @ EngageRun {
                    phase: EngagePhase::Failed { retry: true, .. },
                    ..
                },
            ) => EngageRun {
                phase: EngagePhase::Starting,
                resumed: true,
                ..run.clone()
            },
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    if !state.was_shown(&Write::Engage(run.opportunity.id.clone())) {
        return Vec::new();
    }
    if let Some(dialog) = dialog_mut(state) {
        dialog.stage = Stage::Progress;
    }
    let effect = Effect::StartEngage {
        opportunity_id: run.opportunity.id.clone(),
        client_token: run.client_token.clone(),
        started: now,
    };
    state.engage = Some(run);
    vec![effect]
}

/// The answer to the start, with the client token the store let it use; or the task the
/// service already had (`found`): a running one is followed, a complete one is the engagement.
pub(super) fn on_started(
    state: &mut State,
    (opportunity_id, client_token): (String, String),
    result: Result<Task, ServiceError>,
    found: bool,
) -> Vec<Effect> {
    let Some(run) = state
        .engage
        .as_mut()
        .filter(|r| r.opportunity.id == opportunity_id)
    else {
        return Vec::new();
    };
    run.client_token = client_token.clone();
    match result {
        Ok(task) if found && task.status == TaskStatus::Complete => {
            let engagement = task.engagement_id.unwrap_or_default();
            run.phase = EngagePhase::Complete {
                engagement_id: engagement.clone(),
            };
            state.notify(
                Level::Info,
                format!("{opportunity_id} was engaged already: engagement {engagement}; nothing was started"),
            );
            Vec::new()
        }
        Ok(task) => {
            let run = run.clone();
            let action = if run.resumed || found {
                Done::EngageResumed
            } else {
                Done::EngageStarted
            };
            let entry =
                journal(state, action, Outcome::Succeeded, &run).task(Some(task.id.clone()));
            let mut effects = vec![
                Effect::Journal(Box::new(entry)),
                Effect::SaveEngageTask {
                    opportunity_id: opportunity_id.clone(),
                    client_token,
                    task_id: task.id.clone(),
                },
            ];
            effects.extend(apply_task(state, task, 0));
            effects
        }
        Err(e) => {
            let transient = e.is_transient();
            run.phase = EngagePhase::Failed {
                reason: e.to_string(),
                retry: transient,
            };
            let run = run.clone();
            let entry = journal(state, Done::EngageStarted, Outcome::Failed, &run)
                .detail(Some(e.to_string()));
            state.notify(
                Level::Error,
                format!("Could not start an engagement from {opportunity_id}: {e}"),
            );
            let mut effects = vec![Effect::Journal(Box::new(entry))];
            if !transient {
                effects.push(Effect::ForgetEngage {
                    opportunity_id,
                    client_token,
                });
            }
            effects
        }
    }
}

/// The answer to one poll of the task.
pub(super) fn on_polled(
    state: &mut State,
    task_id: String,
    result: Result<Task, ServiceError>,
) -> Vec<Effect> {
    let schedule = state.settings.poll;
    let Some(run) = state.engage.as_mut() else {
        return Vec::new();
    };
    let EngagePhase::Running {
        task_id: current,
        polls,
        last_error,
    } = &mut run.phase
    else {
        return Vec::new();
    };
    if *current != task_id {
        return Vec::new();
    }
    let opportunity = run.opportunity.id.clone();
    match polling::read((polls, last_error), result, |t| &t.status, schedule) {
        Poll::Again { after, failure } => {
            if let Some(e) = failure {
                state.notify(
                    Level::Info,
                    format!("Checking on the engagement from {opportunity} failed ({e}); retrying"),
                );
            }
            vec![Effect::PollEngage { task_id, after }]
        }
        Poll::Ended(task) => {
            let polls = *polls;
            apply_task(state, task, polls)
        }
        Poll::Lost(e) => {
            run.phase = EngagePhase::Failed {
                reason: format!("lost track of the task {task_id}: {e}"),
                retry: false,
            };
            state.notify(
                Level::Error,
                format!(
                    "Lost track of the engagement task {task_id} from {opportunity}: {e} \
                     The next start follows it again."
                ),
            );
            Vec::new()
        }
    }
}

/// Records what the task says: polls again while it runs, journals and announces its end.
fn apply_task(state: &mut State, task: Task, polls: u32) -> Vec<Effect> {
    let schedule = state.settings.poll;
    let Some(run) = state.engage.as_mut() else {
        return Vec::new();
    };
    let (done, outcome, detail) = match &task.status {
        TaskStatus::Complete => {
            let engagement_id = task.engagement_id.clone().unwrap_or_default();
            run.phase = EngagePhase::Complete {
                engagement_id: engagement_id.clone(),
            };
            (
                Done::EngageCompleted,
                Outcome::Succeeded,
                format!("engagement {engagement_id}"),
            )
        }
        TaskStatus::Failed => {
            let reason = format!(
                "{}: {}",
                task.reason_code.as_deref().unwrap_or("no reason code"),
                task.message.as_deref().unwrap_or("no message")
            );
            run.phase = EngagePhase::Failed {
                reason: reason.clone(),
                retry: false,
            };
            (Done::EngageFailed, Outcome::Failed, reason)
        }
        _ => {
            run.phase = EngagePhase::Running {
                task_id: task.id.clone(),
                polls,
                last_error: None,
            };
            return vec![Effect::PollEngage {
                task_id: task.id,
                after: schedule.delay(polls),
            }];
        }
    };
    let run = run.clone();
    let entry = journal(state, done, outcome, &run)
        .task(Some(task.id))
        .detail(Some(detail.clone()));
    match outcome {
        Outcome::Succeeded => {
            let engagement = detail.trim_start_matches("engagement ");
            let text = if dialog_mut(state).is_some() {
                format!("Engagement {engagement} is ready")
            } else {
                let key = state.list_key(Action::Engage);
                format!("Engagement {engagement} is ready ({key}: invite a partner into it)")
            };
            state.notify(Level::Success, text);
        }
        Outcome::Failed => state.notify(
            Level::Error,
            format!(
                "Starting an engagement from {} failed: {detail}",
                run.opportunity.id
            ),
        ),
    }
    vec![
        Effect::Journal(Box::new(entry)),
        Effect::ForgetEngage {
            opportunity_id: run.opportunity.id,
            client_token: run.client_token,
        },
    ]
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
    if state.engage.as_ref().is_some_and(|r| !r.in_flight()) {
        state.engage = None;
    }
    Vec::new()
}

/// Enter on a completed engage: the create form on the new engagement, with the customer and
/// project filled in from the opportunity. A kept draft is never replaced.
pub(super) fn invite(state: &mut State) -> Vec<Effect> {
    let Some(EngageRun {
        opportunity,
        phase: EngagePhase::Complete { engagement_id },
        ..
    }) = state.engage.clone()
    else {
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
    state.engage = None;
    let draft = prefilled(create::new_token(state), &engagement_id, &opportunity);
    let mut effects = create::open_on(state, draft, false);
    effects.extend(create::save_later(state));
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
