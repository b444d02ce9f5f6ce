//! Owns the local store on one background thread: writes happen in the order they were asked
//! for, so a slow disk never stalls the screen and an older snapshot never overwrites a newer
//! one; reads answer with a message.

use crate::app::SyncMsg;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::oneshot;

use crate::app::{BulkQueue, Msg, Remember};
use crate::compose::draft::Draft;
use crate::domain::journal::Entry;
use crate::domain::{ListQuery, Participant, SavedTask, TaskKind};
use crate::service::RequestTally;
use crate::store::Store;

/// Work for the store's thread.
pub enum Job {
    Draft(Option<Box<Draft>>),
    Bulk(Option<Box<BulkQueue>>),
    Remember(Remember, chrono::DateTime<chrono::Utc>),
    Journal(Box<Entry>),
    /// Records a task about to start for (kind, subject); answers with the client token to
    /// start it with.
    Claim(
        (TaskKind, String),
        SavedTask,
        oneshot::Sender<Result<String, String>>,
    ),
    /// Adds its task id to a record.
    SaveTask((TaskKind, String), SavedTask),
    /// Drops the record of a task that ended.
    ForgetTask {
        work: (TaskKind, String),
        client_token: String,
    },
    ReadView {
        generation: u64,
        query: ListQuery,
    },
    ReadDetails {
        generation: u64,
        ids: Vec<String>,
    },
    ReadSide(Participant),
    ReadJournal,
    /// Ends the thread after what was asked before; tasks still holding a sender (a claim in
    /// flight) then find the store gone.
    Stop,
}

/// Sends jobs to the store's thread; without a store, writes are dropped and reads answer
/// empty.
pub struct StoreWorker {
    tx: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StoreWorker {
    /// A worker owning `store`, replying on `replies`; it adds the requests counted in `tally`
    /// to the store's every [`COUNT_EVERY`] and when it stops.
    pub fn new(
        store: Option<Store>,
        replies: UnboundedSender<Msg>,
        tally: Arc<RequestTally>,
    ) -> Self {
        let Some(store) = store else {
            return StoreWorker {
                tx: None,
                thread: None,
            };
        };
        let (tx, rx) = mpsc::channel::<Job>();
        let thread = std::thread::spawn(move || serve(store, rx, replies, &tally));
        StoreWorker {
            tx: Some(tx),
            thread: Some(thread),
        }
    }

    /// Waits until everything asked for so far is written. Work still in flight elsewhere does
    /// not hold it up.
    pub fn finish(mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(Job::Stop);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Queues a job; true when a store takes it.
    pub fn send(&self, job: Job) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(job).is_ok())
    }

    /// A handle for claiming accept tokens from another task.
    pub fn claims(&self) -> Claims {
        Claims(self.tx.clone())
    }
}

/// Claims client tokens through the store's thread. A token is only used once the store has
/// it: a write whose token could not be saved is not sent.
#[derive(Clone)]
pub struct Claims(Option<mpsc::Sender<Job>>);

/// Why a token could not be claimed, for a write that is therefore not sent.
fn unsaved(why: &str) -> String {
    format!("its client token could not be saved in the local store ({why}), so a retry could start it twice")
}

impl Claims {
    /// The client token to start the task of `kind` for `subject` with: one another process
    /// recorded first wins.
    pub async fn claim(
        &self,
        kind: TaskKind,
        subject: String,
        record: SavedTask,
    ) -> Result<String, String> {
        let (reply, answer) = oneshot::channel();
        let job = Job::Claim((kind, subject), record, reply);
        let tx = self
            .0
            .as_ref()
            .ok_or_else(|| unsaved("there is no store this run"))?;
        tx.send(job).map_err(|_| unsaved("the store has stopped"))?;
        answer
            .await
            .map_err(|_| unsaved("the store has stopped"))?
            .map_err(|e| unsaved(&e))
    }
}

/// How often the requests counted are added to the store's count.
const COUNT_EVERY: Duration = Duration::from_secs(10);

fn serve(
    mut store: Store,
    rx: mpsc::Receiver<Job>,
    replies: UnboundedSender<Msg>,
    tally: &RequestTally,
) {
    loop {
        let job = match rx.recv_timeout(COUNT_EVERY) {
            Ok(Job::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                count(&mut store, tally, &replies);
                return;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                count(&mut store, tally, &replies);
                continue;
            }
            Ok(job) => job,
        };
        let result = match job {
            Job::Stop => return,
            Job::Draft(draft) => store.save_draft(draft.as_deref()),
            Job::Bulk(queue) => store.save_bulk(queue.as_deref()),
            Job::Remember(what, at) => remember(&mut store, what, at),
            Job::Journal(entry) => store.journal_append(&entry),
            Job::Claim((kind, subject), record, reply) => {
                let claimed = store.claim_task(kind, &subject, &record);
                let _ = reply.send(claimed.map_err(|e| e.to_string()));
                Ok(())
            }
            Job::SaveTask((kind, subject), record) => store.save_task(kind, &subject, &record),
            Job::ForgetTask {
                work: (kind, subject),
                client_token,
            } => store.forget_task(kind, &subject, &client_token).map(drop),
            Job::ReadView { generation, query } => {
                let result = store.view(&query).map_err(|e| e.to_string());
                let _ = replies.send(Msg::Sync(SyncMsg::CachedView { generation, result }));
                Ok(())
            }
            Job::ReadSide(side) => {
                let result = store.view(&ListQuery::new(side)).map_err(|e| e.to_string());
                let _ = replies.send(Msg::Sync(SyncMsg::CachedSide { side, result }));
                Ok(())
            }
            Job::ReadDetails { generation, ids } => store.details(&ids).map(|details| {
                let _ = replies.send(Msg::Sync(SyncMsg::CachedDetails {
                    generation,
                    details,
                }));
            }),
            Job::ReadJournal => {
                let entries = store.journal(None).map_err(|e| e.to_string());
                let _ = replies.send(Msg::JournalRead(entries));
                Ok(())
            }
        };
        if let Err(e) = result {
            let _ = replies.send(Msg::StorageFailed(e.to_string()));
        }
    }
}

/// Adds the requests counted to the store's count and tells the app today's; what could not
/// be added is kept for the next time.
fn count(store: &mut Store, tally: &RequestTally, replies: &UnboundedSender<Msg>) {
    let counted = tally.take();
    if counted.is_empty() {
        return;
    }
    if store.count_requests(&counted).is_err() {
        tally.restore(counted);
        return;
    }
    if let Ok(today) = store.requests_on(chrono::Utc::now().date_naive()) {
        let _ = replies.send(Msg::RequestsToday(today));
    }
}

fn remember(
    store: &mut Store,
    what: Remember,
    at: chrono::DateTime<chrono::Utc>,
) -> crate::store::Result<()> {
    match what {
        Remember::Rows { rows, unread } => store.remember_rows(&rows, &unread, at),
        Remember::Detail(detail) => store.remember_detail(&detail, at),
        Remember::Read(id) => store.mark_read(&id, at),
        Remember::Gone(ids) => store.forget(&ids),
        Remember::Looked => store.looked(at),
    }
}
