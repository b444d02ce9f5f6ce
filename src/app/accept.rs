//! Accepting invitations: client tokens (one per invitation until its task ends), task
//! progress, and what survives a restart.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::domain::{SavedAccepts, SavedTask};

/// What an accept is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AcceptPhase {
    /// The StartEngagementByAcceptingInvitationTask call is out.
    Starting,
    /// The task is IN_PROGRESS; `polls` polls done so far.
    Running {
        task_id: String,
        polls: u32,
        last_error: Option<String>,
    },
    Complete {
        opportunity_id: Option<String>,
    },
    Failed {
        reason_code: Option<String>,
        message: Option<String>,
    },
    /// The start call failed, or an earlier run stopped before the service answered; pressing
    /// `a` again reuses the same client token.
    Interrupted {
        error: String,
    },
}

impl AcceptPhase {
    /// True while the service is working on it.
    pub fn is_active(&self) -> bool {
        matches!(self, AcceptPhase::Starting | AcceptPhase::Running { .. })
    }

    /// True when the client token must be kept (a new start with it is safe and idempotent).
    fn keeps_token(&self) -> bool {
        matches!(
            self,
            AcceptPhase::Starting | AcceptPhase::Running { .. } | AcceptPhase::Interrupted { .. }
        )
    }
}

/// One invitation being accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accept {
    pub client_token: String,
    pub title: Option<String>,
    pub started: DateTime<Utc>,
    pub phase: AcceptPhase,
    /// The start goes out with a token used before (a retry, or a run before this one): the
    /// journal says resumed, not started.
    pub resumed: bool,
}

/// All accepts of this run, by invitation id.
#[derive(Debug, Clone, Default)]
pub struct Accepts {
    map: BTreeMap<String, Accept>,
    /// Makes client tokens unique: a per-run random id and a counter.
    session: String,
    counter: u64,
}

impl Accepts {
    /// Accepts restored from a saved file; `session` must differ between runs.
    pub fn restore(saved: SavedAccepts, session: String) -> Self {
        let map = saved
            .invitations
            .into_iter()
            .map(|(id, s)| {
                let phase = match s.task_id {
                    Some(task_id) => AcceptPhase::Running {
                        task_id,
                        polls: 0,
                        last_error: None,
                    },
                    None => AcceptPhase::Interrupted {
                        error: "pc-inbox stopped before the service confirmed the accept".into(),
                    },
                };
                (
                    id,
                    Accept {
                        client_token: s.client_token,
                        title: s.title,
                        started: s.started,
                        phase,
                        resumed: true,
                    },
                )
            })
            .collect();
        Accepts {
            map,
            session,
            counter: 0,
        }
    }

    pub fn get(&self, invitation_id: &str) -> Option<&Accept> {
        self.map.get(invitation_id)
    }

    pub fn get_mut(&mut self, invitation_id: &str) -> Option<&mut Accept> {
        self.map.get_mut(invitation_id)
    }

    /// Starts (or restarts) an accept: reuses the token of an unfinished one, else a new token.
    pub fn begin(
        &mut self,
        invitation_id: &str,
        title: Option<String>,
        now: DateTime<Utc>,
    ) -> String {
        let reused = match self.map.get(invitation_id) {
            Some(a) if a.phase.keeps_token() => Some(a.client_token.clone()),
            _ => None,
        };
        let resumed = reused.is_some();
        let token = reused.unwrap_or_else(|| {
            self.counter += 1;
            format!("pc-inbox-{}-{}", self.session, self.counter)
        });
        self.map.insert(
            invitation_id.to_string(),
            Accept {
                client_token: token.clone(),
                title,
                started: now,
                phase: AcceptPhase::Starting,
                resumed,
            },
        );
        token
    }

    /// Tracks a task found on the service that this run did not start.
    pub fn adopt(&mut self, invitation_id: &str, task_id: String, started: DateTime<Utc>) -> bool {
        if self
            .map
            .get(invitation_id)
            .is_some_and(|a| a.phase.is_active())
        {
            return false;
        }
        self.map.insert(
            invitation_id.to_string(),
            Accept {
                client_token: String::new(),
                title: None,
                started,
                phase: AcceptPhase::Running {
                    task_id,
                    polls: 0,
                    last_error: None,
                },
                resumed: true,
            },
        );
        true
    }

    /// Invitations whose task is running, with the task id.
    pub fn running(&self) -> impl Iterator<Item = (&String, &String)> {
        self.map.iter().filter_map(|(id, a)| match &a.phase {
            AcceptPhase::Running { task_id, .. } => Some((id, task_id)),
            _ => None,
        })
    }

    /// Accepts the service is still working on.
    pub fn active(&self) -> impl Iterator<Item = (&String, &Accept)> {
        self.map.iter().filter(|(_, a)| a.phase.is_active())
    }

    /// What must survive a restart: every accept whose token is still needed.
    pub fn saved(&self) -> SavedAccepts {
        SavedAccepts {
            invitations: self
                .map
                .iter()
                .filter(|(_, a)| a.phase.keeps_token() && !a.client_token.is_empty())
                .map(|(id, a)| {
                    let task_id = match &a.phase {
                        AcceptPhase::Running { task_id, .. } => Some(task_id.clone()),
                        _ => None,
                    };
                    (
                        id.clone(),
                        SavedTask {
                            client_token: a.client_token.clone(),
                            task_id,
                            title: a.title.clone(),
                            started: a.started,
                        },
                    )
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_reused_until_the_task_ends() {
        let now = Utc::now();
        let mut a = Accepts::restore(SavedAccepts::default(), "s".into());
        let t1 = a.begin("engi-1", None, now);
        a.get_mut("engi-1").unwrap().phase = AcceptPhase::Interrupted {
            error: "network".into(),
        };
        assert!(!a.get("engi-1").unwrap().resumed);
        assert_eq!(
            a.begin("engi-1", None, now),
            t1,
            "a retry after a failed call reuses the token"
        );
        assert!(a.get("engi-1").unwrap().resumed, "and is a resume");
        a.get_mut("engi-1").unwrap().phase = AcceptPhase::Failed {
            reason_code: None,
            message: None,
        };
        assert_ne!(
            a.begin("engi-1", None, now),
            t1,
            "after a FAILED task a retry needs a new token"
        );
        assert_ne!(a.begin("engi-2", None, now), t1);
    }

    #[test]
    fn saves_unfinished_accepts_and_restores_them() {
        let now = Utc::now();
        let mut a = Accepts::restore(SavedAccepts::default(), "s".into());
        let token = a.begin("engi-1", Some("T".into()), now);
        a.get_mut("engi-1").unwrap().phase = AcceptPhase::Running {
            task_id: "task-1".into(),
            polls: 3,
            last_error: None,
        };
        a.begin("engi-2", None, now);
        a.get_mut("engi-2").unwrap().phase = AcceptPhase::Complete {
            opportunity_id: Some("O1".into()),
        };
        let saved = a.saved();
        assert_eq!(saved.invitations.len(), 1);
        let restored = Accepts::restore(saved, "t".into());
        assert_eq!(restored.get("engi-1").unwrap().client_token, token);
        assert_eq!(
            restored.running().collect::<Vec<_>>(),
            [(&"engi-1".to_string(), &"task-1".to_string())]
        );
    }
}
