//! The journal's entries: every action taken, by whom, where, with which client token and task,
//! and how it ended.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Task, TaskKind};

/// What was done: one row per change of an action's state. A task picked up again (a rerun, a
/// restart, a retry with the same client token) is `…Resumed`, never a second `…Started`. Its
/// stored and printed name is the variant's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::EnumString)]
pub enum Action {
    AcceptStarted,
    AcceptResumed,
    AcceptCompleted,
    AcceptFailed,
    Reject,
    Create,
    EngageStarted,
    EngageResumed,
    EngageCompleted,
    EngageFailed,
}

/// A step of a task's life, which the journal names per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Started,
    Resumed,
    Completed,
    Failed,
}

impl Action {
    /// Its stored and printed name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The action of a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// The action of a task of `kind` taking `step`.
    pub fn of_task(kind: TaskKind, step: Step) -> Self {
        match (kind, step) {
            (TaskKind::Accept, Step::Started) => Action::AcceptStarted,
            (TaskKind::Accept, Step::Resumed) => Action::AcceptResumed,
            (TaskKind::Accept, Step::Completed) => Action::AcceptCompleted,
            (TaskKind::Accept, Step::Failed) => Action::AcceptFailed,
            (TaskKind::Engage, Step::Started) => Action::EngageStarted,
            (TaskKind::Engage, Step::Resumed) => Action::EngageResumed,
            (TaskKind::Engage, Step::Completed) => Action::EngageCompleted,
            (TaskKind::Engage, Step::Failed) => Action::EngageFailed,
        }
    }
}

/// How it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Outcome {
    Succeeded,
    Failed,
}

/// One journal entry. Its JSON form uses the service's style of member names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Entry {
    pub time: DateTime<Utc>,
    pub action: Action,
    pub outcome: Outcome,
    pub invitation_id: Option<String>,
    /// The opportunity an engage started from.
    pub opportunity_id: Option<String>,
    pub client_token: Option<String>,
    pub task_id: Option<String>,
    /// The reason of a reject, the opportunity of an accept, the engagement of an engage, the
    /// error of a failure.
    pub detail: Option<String>,
    pub endpoint: String,
    pub identity: String,
    pub catalog: String,
}

impl Entry {
    /// An entry of `action` now; the origin is filled in when it is written.
    pub fn new(action: Action, outcome: Outcome, time: DateTime<Utc>) -> Self {
        Entry {
            time,
            action,
            outcome,
            invitation_id: None,
            opportunity_id: None,
            client_token: None,
            task_id: None,
            detail: None,
            endpoint: String::new(),
            identity: String::new(),
            catalog: String::new(),
        }
    }

    pub fn invitation(self, id: impl Into<String>) -> Self {
        Entry {
            invitation_id: Some(id.into()),
            ..self
        }
    }

    pub fn opportunity(self, id: impl Into<String>) -> Self {
        Entry {
            opportunity_id: Some(id.into()),
            ..self
        }
    }

    pub fn token(self, token: impl Into<String>) -> Self {
        Entry {
            client_token: Some(token.into()),
            ..self
        }
    }

    pub fn task(self, task_id: Option<String>) -> Self {
        Entry { task_id, ..self }
    }

    pub fn detail(self, detail: Option<String>) -> Self {
        Entry { detail, ..self }
    }

    /// An entry about the task of `kind` on `subject` (its invitation or opportunity) taking
    /// `step`.
    pub fn of_task(
        kind: TaskKind,
        step: Step,
        outcome: Outcome,
        time: DateTime<Utc>,
        subject: &str,
    ) -> Self {
        let entry = Entry::new(Action::of_task(kind, step), outcome, time);
        match kind {
            TaskKind::Accept => entry.invitation(subject),
            TaskKind::Engage => entry.opportunity(subject),
        }
    }

    /// With what the task made, when it has: the opportunity of an accept, the engagement of
    /// an engage (in the detail).
    pub fn made_by(self, task: &Task) -> Self {
        match (task.kind, task.made()) {
            (TaskKind::Accept, Some(opportunity)) => self.opportunity(opportunity),
            (TaskKind::Engage, Some(engagement)) => {
                self.detail(Some(format!("engagement {engagement}")))
            }
            (_, None) => self,
        }
    }
}
