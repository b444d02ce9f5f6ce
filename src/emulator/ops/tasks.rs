//! The task operations: StartEngagementByAcceptingInvitationTask and
//! StartEngagementFromOpportunityTask start one, ListEngagementByAcceptingInvitationTasks and
//! ListEngagementFromOpportunityTasks list them. A replay of a start with the same ClientToken
//! returns the task it started.

use serde::Deserialize;
use serde_json::Value;

use super::idempotency::{once, Made};
use super::invitations::pending_received;
use super::{answer, not_found, Ctx, Paging, View};
use crate::domain::{TaskKind, TaskStatus};
use crate::emulator::error::ApiError;
use crate::emulator::store::resource_id;
use crate::emulator::submissions::failure;
use crate::emulator::tasks::Task;
use crate::wire;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct StartRequest {
    client_token: String,
    identifier: String,
}

/// Starts a task of `kind` that finishes after the store's accept delay; its outcome is decided
/// now.
pub(super) fn start(
    ctx: &mut Ctx<'_>,
    kind: TaskKind,
    req: StartRequest,
    raw: &Value,
) -> Result<Value, ApiError> {
    let made = match kind {
        TaskKind::Accept => Made::Accept,
        TaskKind::Engage => Made::Submission,
    };
    let id = once(ctx, made, raw, &req.client_token, |ctx| {
        let task = match kind {
            TaskKind::Accept => accept(ctx, &req.identifier)?,
            TaskKind::Engage => submit(ctx, &req.identifier)?,
        };
        let id = task.id.clone();
        ctx.data().tasks.push(task);
        Ok(id)
    })?;
    let task = ctx.view().tasks.get(&id).expect("the task was made");
    answer(task.summary(ctx.catalog, &ctx.account(), ctx.now))
}

/// An accept of a pending invitation received: it fails as the seed says, or when the
/// invitation expires before it finishes.
fn accept(ctx: &mut Ctx<'_>, identifier: &str) -> Result<Task, ApiError> {
    let finishes_at = ctx.now + ctx.store.accept_delay;
    let invitation = pending_received(ctx, identifier, "accept")?;
    let failure = invitation
        .accept_failure
        .clone()
        .or_else(|| invitation.expired_by(finishes_at));
    let catalog = ctx.catalog;
    // An account plan is worked in its engagement: accepting one makes no opportunity.
    let made = match invitation.payload {
        wire::Payload::AccountPlanningInvitation(_) => String::new(),
        _ => ctx.store.new_opportunity_id(catalog),
    };
    Ok(Task {
        kind: TaskKind::Accept,
        id: ctx.store.new_id("task-", 13),
        subject: resource_id(identifier).to_string(),
        start_time: ctx.now,
        finishes_at,
        failure,
        made,
        snapshot_job_id: None,
        member: ctx.acting.member(),
        settled: false,
    })
}

/// A submission of one of the acting account's opportunities; the submission rules decide
/// whether it fails.
fn submit(ctx: &mut Ctx<'_>, identifier: &str) -> Result<Task, ApiError> {
    let account = ctx.account();
    let opportunity = ctx
        .view()
        .opportunities
        .get(identifier)
        .filter(|o| o.owned_by(&account))
        .ok_or_else(|| not_found("Opportunity", identifier))?;
    let failure = failure(opportunity, &ctx.view().tasks);
    Ok(Task {
        kind: TaskKind::Engage,
        id: ctx.store.new_id("task-", 13),
        subject: identifier.to_string(),
        start_time: ctx.now,
        finishes_at: ctx.now + ctx.store.accept_delay,
        failure,
        made: ctx.store.new_id("eng-", 14),
        snapshot_job_id: Some(ctx.store.new_id("job-", 13)),
        member: ctx.acting.member(),
        settled: false,
    })
}

/// The filters of both listings; model validation lets through only those of the operation.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListRequest {
    #[serde(flatten)]
    paging: Paging,
    task_status: Option<Vec<String>>,
    task_identifier: Option<Vec<String>>,
    opportunity_identifier: Option<Vec<String>>,
    engagement_invitation_identifier: Option<Vec<String>>,
    engagement_identifier: Option<Vec<String>>,
}

fn ids(list: &Option<Vec<String>>) -> Option<Vec<&str>> {
    list.as_ref()
        .map(|l| l.iter().map(|i| resource_id(i)).collect())
}

/// The acting account's tasks of `kind`, newest first unless the request sorts ascending, 100
/// rows unless it says. A task matches what it made (an accept's opportunity, a submission's
/// engagement) once it has completed.
pub(super) fn list(
    view: &View<'_>,
    kind: TaskKind,
    req: ListRequest,
    raw: &Value,
) -> Result<Value, ApiError> {
    let now = view.now;
    let account = view.account();
    let tasks = ids(&req.task_identifier);
    let (subjects, made) = match kind {
        TaskKind::Accept => (
            ids(&req.engagement_invitation_identifier),
            ids(&req.opportunity_identifier),
        ),
        TaskKind::Engage => (
            ids(&req.opportunity_identifier),
            ids(&req.engagement_identifier),
        ),
    };
    let picked = |list: &Option<Vec<&str>>, id: &str| list.as_ref().is_none_or(|f| f.contains(&id));
    let rows: Vec<&Task> = view
        .data()
        .tasks
        .of(kind)
        .filter(|t| t.member.account_id == account)
        .filter(|t| picked(&tasks, &t.id) && picked(&subjects, &t.subject))
        .filter(|t| {
            req.task_status
                .as_ref()
                .is_none_or(|f| f.iter().any(|s| s == t.status_at(now).as_wire()))
        })
        .filter(|t| {
            made.is_none() || t.status_at(now) == TaskStatus::Complete && picked(&made, &t.made)
        })
        .collect();
    let (page, token) = req.paging.page(
        (&view.account(), kind.list_operation()),
        raw,
        rows,
        |t| (t.start_time.timestamp_millis(), t.id.as_str().into()),
        |t| t.summary(view.catalog, &account, now),
        100,
    )?;
    answer(wire::ListTasksResponse {
        task_summaries: page,
        next_token: token,
    })
}
