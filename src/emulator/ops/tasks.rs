//! StartEngagementByAcceptingInvitationTask and ListEngagementByAcceptingInvitationTasks.

use serde::Deserialize;
use serde_json::Value;

use super::invitations::pending_received;
use super::{answer, Ctx, Paging, View};
use crate::domain::TaskStatus;
use crate::emulator::error::ApiError;
use crate::emulator::store::{resource_id, AcceptTask};
use crate::wire;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct StartRequest {
    client_token: String,
    identifier: String,
}

pub(super) fn start(ctx: &mut Ctx<'_>, req: StartRequest) -> Result<Value, ApiError> {
    let now = ctx.now;
    let account = ctx.account();
    let id = resource_id(&req.identifier).to_string();
    let catalog = ctx.catalog;
    let token = format!("{account}/{}", req.client_token);
    if let Some(&index) = ctx.data().accept_tokens.get(&token) {
        let task = &ctx.data().tasks[index];
        if task.invitation_id != id {
            return Err(ApiError::conflict(format!(
                "ClientToken '{}' was already used to accept invitation '{}'",
                req.client_token, task.invitation_id
            )));
        }
        return answer(task.summary(catalog, &account, now));
    }
    let finishes_at = now + ctx.store.accept_delay;
    let invitation = pending_received(ctx, &req.identifier, "accept")?;
    let failure = invitation
        .accept_failure
        .clone()
        .or_else(|| invitation.expired_by(finishes_at));
    let task = AcceptTask {
        id: ctx.store.new_id("task-", 13),
        invitation_id: id,
        start_time: now,
        finishes_at,
        failure,
        opportunity_id: ctx.store.new_opportunity_id(catalog),
        member: ctx.acting.member(),
        settled: false,
    };
    let out = task.summary(catalog, &account, now);
    let data = ctx.data();
    data.tasks.push(task);
    let index = data.tasks.len() - 1;
    data.accept_tokens.insert(token, index);
    answer(out)
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListRequest {
    #[serde(flatten)]
    paging: Paging,
    task_status: Option<Vec<String>>,
    opportunity_identifier: Option<Vec<String>>,
    engagement_invitation_identifier: Option<Vec<String>>,
    task_identifier: Option<Vec<String>>,
}

fn ids(list: &Option<Vec<String>>) -> Option<Vec<&str>> {
    list.as_ref()
        .map(|l| l.iter().map(|i| resource_id(i)).collect())
}

pub(super) fn list(view: &View<'_>, req: ListRequest, raw: &Value) -> Result<Value, ApiError> {
    let now = view.now;
    let account = view.account();
    let tasks = ids(&req.task_identifier);
    let invitations = ids(&req.engagement_invitation_identifier);
    let data = view.data();
    let rows: Vec<&AcceptTask> = data
        .tasks
        .iter()
        .filter(|t| t.member.account_id == account)
        .filter(|t| tasks.as_ref().is_none_or(|f| f.contains(&t.id.as_str())))
        .filter(|t| {
            invitations
                .as_ref()
                .is_none_or(|f| f.contains(&t.invitation_id.as_str()))
        })
        .filter(|t| {
            req.task_status
                .as_ref()
                .is_none_or(|f| f.iter().any(|s| s == t.status_at(now).as_wire()))
        })
        .filter(|t| {
            req.opportunity_identifier.as_ref().is_none_or(|f| {
                t.status_at(now) == TaskStatus::Complete && f.contains(&t.opportunity_id)
            })
        })
        .collect();
    let (page, token) = req.paging.page(
        "ListEngagementByAcceptingInvitationTasks",
        raw,
        rows,
        |t| (t.start_time.timestamp_millis(), t.id.as_str().into()),
        100,
    )?;
    answer(wire::ListEngagementByAcceptingInvitationTasksResponse {
        task_summaries: page
            .iter()
            .map(|t| t.summary(view.catalog, &account, now))
            .collect(),
        next_token: token,
    })
}
