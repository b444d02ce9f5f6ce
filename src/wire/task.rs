//! Accept tasks (StartEngagementByAcceptingInvitationTask) and engage tasks
//! (StartEngagementFromOpportunityTask).

use serde::{Deserialize, Serialize};

use super::{optional, Timestamp};
use crate::domain::TaskStatus;

/// `ListEngagementByAcceptingInvitationTaskSummary`: an accept task.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementByAcceptingInvitationTaskSummary {
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
}

/// `StartEngagementByAcceptingInvitationTaskResponse` has the same members as the summary.
pub type StartEngagementByAcceptingInvitationTaskResponse =
    ListEngagementByAcceptingInvitationTaskSummary;

/// `ListEngagementByAcceptingInvitationTasksResponse`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementByAcceptingInvitationTasksResponse {
    pub task_summaries: Vec<ListEngagementByAcceptingInvitationTaskSummary>,
    pub next_token: Option<String>,
}

/// `ListEngagementFromOpportunityTaskSummary` (and `StartEngagementFromOpportunityTaskResponse`,
/// which has the same members): an engage task.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementFromOpportunityTaskSummary {
    pub task_id: Option<String>,
    pub task_arn: Option<String>,
    pub start_time: Option<Timestamp>,
    #[serde(default, with = "optional")]
    pub task_status: Option<TaskStatus>,
    pub message: Option<String>,
    pub reason_code: Option<String>,
    pub opportunity_id: Option<String>,
    pub resource_snapshot_job_id: Option<String>,
    pub engagement_id: Option<String>,
}
