//! The order of every read: urgent jobs (the user's own selection, list pages) go ahead of
//! prefetches; a job already queued or running is not queued twice. Prefetches run newest first
//! (the rows on screen now), and only the newest [`MAX_PREFETCHES`] wait: the rows scrolled
//! past long ago are dropped. Backfills (details a sort needs) wait behind both, first come
//! first served, and are never dropped.
//!
//! The pace is not the queue's: the service's one read bucket ([`crate::service::Paced`])
//! keeps every read under the quota. The queue lets only a few reads out at once, so that
//! under load the waiting ones are still ordered here, where an urgent one can jump ahead.

use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, Semaphore};

use crate::app::Priority;

/// Prefetches kept waiting at most.
pub const MAX_PREFETCHES: usize = 64;

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

struct Job {
    key: String,
    priority: Priority,
    run: BoxFuture,
}

/// Starts queued reads in order, a few at a time. Clones share the queue.
#[derive(Clone)]
pub struct ReadQueue {
    tx: mpsc::UnboundedSender<Job>,
}

#[derive(Default)]
struct Queues {
    urgent: VecDeque<Job>,
    background: VecDeque<Job>,
    backfill: VecDeque<Job>,
}

impl Queues {
    fn push(&mut self, job: Job, running: &Mutex<HashSet<String>>) {
        if running.lock().expect("running lock").contains(&job.key)
            || self.urgent.iter().any(|j| j.key == job.key)
        {
            return;
        }
        let waiting = self.backfill.iter().position(|j| j.key == job.key);
        if job.priority == Priority::Backfill {
            if waiting.is_none() && !self.background.iter().any(|j| j.key == job.key) {
                self.backfill.push_back(job);
            }
            return;
        }
        if let Some(i) = waiting {
            self.backfill.remove(i);
        }
        let queued = self.background.iter().position(|j| j.key == job.key);
        match (job.priority, queued) {
            (Priority::Selected, Some(i)) => {
                let mut promoted = self.background.remove(i).expect("position is valid");
                promoted.priority = Priority::Selected;
                self.urgent.push_back(promoted);
            }
            (Priority::Selected, None) => self.urgent.push_back(job),
            (Priority::Prefetch, Some(i)) => {
                let again = self.background.remove(i).expect("position is valid");
                self.background.push_back(again);
            }
            (Priority::Prefetch, None) => {
                self.background.push_back(job);
                if self.background.len() > MAX_PREFETCHES {
                    self.background.pop_front();
                }
            }
            (Priority::Backfill, _) => unreachable!("backfills are queued above"),
        }
    }

    fn pop(&mut self) -> Option<Job> {
        self.urgent
            .pop_front()
            .or_else(|| self.background.pop_back())
            .or_else(|| self.backfill.pop_front())
    }

    fn is_empty(&self) -> bool {
        self.urgent.is_empty() && self.background.is_empty() && self.backfill.is_empty()
    }
}

impl ReadQueue {
    /// A queue that has at most `in_flight` jobs running at once. Needs a tokio runtime.
    pub fn new(in_flight: usize) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(schedule(rx, Arc::new(Semaphore::new(in_flight.max(1)))));
        ReadQueue { tx }
    }

    /// Queues a read; `key` identifies it for de-duplication and promotion.
    pub fn submit(
        &self,
        key: String,
        priority: Priority,
        run: impl Future<Output = ()> + Send + 'static,
    ) {
        let _ = self.tx.send(Job {
            key,
            priority,
            run: Box::pin(run),
        });
    }
}

async fn schedule(mut rx: mpsc::UnboundedReceiver<Job>, slots: Arc<Semaphore>) {
    let running: Arc<Mutex<HashSet<String>>> = Arc::default();
    let mut queues = Queues::default();
    loop {
        if queues.is_empty() {
            match rx.recv().await {
                Some(job) => queues.push(job, &running),
                None => return,
            }
        }
        let slot = slots.clone().acquire_owned().await.expect("never closed");
        while let Ok(job) = rx.try_recv() {
            queues.push(job, &running);
        }
        let Some(job) = queues.pop() else { continue };
        running
            .lock()
            .expect("running lock")
            .insert(job.key.clone());
        let done = running.clone();
        tokio::spawn(async move {
            job.run.await;
            done.lock().expect("running lock").remove(&job.key);
            drop(slot);
        });
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn record(
        log: &Arc<Mutex<Vec<String>>>,
        name: &str,
    ) -> impl Future<Output = ()> + Send + 'static {
        let log = log.clone();
        let name = name.to_string();
        async move { log.lock().unwrap().push(name) }
    }

    #[test]
    fn only_the_newest_prefetches_wait() {
        let running = Mutex::new(HashSet::new());
        let mut q = Queues::default();
        for i in 0..MAX_PREFETCHES + 10 {
            let job = Job {
                key: format!("k{i}"),
                priority: Priority::Prefetch,
                run: Box::pin(async {}),
            };
            q.push(job, &running);
        }
        assert_eq!(q.background.len(), MAX_PREFETCHES);
        assert_eq!(
            q.pop().unwrap().key,
            format!("k{}", MAX_PREFETCHES + 9),
            "newest first"
        );
        assert_eq!(
            q.background.front().unwrap().key,
            "k10",
            "the oldest were dropped"
        );
    }

    #[test]
    fn backfills_wait_behind_everything_in_order_and_move_up_when_asked_for() {
        let running = Mutex::new(HashSet::new());
        let mut q = Queues::default();
        let job = |key: &str, priority| Job {
            key: key.into(),
            priority,
            run: Box::pin(async {}),
        };
        for i in 0..MAX_PREFETCHES + 10 {
            q.push(job(&format!("b{i}"), Priority::Backfill), &running);
        }
        q.push(job("b0", Priority::Backfill), &running);
        q.push(job("p", Priority::Prefetch), &running);
        q.push(job("b3", Priority::Prefetch), &running);
        q.push(job("s", Priority::Selected), &running);
        let order: Vec<String> = std::iter::from_fn(|| q.pop()).map(|j| j.key).collect();
        assert_eq!(&order[..5], ["s", "b3", "p", "b0", "b1"]);
        assert_eq!(
            order.len(),
            MAX_PREFETCHES + 10 + 2,
            "none dropped, none twice"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn urgent_jobs_jump_the_queue_and_only_so_many_run_at_once() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let q = ReadQueue::new(1);
        for name in ["a", "b", "c"] {
            q.submit(name.into(), Priority::Prefetch, record(&log, name));
        }
        q.submit("c".into(), Priority::Selected, record(&log, "c!"));
        q.submit("b".into(), Priority::Prefetch, record(&log, "b-dup"));
        while log.lock().unwrap().len() < 3 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let order = log.lock().unwrap().clone();
        assert_eq!(
            order,
            ["c", "b", "a"],
            "c promoted; b asked again, so it is newer than a"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn no_more_than_the_slots_run_at_once() {
        let (now, most, done) = (
            Arc::new(Mutex::new(0)),
            Arc::new(Mutex::new(0)),
            Arc::new(Mutex::new(0)),
        );
        let q = ReadQueue::new(2);
        for n in 0..5 {
            let (now, most, done) = (now.clone(), most.clone(), done.clone());
            q.submit(format!("r{n}"), Priority::Prefetch, async move {
                {
                    let mut now = now.lock().unwrap();
                    *now += 1;
                    let mut top = most.lock().unwrap();
                    *top = (*top).max(*now);
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
                *now.lock().unwrap() -= 1;
                *done.lock().unwrap() += 1;
            });
        }
        while *done.lock().unwrap() < 5 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(*most.lock().unwrap(), 2);
    }
}
