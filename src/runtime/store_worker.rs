//! Owns the local store on one background thread: writes happen in the order they were asked
//! for, so a slow disk never stalls the screen and an older snapshot never overwrites a newer
//! one; reads answer with a message.

use crate::app::SyncMsg;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::oneshot;

use crate::app::{BulkQueue, Effect, Msg, Remember, Stored};
use crate::compose::draft::Draft;
use crate::domain::journal::Entry;
use crate::domain::{CachedRow, ListQuery, Participant, SavedTask, TaskKind};
use crate::service::RequestTally;
use crate::store::{Origin, Store};

/// A job and, when someone waits for it to be done, whom to tell.
type Queued = (Job, Option<mpsc::SyncSender<()>>);

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
    /// Reads a view; with `if_changed`, only when another process wrote since last asked.
    ReadView {
        generation: u64,
        query: ListQuery,
        if_changed: bool,
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
    tx: Option<mpsc::Sender<Queued>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// The store outlives the run: only then are client tokens kept in it.
    durable: bool,
}

impl StoreWorker {
    /// A worker owning `store` (without one, a store in memory, so that the views read rows
    /// the same way), replying on `replies`; it adds the requests counted in `tally` to the
    /// store's every [`COUNT_EVERY`] and when it stops.
    pub fn new(
        store: Option<Store>,
        replies: UnboundedSender<Msg>,
        tally: Arc<RequestTally>,
    ) -> Self {
        let Some(store) = store.or_else(|| Store::in_memory(Origin::default()).ok()) else {
            return StoreWorker {
                tx: None,
                thread: None,
                durable: false,
            };
        };
        let durable = store.durable();
        let (tx, rx) = mpsc::channel::<Queued>();
        let thread = std::thread::spawn(move || serve(store, rx, replies, &tally));
        StoreWorker {
            tx: Some(tx),
            thread: Some(thread),
            durable,
        }
    }

    /// Waits until everything asked for so far is written. Work still in flight elsewhere does
    /// not hold it up.
    pub fn finish(mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send((Job::Stop, None));
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Queues a job; true when a store takes it.
    pub fn send(&self, job: Job) -> bool {
        self.tx
            .as_ref()
            .is_some_and(|tx| tx.send((job, None)).is_ok())
    }

    /// Queues a job as [`Self::send`] does, and holds a blocking task until the store has done
    /// it: tokio's paused clock (in tests) then does not jump ahead while the store works, as
    /// it would for work on a thread of our own.
    pub fn send_held(&self, job: Job) -> bool {
        let (done, held) = mpsc::sync_channel(1);
        let sent = self
            .tx
            .as_ref()
            .is_some_and(|tx| tx.send((job, Some(done))).is_ok());
        if sent && tokio::runtime::Handle::try_current().is_ok() {
            tokio::task::spawn_blocking(move || held.recv());
        }
        sent
    }

    /// A handle for claiming accept tokens from another task; none are kept in a store that
    /// does not outlive the run.
    pub fn claims(&self) -> Claims {
        Claims(self.tx.clone().filter(|_| self.durable))
    }
}

/// Claims client tokens through the store's thread. A token is only used once the store has
/// it: a write whose token could not be saved is not sent.
#[derive(Clone)]
pub struct Claims(Option<mpsc::Sender<Queued>>);

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
        tx.send((job, None))
            .map_err(|_| unsaved("the store has stopped"))?;
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
    rx: mpsc::Receiver<Queued>,
    replies: UnboundedSender<Msg>,
    tally: &RequestTally,
) {
    loop {
        let (job, done) = match rx.recv_timeout(COUNT_EVERY) {
            Ok((Job::Stop, _)) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                count(&mut store, tally, &replies);
                return;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                count(&mut store, tally, &replies);
                continue;
            }
            Ok(job) => job,
        };
        let mut answers = Vec::new();
        let result = handle(&mut store, job, &mut answers);
        for answer in answers {
            let _ = replies.send(answer);
        }
        if let Err(e) = result {
            let _ = replies.send(Msg::StorageFailed(e.to_string()));
        }
        if let Some(done) = done {
            let _ = done.send(());
        }
    }
}

/// The store's part of an effect, as a job; `None` for an effect that is not the store's.
pub fn job_of(effect: Effect) -> Option<Job> {
    Some(match effect {
        Effect::SaveDraft(draft) => Job::Draft(draft),
        Effect::SaveBulk(queue) => Job::Bulk(queue),
        Effect::Remember { what, at } => Job::Remember(what, at),
        Effect::Journal(entry) => Job::Journal(entry),
        Effect::ReadCachedView { generation, query } => Job::ReadView {
            generation,
            query,
            if_changed: false,
        },
        Effect::ReadCachedViewIfChanged { generation, query } => Job::ReadView {
            generation,
            query,
            if_changed: true,
        },
        Effect::ReadCachedSide { side } => Job::ReadSide(side),
        Effect::ReadCachedDetails { generation, ids } => Job::ReadDetails { generation, ids },
        Effect::ReadJournal => Job::ReadJournal,
        _ => return None,
    })
}

/// Does one job on the store, adding its answers (what a write left stored, what a read
/// found) to `answers`.
pub fn handle(store: &mut Store, job: Job, answers: &mut Vec<Msg>) -> crate::store::Result<()> {
    match job {
        Job::Stop => Ok(()),
        Job::Draft(draft) => store.save_draft(draft.as_deref()),
        Job::Bulk(queue) => store.save_bulk(queue.as_deref()),
        Job::Remember(what, at) => {
            let learned = unstored(&what);
            let (stored, result) = match remember(store, what, at) {
                Ok(stored) => (stored, Ok(())),
                Err(e) => (learned, Err(e)),
            };
            answers.extend(stored.map(|stored| Msg::Sync(SyncMsg::Stored(stored))));
            result
        }
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
        Job::ReadView {
            generation,
            query,
            if_changed,
        } => {
            if if_changed && !store.changed_elsewhere()? {
                return Ok(());
            }
            let result = store.view(&query).map_err(|e| e.to_string());
            answers.push(Msg::Sync(SyncMsg::CachedView { generation, result }));
            Ok(())
        }
        Job::ReadSide(side) => {
            let result = store.view(&ListQuery::new(side)).map_err(|e| e.to_string());
            answers.push(Msg::Sync(SyncMsg::CachedSide { side, result }));
            Ok(())
        }
        Job::ReadDetails { generation, ids } => store.details(&ids).map(|details| {
            answers.push(Msg::Sync(SyncMsg::CachedDetails {
                generation,
                details,
            }));
        }),
        Job::ReadJournal => {
            let entries = store.journal(None).map_err(|e| e.to_string());
            answers.push(Msg::JournalRead(entries));
            Ok(())
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

/// Writes what the inbox learned, and reads back what the store now holds of it.
fn remember(
    store: &mut Store,
    what: Remember,
    at: chrono::DateTime<chrono::Utc>,
) -> crate::store::Result<Option<Stored>> {
    Ok(match what {
        Remember::Rows { rows, unread } => {
            store.remember_rows(&rows, &unread, at)?;
            let ids: Vec<String> = rows.into_iter().map(|row| row.id).collect();
            Some(Stored::Rows(store.rows(&ids)?))
        }
        Remember::Detail(detail) => {
            store.remember_detail(&detail, at)?;
            let id = detail.summary.id.clone();
            Some(Stored::Detail(store.rows(&[id])?.pop().map(Box::new)))
        }
        Remember::Read(id) => {
            store.mark_read(&id, at)?;
            None
        }
        Remember::Listed { query, ids } => Some(Stored::Gone(store.forget_unlisted(&query, &ids)?)),
        Remember::Looked => {
            store.looked(at)?;
            None
        }
    })
}

/// What the inbox shows of a write the store could not make (or that no store took): what was
/// learned, as the store would have held it; nothing is forgotten.
pub fn unstored(what: &Remember) -> Option<Stored> {
    match what {
        Remember::Rows { rows, unread } => Some(Stored::Rows(
            rows.iter()
                .map(|summary| CachedRow {
                    summary: summary.clone(),
                    customer: None,
                    spend: None,
                    unread: unread.contains(&summary.id),
                })
                .collect(),
        )),
        Remember::Detail(detail) => Some(Stored::Detail(Some(Box::new(CachedRow {
            summary: detail.summary.clone(),
            customer: detail.customer_name().map(str::to_string),
            spend: detail.largest_monthly_spend(),
            unread: false,
        })))),
        Remember::Listed { .. } => Some(Stored::Gone(Vec::new())),
        Remember::Read(_) | Remember::Looked => None,
    }
}
