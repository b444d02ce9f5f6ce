//! Writes local state on one background thread, in the order it was asked for, so a slow disk
//! never stalls the screen and an older snapshot never overwrites a newer one.

use std::sync::mpsc;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::form::draft::Draft;
use crate::app::{Msg, SavedAccepts};
use crate::storage::DataDir;

enum Job {
    Accepts(SavedAccepts),
    Draft(Option<Box<Draft>>),
}

/// Sends snapshots to the writer thread.
pub struct Saver {
    tx: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Saver {
    /// A saver writing into `data`; without one, snapshots are dropped.
    pub fn new(data: Option<DataDir>, replies: UnboundedSender<Msg>) -> Self {
        let Some(data) = data else {
            return Saver {
                tx: None,
                thread: None,
            };
        };
        let (tx, rx) = mpsc::channel::<Job>();
        let thread = std::thread::spawn(move || {
            while let Ok(job) = rx.recv() {
                let result = match job {
                    Job::Accepts(saved) => data.save_accepts(&saved),
                    Job::Draft(draft) => data.save_draft(draft.as_deref()),
                };
                if let Err(e) = result {
                    let _ = replies.send(Msg::StorageFailed(e));
                }
            }
        });
        Saver {
            tx: Some(tx),
            thread: Some(thread),
        }
    }

    /// Waits until everything asked for so far is written.
    pub fn finish(mut self) {
        drop(self.tx.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    pub fn accepts(&self, saved: SavedAccepts) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job::Accepts(saved));
        }
    }

    pub fn draft(&self, draft: Option<Box<Draft>>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job::Draft(draft));
        }
    }
}
