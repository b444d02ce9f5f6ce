use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Involvement;

/// What a task the service runs for a write does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaskKind {
    /// StartEngagementByAcceptingInvitationTask, for an invitation.
    Accept,
    /// StartEngagementFromOpportunityTask, for an opportunity.
    Engage,
}

impl TaskKind {
    /// Its name in the local store.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Accept => "accept",
            TaskKind::Engage => "engage",
        }
    }

    /// The operation that starts one.
    pub fn start_operation(self) -> &'static str {
        match self {
            TaskKind::Accept => "StartEngagementByAcceptingInvitationTask",
            TaskKind::Engage => "StartEngagementFromOpportunityTask",
        }
    }

    /// The operation that lists them (the API has no Get for tasks).
    pub fn list_operation(self) -> &'static str {
        match self {
            TaskKind::Accept => "ListEngagementByAcceptingInvitationTasks",
            TaskKind::Engage => "ListEngagementFromOpportunityTasks",
        }
    }
}

/// A task's record in the local store while its client token is needed: claimed before the
/// start, with the task once the service answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedTask {
    pub client_token: String,
    pub task_id: Option<String>,
    /// The invitation's title, for an accept.
    #[serde(default)]
    pub title: Option<String>,
    pub started: DateTime<Utc>,
}

/// The accepts' records by invitation id (also the form of the `accepts.json` of old
/// versions).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SavedAccepts {
    pub invitations: BTreeMap<String, SavedTask>,
}

/// State of a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskStatus {
    InProgress,
    Complete,
    Failed,
    Unknown(String),
}

impl TaskStatus {
    /// Parses the service's `TaskStatus` value.
    pub fn from_wire(s: &str) -> Self {
        match s {
            "IN_PROGRESS" => TaskStatus::InProgress,
            "COMPLETE" => TaskStatus::Complete,
            "FAILED" => TaskStatus::Failed,
            other => TaskStatus::Unknown(other.to_string()),
        }
    }

    /// The service's `TaskStatus` value.
    pub fn as_wire(&self) -> &str {
        match self {
            TaskStatus::InProgress => "IN_PROGRESS",
            TaskStatus::Complete => "COMPLETE",
            TaskStatus::Failed => "FAILED",
            TaskStatus::Unknown(s) => s,
        }
    }

    /// True once the task will not change any more.
    pub fn is_finished(&self) -> bool {
        matches!(self, TaskStatus::Complete | TaskStatus::Failed)
    }
}

/// A task the service runs for a write, as its Start answer or a List row says.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub kind: TaskKind,
    pub id: String,
    pub arn: Option<String>,
    pub status: TaskStatus,
    pub message: Option<String>,
    pub reason_code: Option<String>,
    /// The opportunity an accept made, or the one an engage submits.
    pub opportunity_id: Option<String>,
    /// The invitation an accept accepts.
    pub invitation_id: Option<String>,
    /// The engagement an engage made, once it is COMPLETE.
    pub engagement_id: Option<String>,
    pub snapshot_job_id: Option<String>,
    pub start_time: Option<DateTime<Utc>>,
}

impl Task {
    /// A task of `kind` known by its id only.
    pub fn new(kind: TaskKind, id: impl Into<String>, status: TaskStatus) -> Self {
        Task {
            kind,
            id: id.into(),
            arn: None,
            status,
            message: None,
            reason_code: None,
            opportunity_id: None,
            invitation_id: None,
            engagement_id: None,
            snapshot_job_id: None,
            start_time: None,
        }
    }

    /// What it works on: the invitation of an accept, the opportunity of an engage.
    pub fn subject(&self) -> Option<&str> {
        match self.kind {
            TaskKind::Accept => self.invitation_id.as_deref(),
            TaskKind::Engage => self.opportunity_id.as_deref(),
        }
    }

    /// What it made once COMPLETE: an accept's opportunity, an engage's engagement.
    pub fn made(&self) -> Option<&str> {
        match self.kind {
            TaskKind::Accept => self.opportunity_id.as_deref(),
            TaskKind::Engage => self.engagement_id.as_deref(),
        }
    }

    /// Why it FAILED, in the service's words: "reason code: message".
    pub fn failure(&self) -> String {
        let parts: Vec<&str> = [self.reason_code.as_deref(), self.message.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if parts.is_empty() {
            "no reason given".into()
        } else {
            parts.join(": ")
        }
    }
}

/// What starts a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskStart {
    /// Accept an invitation (StartEngagementByAcceptingInvitationTask).
    Accept { invitation_id: String },
    /// Submit an opportunity to AWS (StartEngagementFromOpportunityTask).
    Engage {
        opportunity_id: String,
        involvement: Involvement,
    },
}

impl TaskStart {
    pub fn kind(&self) -> TaskKind {
        match self {
            TaskStart::Accept { .. } => TaskKind::Accept,
            TaskStart::Engage { .. } => TaskKind::Engage,
        }
    }

    /// The invitation or the opportunity it works on.
    pub fn subject(&self) -> &str {
        match self {
            TaskStart::Accept { invitation_id } => invitation_id,
            TaskStart::Engage { opportunity_id, .. } => opportunity_id,
        }
    }
}

/// Which tasks of a kind a listing wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskFilter {
    /// Every task for one invitation (accept) or opportunity (engage), by anyone.
    Of(String),
    /// Every task still IN_PROGRESS.
    Running,
}

/// When to poll a running task: `first`, doubling each time, never more than `cap` apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollSchedule {
    pub first: Duration,
    pub cap: Duration,
}

impl Default for PollSchedule {
    fn default() -> Self {
        PollSchedule {
            first: Duration::from_secs(1),
            cap: Duration::from_secs(10),
        }
    }
}

impl PollSchedule {
    /// The wait before poll number `done + 1`.
    pub fn delay(&self, done: u32) -> Duration {
        self.first
            .saturating_mul(1u32 << done.min(16))
            .min(self.cap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_poll_schedule_doubles_up_to_the_cap() {
        let s = PollSchedule::default();
        let secs: Vec<u64> = (0..6).map(|n| s.delay(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 10, 10]);
        assert_eq!(s.delay(40).as_secs(), 10);
    }
}
