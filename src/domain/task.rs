use chrono::{DateTime, Utc};

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
