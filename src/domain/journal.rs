//! The journal's entries: every action taken, by whom, where, with which client token and task,
//! and how it ended.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// What was done: one row per change of an action's state. A task picked up again (a rerun, a
/// restart, a retry with the same client token) is `…Resumed`, never a second `…Started`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

impl Action {
    /// Its stored and printed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::AcceptStarted => "AcceptStarted",
            Action::AcceptResumed => "AcceptResumed",
            Action::AcceptCompleted => "AcceptCompleted",
            Action::AcceptFailed => "AcceptFailed",
            Action::Reject => "Reject",
            Action::Create => "Create",
            Action::EngageStarted => "EngageStarted",
            Action::EngageResumed => "EngageResumed",
            Action::EngageCompleted => "EngageCompleted",
            Action::EngageFailed => "EngageFailed",
        }
    }

    /// The action of a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Action::AcceptStarted,
            Action::AcceptResumed,
            Action::AcceptCompleted,
            Action::AcceptFailed,
            Action::Reject,
            Action::Create,
            Action::EngageStarted,
            Action::EngageResumed,
            Action::EngageCompleted,
            Action::EngageFailed,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
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
}
