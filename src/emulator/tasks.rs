//! The emulator's tasks: accepting an invitation (StartEngagementByAcceptingInvitationTask) and
//! submitting an opportunity (StartEngagementFromOpportunityTask) are one kind of thing. A task's
//! outcome is decided when it starts; it shows once the task finishes, when the store applies
//! it ([`super::store::CatalogData::settle`]).

use chrono::{DateTime, Utc};

use super::members::Member;
use super::store::Failure;
use crate::domain::{Catalog, TaskKind, TaskStatus};
use crate::wire::{TaskSummary, Timestamp};

/// One task. It is in progress until `finishes_at`.
#[derive(Debug, Clone)]
pub struct Task {
    pub kind: TaskKind,
    pub id: String,
    /// The invitation it accepts, or the opportunity it submits.
    pub subject: String,
    pub start_time: DateTime<Utc>,
    pub finishes_at: DateTime<Utc>,
    /// Set when the task will fail, with the reason it reports.
    pub failure: Option<Failure>,
    /// What it makes when it completes: the opportunity of an accept (empty for an account
    /// plan, which makes none), the engagement of a submission.
    pub made: String,
    /// The resource snapshot job a completed submission reports.
    pub snapshot_job_id: Option<String>,
    /// The account that started it: it joins the engagement (accept) or creates it (submission).
    pub member: Member,
    /// True once its outcome has been applied.
    pub settled: bool,
}

impl Task {
    /// Finished by `now`, its outcome not applied yet.
    pub fn due(&self, now: DateTime<Utc>) -> bool {
        !self.settled && self.finishes_at <= now
    }

    /// In progress, complete or failed at `now`.
    pub fn status_at(&self, now: DateTime<Utc>) -> TaskStatus {
        match (now < self.finishes_at, &self.failure) {
            (true, _) => TaskStatus::InProgress,
            (false, None) => TaskStatus::Complete,
            (false, Some(_)) => TaskStatus::Failed,
        }
    }

    /// The task's ARN in a catalog.
    pub fn arn(&self, catalog: Catalog, account: &str) -> String {
        let resource = match self.kind {
            TaskKind::Accept => "engagement-by-accepting-invitation-task",
            TaskKind::Engage => "engagement-from-opportunity-task",
        };
        format!(
            "arn:aws:partnercentral:us-east-1:{account}:catalog/{}/{resource}/{}",
            catalog.as_str(),
            self.id
        )
    }

    /// The task as both its start response and its listing show it.
    pub fn summary(&self, catalog: Catalog, account: &str, now: DateTime<Utc>) -> TaskSummary {
        let status = self.status_at(now);
        let (running, done) = match self.kind {
            TaskKind::Accept => (
                "Accepting the invitation",
                "Engagement started and opportunity created",
            ),
            TaskKind::Engage => (
                "Submitting the opportunity",
                "Opportunity submitted and engagement started",
            ),
        };
        let mut out = TaskSummary {
            task_id: Some(self.id.clone()),
            task_arn: Some(self.arn(catalog, account)),
            start_time: Some(Timestamp(self.start_time)),
            task_status: Some(status.clone()),
            message: Some(running.to_string()),
            ..TaskSummary::default()
        };
        match (&status, &self.failure) {
            (TaskStatus::Complete, _) => {
                out.message = Some(done.to_string());
                match self.kind {
                    TaskKind::Accept => {
                        out.opportunity_id = (!self.made.is_empty()).then(|| self.made.clone());
                    }
                    TaskKind::Engage => {
                        out.engagement_id = Some(self.made.clone());
                        out.resource_snapshot_job_id = self.snapshot_job_id.clone();
                    }
                }
            }
            (TaskStatus::Failed, Some(f)) => {
                out.message = Some(f.message.clone());
                out.reason_code = Some(f.reason_code.clone());
            }
            _ => {}
        }
        match self.kind {
            TaskKind::Accept => out.engagement_invitation_id = Some(self.subject.clone()),
            TaskKind::Engage => out.opportunity_id = Some(self.subject.clone()),
        }
        out
    }
}

/// Every task of a catalog, in the order they started.
#[derive(Debug, Clone, Default)]
pub struct Tasks {
    all: Vec<Task>,
}

impl Tasks {
    pub fn push(&mut self, task: Task) {
        self.all.push(task);
    }

    /// The task with this id.
    pub fn get(&self, id: &str) -> Option<&Task> {
        self.all.iter().find(|t| t.id == id)
    }

    /// The tasks of one kind.
    pub fn of(&self, kind: TaskKind) -> impl Iterator<Item = &Task> {
        self.all.iter().filter(move |t| t.kind == kind)
    }

    /// Whether a task has finished by `now` whose outcome is not applied yet.
    pub fn unsettled(&self, now: DateTime<Utc>) -> bool {
        self.all.iter().any(|t| t.due(now))
    }

    /// Marks every task finished by `now` settled, and gives those that completed.
    pub fn settle(&mut self, now: DateTime<Utc>) -> Vec<Task> {
        let mut completed = Vec::new();
        for task in self.all.iter_mut().filter(|t| t.due(now)) {
            task.settled = true;
            if task.failure.is_none() {
                completed.push(task.clone());
            }
        }
        completed
    }
}
