//! The task effects, one for every kind (accept, engage): a start asks the service first for a
//! task it has for the same work (followed instead of starting a second), then claims the
//! client token in the local store and sends only if the claim held; polls wait, then read
//! through the shared read queue; records are kept and dropped by the store's thread.

use crate::app::TaskMsg;
use std::time::Duration;

use super::effects::EffectRunner;
use super::store_worker::Job;
use crate::app::{Msg, Priority};
use crate::domain::{SavedTask, TaskFilter, TaskKind, TaskStart, TaskStatus};
use crate::service::ServiceError;

impl EffectRunner {
    /// Starts the task for `start`: see the module documentation.
    pub(super) fn start_task(&self, start: TaskStart, record: SavedTask) {
        let (service, tx, claims) = (self.service.clone(), self.tx.clone(), self.store.claims());
        tokio::spawn(async move {
            let (kind, subject) = (start.kind(), start.subject().to_string());
            let of = TaskFilter::Of(subject.clone());
            let found = service.list_tasks(kind, &of).await.ok().and_then(|tasks| {
                tasks
                    .into_iter()
                    .find(|t| matches!(t.status, TaskStatus::Complete | TaskStatus::InProgress))
            });
            let asked = record.client_token.clone();
            let (client_token, result, found) = match found {
                Some(task) => (asked.clone(), Ok(task), true),
                None => match claims.claim(kind, subject.clone(), record).await {
                    Ok(token) => {
                        let result = service.start_task(&start, &token).await;
                        (token, result, false)
                    }
                    Err(why) => (asked.clone(), Err(ServiceError::NotSent { why }), false),
                },
            };
            let _ = tx.send(Msg::Task(TaskMsg::Started {
                work: (kind, subject),
                claimed: (client_token != asked).then_some(client_token),
                result,
                found,
            }));
        });
    }

    /// Reads a task again after `after`.
    pub(super) fn poll_task(
        &self,
        kind: TaskKind,
        subject: String,
        task_id: String,
        after: Duration,
    ) {
        let (service, tx, reads) = (self.service.clone(), self.tx.clone(), self.reads.clone());
        tokio::spawn(async move {
            tokio::time::sleep(after).await;
            let key = format!("poll:{}:{task_id}", kind.as_str());
            reads.submit(key, Priority::Selected, async move {
                let result = service.get_task(kind, &task_id).await;
                let _ = tx.send(Msg::Task(TaskMsg::Polled {
                    work: (kind, subject),
                    task_id,
                    result,
                }));
            });
        });
    }

    /// Asks the service for the tasks of `kind` in progress.
    pub(super) fn find_running(&self, kind: TaskKind) {
        let (service, tx) = (self.service.clone(), self.tx.clone());
        let key = format!("running:{}", kind.as_str());
        self.reads.submit(key, Priority::Prefetch, async move {
            let result = service.list_tasks(kind, &TaskFilter::Running).await;
            let _ = tx.send(Msg::Task(TaskMsg::Running { kind, result }));
        });
    }

    /// Keeps a task's record.
    pub(super) fn save_task(&self, kind: TaskKind, subject: String, record: SavedTask) {
        self.store.send(Job::SaveTask((kind, subject), record));
    }

    /// Drops a task's record if it still holds `client_token`.
    pub(super) fn forget_task(&self, kind: TaskKind, subject: String, client_token: String) {
        self.store.send(Job::ForgetTask {
            work: (kind, subject),
            client_token,
        });
    }
}
