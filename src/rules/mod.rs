//! Triage rules: a TOML file of rules tried in order; the first whose conditions all hold
//! decides what to do with a pending received invitation (accept, or reject with a reason).
//! `pc-inbox triage --rules FILE` applies them; the inbox shows which rule matches a row.
//! The format is documented in the README; `assets/rules.example.toml` is an example.

mod conditions;
mod file;

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::domain::{InvitationDetail, InvitationStatus, Participant};

pub use conditions::{Conditions, Money, Sender};

/// What a rule does with the invitations it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleAction {
    Accept,
    Reject { reason: String },
}

impl RuleAction {
    /// `accept`, or `reject ("reason")`.
    pub fn describe(&self) -> String {
        match self {
            RuleAction::Accept => "accept".into(),
            RuleAction::Reject { reason } => format!("reject ({reason})"),
        }
    }
}

/// One named rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: String,
    pub when: Conditions,
    pub action: RuleAction,
}

/// A rules file, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rules {
    pub rules: Vec<Rule>,
}

/// Why rules do not apply to an invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Rules only act on invitations you received.
    Sent,
    /// Only a PENDING invitation can be accepted or rejected; this is its status.
    NotPending(String),
    /// No rule matches.
    NoRule,
}

impl Skip {
    /// Why, in a few words.
    pub fn describe(&self) -> String {
        match self {
            Skip::Sent => "sent by you".into(),
            Skip::NotPending(status) => format!("not pending ({status})"),
            Skip::NoRule => "no rule matches".into(),
        }
    }
}

impl Rules {
    /// Reads and checks a rules file; the error names the file, the rule and the key.
    pub fn load(path: &Path) -> Result<Rules, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the rules file {}: {e}", path.display()))?;
        file::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses rules from TOML text.
    pub fn parse(text: &str) -> Result<Rules, String> {
        file::parse(text)
    }

    /// The first rule that decides `detail` at `now`, or why none applies.
    /// `participant` is the side the invitation was listed on (details do not say).
    pub fn decide(
        &self,
        detail: &InvitationDetail,
        participant: Participant,
        now: DateTime<Utc>,
    ) -> Result<&Rule, Skip> {
        if participant != Participant::Received {
            return Err(Skip::Sent);
        }
        let status = detail
            .summary
            .status
            .clone()
            .unwrap_or(InvitationStatus::Unknown(String::new()));
        if status != InvitationStatus::Pending {
            return Err(Skip::NotPending(status.as_wire().to_string()));
        }
        self.rules
            .iter()
            .find(|r| r.when.matches(detail, now))
            .ok_or(Skip::NoRule)
    }
}

#[cfg(test)]
mod tests;
