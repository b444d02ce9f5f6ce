//! Accept tasks (StartEngagementByAcceptingInvitationTask) and engage tasks
//! (StartEngagementFromOpportunityTask): their Start answers and List rows have the same members
//! but one, so one struct serves both.

use serde::{Deserialize, Serialize};

use super::{optional, Timestamp};
use crate::domain::TaskStatus;

/// `ListEngagementByAcceptingInvitationTaskSummary` and `ListEngagementFromOpportunityTaskSummary`
/// (and the Start responses, which have the same members). An accept task sets
/// `EngagementInvitationId`, an engage task `EngagementId`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TaskSummary {
    pub task_id: Option<String>,
    pub task_arn: Option<String>,
    pub start_time: Option<Timestamp>,
    #[serde(default, with = "optional")]
    pub task_status: Option<TaskStatus>,
    pub message: Option<String>,
    /// A `ReasonCode` value, e.g. `InvitationValidationFailed`.
    pub reason_code: Option<String>,
    pub opportunity_id: Option<String>,
    pub resource_snapshot_job_id: Option<String>,
    pub engagement_invitation_id: Option<String>,
    pub engagement_id: Option<String>,
}

/// `ListEngagementByAcceptingInvitationTasksResponse` and
/// `ListEngagementFromOpportunityTasksResponse`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTasksResponse {
    pub task_summaries: Vec<TaskSummary>,
    pub next_token: Option<String>,
}
