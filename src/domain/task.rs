use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a task the service runs for a write does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// State of an accept task.
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

/// An asynchronous "start engagement by accepting invitation" task.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptTask {
    pub id: String,
    pub arn: Option<String>,
    pub status: TaskStatus,
    pub message: Option<String>,
    pub reason_code: Option<String>,
    pub opportunity_id: Option<String>,
    pub invitation_id: Option<String>,
    pub start_time: Option<DateTime<Utc>>,
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
