//! Following a task the service runs, accept or engage alike: one poll schedule and one reading
//! of each poll's answer.

use std::time::Duration;

use crate::domain::{PollSchedule, TaskStatus};
use crate::service::ServiceError;

/// What one poll's answer means for a running task.
#[derive(Debug)]
pub(super) enum Poll<T> {
    /// Poll again after this long. `failure` is set on the first failed poll in a row, to be
    /// said once.
    Again {
        after: Duration,
        failure: Option<ServiceError>,
    },
    /// The task ended, or is in a status this build does not know.
    Ended(T),
    /// A refusal that will not pass: the task cannot be followed any more.
    Lost(ServiceError),
}

/// Counts one poll of a running task (`polls` so far and the `last_error` of the failed polls
/// in a row) and reads its answer: a failure that may pass polls again, a refusal loses it.
pub(super) fn read<T>(
    (polls, last_error): (&mut u32, &mut Option<String>),
    result: Result<T, ServiceError>,
    status: impl Fn(&T) -> &TaskStatus,
    schedule: PollSchedule,
) -> Poll<T> {
    *polls += 1;
    let after = schedule.delay(*polls);
    match result {
        Ok(task) if *status(&task) == TaskStatus::InProgress => {
            *last_error = None;
            Poll::Again {
                after,
                failure: None,
            }
        }
        Ok(task) => Poll::Ended(task),
        Err(e) if e.is_transient() => {
            let first = last_error.replace(e.to_string()).is_none();
            Poll::Again {
                after,
                failure: first.then_some(e),
            }
        }
        Err(e) => Poll::Lost(e),
    }
}
