//! What the task machine tells the user, per kind: an accept is named by its invitation's
//! title, an engage by its opportunity.

use crate::domain::TaskKind;
use crate::service::ServiceError;

/// The words for one task.
pub(super) struct Words {
    pub kind: TaskKind,
    /// The invitation's title (accept) or the opportunity's id (engage).
    pub name: String,
    /// The key that starts it again.
    pub key: String,
}

impl Words {
    /// The start did not go out, or did not get an answer, or was refused.
    pub fn start_failed(&self, e: &ServiceError) -> String {
        let Words { name, key, .. } = self;
        match self.kind {
            TaskKind::Accept if matches!(e, ServiceError::NotSent { .. }) => {
                format!("Did not accept “{name}”: {e}")
            }
            TaskKind::Accept if e.is_transient() => format!(
                "Could not start accepting “{name}”: {e} Press {key} to try again; it cannot start twice."
            ),
            TaskKind::Accept => format!("The service refused to accept “{name}”: {e}"),
            TaskKind::Engage => format!("Could not start an engagement from {name}: {e}"),
        }
    }

    /// A poll failed; it is tried again.
    pub fn poll_failed(&self, e: &ServiceError) -> String {
        let name = &self.name;
        match self.kind {
            TaskKind::Accept => format!("Checking on accepting “{name}” failed ({e}); retrying"),
            TaskKind::Engage => {
                format!("Checking on the engagement from {name} failed ({e}); retrying")
            }
        }
    }

    /// Polls stopped: the task may still run.
    pub fn lost(&self, task_id: &str, e: &ServiceError) -> String {
        let Words { name, key, .. } = self;
        match self.kind {
            TaskKind::Accept => {
                format!("Lost track of the accept task {task_id}: {e} Press {key} to check again.")
            }
            TaskKind::Engage => format!(
                "Lost track of the engagement task {task_id} from {name}: {e} Press {key} to check again."
            ),
        }
    }

    /// The task FAILED, for `reason`.
    pub fn failed(&self, reason: &str) -> String {
        let Words { name, key, .. } = self;
        match self.kind {
            TaskKind::Accept => format!(
                "Accepting “{name}” failed — {}. Press {key} to try again.",
                reason.trim_end_matches('.')
            ),
            TaskKind::Engage => format!("Starting an engagement from {name} failed: {reason}"),
        }
    }

    /// The service had done it before this start: nothing was started.
    pub fn done_before(&self, made: &str) -> String {
        let name = &self.name;
        match self.kind {
            TaskKind::Accept => {
                format!("“{name}” was accepted already — opportunity {made}; nothing was started")
            }
            TaskKind::Engage => {
                format!("{name} was engaged already: engagement {made}; nothing was started")
            }
        }
    }
}
