//! The tasks of this run, by kind and subject: client tokens (one per piece of work until its
//! task ends), progress, and what the local store keeps of them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::domain::{SavedTask, TaskKind};

/// What a task is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The start call is out.
    Starting,
    /// The task is IN_PROGRESS; `polls` polls done so far.
    Running {
        task_id: String,
        polls: u32,
        last_error: Option<String>,
    },
    /// What it made: an accept's opportunity, an engage's engagement.
    Complete { made: Option<String> },
    /// It failed, or its start did. With `retry`, the start may have reached the service (no
    /// answer came, or the task was lost track of): starting again reuses the same client
    /// token, so it cannot start twice.
    Failed { reason: String, retry: bool },
}

impl Phase {
    /// True while the service is working on it.
    pub fn is_active(&self) -> bool {
        matches!(self, Phase::Starting | Phase::Running { .. })
    }

    /// True when the client token must be kept (a new start with it is safe and idempotent).
    fn keeps_token(&self) -> bool {
        matches!(
            self,
            Phase::Starting | Phase::Running { .. } | Phase::Failed { retry: true, .. }
        )
    }
}

/// One piece of work's task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub client_token: String,
    /// The invitation's title, for an accept.
    pub title: Option<String>,
    pub started: DateTime<Utc>,
    pub phase: Phase,
    /// The start goes out with a token used before (a retry, or a run before this one): the
    /// journal says resumed, not started.
    pub resumed: bool,
}

impl Run {
    /// The store's record of it.
    pub fn saved(&self, task_id: Option<String>) -> SavedTask {
        SavedTask {
            client_token: self.client_token.clone(),
            task_id,
            title: self.title.clone(),
            started: self.started,
        }
    }
}

/// All tasks of this run, by kind and subject (the invitation or the opportunity).
#[derive(Debug, Clone, Default)]
pub struct Tasks {
    map: BTreeMap<(TaskKind, String), Run>,
    /// Makes client tokens unique: a per-run random id and a counter.
    session: String,
    counter: u64,
}

impl Tasks {
    /// Tasks restored from the store's records; `session` must differ between runs. A record
    /// with a task is followed again; one without was never answered, and starting it again
    /// reuses its token.
    pub fn restore(saved: Vec<(TaskKind, String, SavedTask)>, session: String) -> Self {
        let map = saved
            .into_iter()
            .map(|(kind, subject, s)| {
                let phase = match s.task_id {
                    Some(task_id) => Phase::Running {
                        task_id,
                        polls: 0,
                        last_error: None,
                    },
                    None => Phase::Failed {
                        reason: "pc-inbox stopped before the service answered the start".into(),
                        retry: true,
                    },
                };
                let run = Run {
                    client_token: s.client_token,
                    title: s.title,
                    started: s.started,
                    phase,
                    resumed: true,
                };
                ((kind, subject), run)
            })
            .collect();
        Tasks {
            map,
            session,
            counter: 0,
        }
    }

    pub fn get(&self, kind: TaskKind, subject: &str) -> Option<&Run> {
        self.map.get(&(kind, subject.to_string()))
    }

    pub fn get_mut(&mut self, kind: TaskKind, subject: &str) -> Option<&mut Run> {
        self.map.get_mut(&(kind, subject.to_string()))
    }

    /// Starts (or restarts) a task: reuses the token of an unfinished one, else a new token.
    pub fn begin(
        &mut self,
        kind: TaskKind,
        subject: &str,
        title: Option<String>,
        now: DateTime<Utc>,
    ) -> &Run {
        let reused = self
            .get(kind, subject)
            .filter(|r| r.phase.keeps_token() && !r.client_token.is_empty())
            .map(|r| r.client_token.clone());
        let resumed = reused.is_some();
        let client_token = reused.unwrap_or_else(|| {
            self.counter += 1;
            format!("pc-inbox-{}-{}", self.session, self.counter)
        });
        let run = Run {
            client_token,
            title,
            started: now,
            phase: Phase::Starting,
            resumed,
        };
        let key = (kind, subject.to_string());
        self.map.insert(key.clone(), run);
        &self.map[&key]
    }

    /// Tracks a task found on the service that this run did not start; false when one is
    /// followed already.
    pub fn adopt(
        &mut self,
        kind: TaskKind,
        subject: &str,
        task_id: String,
        started: DateTime<Utc>,
    ) -> bool {
        if self.get(kind, subject).is_some_and(|r| r.phase.is_active()) {
            return false;
        }
        let run = Run {
            client_token: String::new(),
            title: None,
            started,
            phase: Phase::Running {
                task_id,
                polls: 0,
                last_error: None,
            },
            resumed: true,
        };
        self.map.insert((kind, subject.to_string()), run);
        true
    }

    /// Tasks of `kind` the service is still working on, by subject.
    pub fn active(&self, kind: TaskKind) -> impl Iterator<Item = (&String, &Run)> {
        self.map
            .iter()
            .filter(move |((k, _), r)| *k == kind && r.phase.is_active())
            .map(|((_, subject), r)| (subject, r))
    }

    /// Every task whose task is running, with its kind, subject and task id.
    pub fn running(&self) -> impl Iterator<Item = (TaskKind, &String, &String)> {
        self.map
            .iter()
            .filter_map(|((kind, subject), r)| match &r.phase {
                Phase::Running { task_id, .. } => Some((*kind, subject, task_id)),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: TaskKind = TaskKind::Accept;

    #[test]
    fn tokens_are_reused_until_the_task_ends() {
        let now = Utc::now();
        let mut t = Tasks::restore(Vec::new(), "s".into());
        let t1 = t.begin(A, "engi-1", None, now).client_token.clone();
        t.get_mut(A, "engi-1").unwrap().phase = Phase::Failed {
            reason: "network".into(),
            retry: true,
        };
        assert!(!t.get(A, "engi-1").unwrap().resumed);
        let again = t.begin(A, "engi-1", None, now);
        assert_eq!(
            again.client_token, t1,
            "a retry after a failed call reuses the token"
        );
        assert!(again.resumed, "and is a resume");
        t.get_mut(A, "engi-1").unwrap().phase = Phase::Failed {
            reason: "FAILED".into(),
            retry: false,
        };
        assert_ne!(
            t.begin(A, "engi-1", None, now).client_token,
            t1,
            "after a FAILED task a retry needs a new token"
        );
        assert_ne!(t.begin(A, "engi-2", None, now).client_token, t1);
        assert_ne!(
            t.begin(TaskKind::Engage, "engi-1", None, now).client_token,
            t1,
            "kinds never share a token"
        );
    }

    #[test]
    fn restored_records_are_followed_or_offered_again() {
        let now = Utc::now();
        let record = |task_id: Option<&str>| SavedTask {
            client_token: "tok".into(),
            task_id: task_id.map(str::to_string),
            title: Some("T".into()),
            started: now,
        };
        let t = Tasks::restore(
            vec![
                (A, "engi-1".into(), record(Some("task-1"))),
                (TaskKind::Engage, "O1".into(), record(None)),
            ],
            "t".into(),
        );
        assert_eq!(
            t.running().collect::<Vec<_>>(),
            [(A, &"engi-1".to_string(), &"task-1".to_string())]
        );
        let engage = t.get(TaskKind::Engage, "O1").unwrap();
        assert!(matches!(engage.phase, Phase::Failed { retry: true, .. }));
        assert_eq!(engage.client_token, "tok");
    }
}
