//! Accept tasks (StartEngagementByAcceptingInvitationTask) and engage tasks
//! (StartEngagementFromOpportunityTask).

use serde::{Deserialize, Serialize};

use super::{optional, Timestamp};
use crate::domain::TaskStatus;

/// `ListEngagementByAcceptingInvitationTaskSummary`: an accept task.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementByAcceptingInvitationTaskSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    #[serde(default, with = "optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_status: Option<TaskStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A `ReasonCode` value, e.g. `InvitationValidationFailed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opportunity_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_snapshot_job_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engagement_invitation_id: Option<String>,
}

/// `StartEngagementByAcceptingInvitationTaskResponse` has the same members as the summary.
pub type StartEngagementByAcceptingInvitationTaskResponse =
    ListEngagementByAcceptingInvitationTaskSummary;

/// `ListEngagementByAcceptingInvitationTasksResponse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementByAcceptingInvitationTasksResponse {
    pub task_summaries: Vec<ListEngagementByAcceptingInvitationTaskSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `ListEngagementFromOpportunityTaskSummary` (and `StartEngagementFromOpportunityTaskResponse`,
/// which has the same members): an engage task.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementFromOpportunityTaskSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    #[serde(default, with = "optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_status: Option<TaskStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opportunity_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_snapshot_job_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engagement_id: Option<String>,
}
