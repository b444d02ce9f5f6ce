//! What the task machine hears back from the service.

use crate::domain::{Task, TaskKind};
use crate::service::ServiceError;

/// A reply about a task; `work` is the task's kind and subject.
#[derive(Debug, Clone)]
pub enum TaskMsg {
    /// The answer to a start (or the task the service had for the work already: `found`).
    /// `claimed` is the token the store held for the work when it was not the one asked for
    /// (another process's): the start used that one.
    Started {
        work: (TaskKind, String),
        claimed: Option<String>,
        result: Result<Task, ServiceError>,
        found: bool,
    },
    /// The answer to a poll of `task_id`.
    Polled {
        work: (TaskKind, String),
        task_id: String,
        result: Result<Task, ServiceError>,
    },
    /// The tasks of a kind the service has in progress.
    Running {
        kind: TaskKind,
        result: Result<Vec<Task>, ServiceError>,
    },
}
