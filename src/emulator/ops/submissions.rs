//! StartEngagementFromOpportunityTask and ListEngagementFromOpportunityTasks.

use serde::Deserialize;
use serde_json::{json, Value};

use super::idempotency::{once, Made};
use super::{not_found, Ctx, Paging, View};
use crate::domain::TaskStatus;
use crate::emulator::error::ApiError;
use crate::emulator::store::resource_id;
use crate::emulator::submissions::{failure, SubmitTask};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct StartRequest {
    client_token: String,
    identifier: String,
}

/// Starts a task that finishes after the store's accept delay; its outcome is decided now.
/// A replay of the same request returns the task it started.
pub(super) fn start(ctx: &mut Ctx<'_>, req: StartRequest, raw: &Value) -> Result<Value, ApiError> {
    let account = ctx.account();
    let id = once(ctx, Made::Submission, raw, &req.client_token, |ctx| {
        let opportunity = ctx
            .view()
            .opportunities
            .get(&req.identifier)
            .filter(|o| o.owned_by(&account))
            .ok_or_else(|| not_found("Opportunity", &req.identifier))?;
        let failure = failure(opportunity, &ctx.view().submissions);
        let task = SubmitTask {
            id: ctx.store.new_id("task-", 13),
            opportunity_id: req.identifier.clone(),
            start_time: ctx.now,
            finishes_at: ctx.now + ctx.store.accept_delay,
            failure,
            engagement_id: ctx.store.new_id("eng-", 14),
            snapshot_job_id: ctx.store.new_id("job-", 13),
            creator: ctx.acting.member(),
            settled: false,
        };
        let id = task.id.clone();
        ctx.data().submissions.tasks.push(task);
        Ok(id)
    })?;
    let task = ctx.view().submissions.get(&id).expect("the task was made");
    Ok(task.summary(ctx.catalog, &account, ctx.now))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListRequest {
    #[serde(flatten)]
    paging: Paging,
    task_status: Option<Vec<String>>,
    task_identifier: Option<Vec<String>>,
    opportunity_identifier: Option<Vec<String>>,
    engagement_identifier: Option<Vec<String>>,
}

fn ids(list: &Option<Vec<String>>) -> Option<Vec<&str>> {
    list.as_ref()
        .map(|l| l.iter().map(|i| resource_id(i)).collect())
}

/// Newest first unless the request sorts ascending; 100 rows unless it says. A task matches
/// an engagement once it has completed with it.
pub(super) fn list(view: &View<'_>, req: ListRequest, raw: &Value) -> Result<Value, ApiError> {
    let now = view.now;
    let tasks = ids(&req.task_identifier);
    let engagements = ids(&req.engagement_identifier);
    let rows: Vec<&SubmitTask> = view
        .data()
        .submissions
        .tasks
        .iter()
        .filter(|t| t.creator.account_id == view.acting.aws_account_id)
        .filter(|t| tasks.as_ref().is_none_or(|f| f.contains(&t.id.as_str())))
        .filter(|t| {
            req.opportunity_identifier
                .as_ref()
                .is_none_or(|f| f.contains(&t.opportunity_id))
        })
        .filter(|t| {
            req.task_status
                .as_ref()
                .is_none_or(|f| f.iter().any(|s| s == t.status_at(now).as_wire()))
        })
        .filter(|t| {
            engagements.as_ref().is_none_or(|f| {
                t.status_at(now) == TaskStatus::Complete && f.contains(&t.engagement_id.as_str())
            })
        })
        .collect();
    let (page, token) = req.paging.page(
        "ListEngagementFromOpportunityTasks",
        raw,
        rows,
        |t| (t.start_time.timestamp_millis(), t.id.as_str().into()),
        100,
    )?;
    let account = view.account();
    let mut out = json!({
        "TaskSummaries": page
            .iter()
            .map(|t| t.summary(view.catalog, &account, now))
            .collect::<Vec<_>>(),
    });
    if let Some(token) = token {
        out["NextToken"] = json!(token);
    }
    Ok(out)
}
