//! Accept and engage tasks over the SDK: one start, one poll and one listing for both kinds.
//! The SDK has four task shapes (two Start answers, two List rows) with the same members but
//! one; each becomes our [`Task`].

use aws_sdk_partnercentralselling::operation::start_engagement_by_accepting_invitation_task::StartEngagementByAcceptingInvitationTaskOutput as AcceptStarted;
use aws_sdk_partnercentralselling::operation::start_engagement_from_opportunity_task::StartEngagementFromOpportunityTaskOutput as EngageStarted;
use aws_sdk_partnercentralselling::types as sdk;

use super::convert::{owned, task_status, time};
use super::AwsPartnerCentral;
use crate::domain::{Task, TaskFilter, TaskKind, TaskStart};
use crate::service::{ServiceError, ServiceResult};

/// `From<&shape> for Task` for each SDK task shape: its kind, and the member only it has.
macro_rules! task_from {
    ($($shape:ty => $kind:ident, $field:ident: $member:ident;)*) => {$(
        impl From<&$shape> for Task {
            fn from(t: &$shape) -> Task {
                Task {
                    id: t.task_id().unwrap_or_default().to_string(),
                    arn: owned(t.task_arn()),
                    status: task_status(t.task_status()),
                    message: owned(t.message()),
                    reason_code: t.reason_code().map(|r| r.as_str().to_string()),
                    opportunity_id: owned(t.opportunity_id()),
                    snapshot_job_id: owned(t.resource_snapshot_job_id()),
                    start_time: time(t.start_time()),
                    $field: owned(t.$member()),
                    ..Task::new(TaskKind::$kind, String::new(), task_status(None))
                }
            }
        }
    )*};
}

task_from! {
    AcceptStarted => Accept, invitation_id: engagement_invitation_id;
    sdk::ListEngagementByAcceptingInvitationTaskSummary => Accept, invitation_id: engagement_invitation_id;
    EngageStarted => Engage, engagement_id: engagement_id;
    sdk::ListEngagementFromOpportunityTaskSummary => Engage, engagement_id: engagement_id;
}

impl AwsPartnerCentral {
    pub(super) async fn start(&self, start: &TaskStart, client_token: &str) -> ServiceResult<Task> {
        match start {
            TaskStart::Accept { invitation_id } => self
                .client
                .start_engagement_by_accepting_invitation_task()
                .catalog(&self.catalog)
                .identifier(invitation_id)
                .client_token(client_token)
                .send()
                .await
                .map(|out| Task::from(&out))
                .map_err(|e| self.fail(e)),
            TaskStart::Engage {
                opportunity_id,
                involvement,
            } => {
                let submission = sdk::AwsSubmission::builder()
                    .involvement_type(sdk::SalesInvolvementType::from(involvement.as_wire()))
                    .visibility(sdk::Visibility::Full)
                    .build()
                    .expect("the submission has its required member");
                self.client
                    .start_engagement_from_opportunity_task()
                    .catalog(&self.catalog)
                    .identifier(opportunity_id)
                    .client_token(client_token)
                    .aws_submission(submission)
                    .send()
                    .await
                    .map(|out| Task::from(&out))
                    .map_err(|e| self.fail(e))
            }
        }
    }

    /// One task by its id (or ARN), from a listing filtered on it.
    pub(super) async fn task(&self, kind: TaskKind, task_id: &str) -> ServiceResult<Task> {
        let by_id = TaskQuery {
            task_id: Some(task_id),
            ..TaskQuery::default()
        };
        self.tasks(kind, by_id)
            .await?
            .into_iter()
            .find(|t| t.id == task_id || t.arn.as_deref() == Some(task_id))
            .ok_or_else(|| ServiceError::NotFound {
                message: format!(
                    "{} task {task_id} is not known to the service",
                    kind.as_str()
                ),
            })
    }

    pub(super) async fn filtered(
        &self,
        kind: TaskKind,
        filter: &TaskFilter,
    ) -> ServiceResult<Vec<Task>> {
        let query = match filter {
            TaskFilter::Of(subject) => TaskQuery {
                subject: Some(subject),
                ..TaskQuery::default()
            },
            TaskFilter::Running => TaskQuery {
                status: Some(sdk::TaskStatus::InProgress),
                ..TaskQuery::default()
            },
        };
        self.tasks(kind, query).await
    }

    /// Every task of `kind` the query matches, across pages (the SDK's paginator).
    async fn tasks(&self, kind: TaskKind, q: TaskQuery<'_>) -> ServiceResult<Vec<Task>> {
        /// The listing `$operation`, its subject filtered by `$subject`.
        macro_rules! listed {
            ($operation:ident, $subject:ident) => {
                self.client
                    .$operation()
                    .catalog(&self.catalog)
                    .$subject(one(q.subject))
                    .set_task_identifier(one(q.task_id))
                    .set_task_status(q.status.map(|s| vec![s]))
                    .into_paginator()
                    .items()
                    .send()
                    .collect::<Result<Vec<_>, _>>()
                    .await
                    .map(|rows| rows.iter().map(Task::from).collect())
                    .map_err(|e| self.fail(e))
            };
        }
        match kind {
            TaskKind::Accept => listed!(
                list_engagement_by_accepting_invitation_tasks,
                set_engagement_invitation_identifier
            ),
            TaskKind::Engage => listed!(
                list_engagement_from_opportunity_tasks,
                set_opportunity_identifier
            ),
        }
    }
}

/// The filters a task listing sends.
#[derive(Default)]
struct TaskQuery<'a> {
    subject: Option<&'a str>,
    task_id: Option<&'a str>,
    status: Option<sdk::TaskStatus>,
}

fn one(id: Option<&str>) -> Option<Vec<String>> {
    id.map(|id| vec![id.to_string()])
}
