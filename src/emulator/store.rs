//! The emulator's in-memory state: invitations, engagements and accept tasks per catalog, and
//! how each record reads on the wire at a given moment.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};

use super::seed::{SeedAccount, SeedData};
use super::wire::timestamp;

/// The catalogs Partner Central has.
pub const CATALOGS: [&str; 2] = ["AWS", "Sandbox"];

/// Why an accept task fails, as the seed dictates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub reason_code: String,
    pub message: String,
}

/// One engagement invitation, received or sent.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: String,
    /// `RECEIVER` or `SENDER`.
    pub participant: String,
    /// The stored status; a PENDING invitation past its expiry reads as EXPIRED.
    pub status: String,
    pub invitation_date: DateTime<Utc>,
    pub expiration_date: Option<DateTime<Utc>>,
    pub engagement_id: String,
    pub engagement_title: String,
    pub engagement_description: Option<String>,
    pub sender_account: String,
    pub sender_company: String,
    pub receiver: Value,
    pub message: Option<String>,
    pub rejection_reason: Option<String>,
    pub payload_type: String,
    pub payload: Value,
    pub existing_members: Vec<Value>,
    pub enrichment: Option<Value>,
    /// Set when accepting this invitation must fail.
    pub accept_failure: Option<Failure>,
}

fn put(obj: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        obj.insert(key.to_string(), v);
    }
}

impl Invitation {
    /// The status as the service reports it at `now`.
    pub fn status_at(&self, now: DateTime<Utc>) -> &str {
        match self.expiration_date {
            Some(expiry) if self.status == "PENDING" && expiry <= now => "EXPIRED",
            _ => &self.status,
        }
    }

    /// The invitation's ARN in a catalog.
    pub fn arn(&self, catalog: &str, account: &str) -> String {
        format!(
            "arn:aws:partnercentral::{account}:{catalog}/engagement-invitation/{}",
            self.id
        )
    }

    fn common_json(&self, catalog: &str, account: &str, now: DateTime<Utc>) -> Map<String, Value> {
        let mut o = Map::new();
        o.insert("Arn".into(), json!(self.arn(catalog, account)));
        o.insert("PayloadType".into(), json!(self.payload_type));
        o.insert("Id".into(), json!(self.id));
        o.insert("EngagementId".into(), json!(self.engagement_id));
        o.insert("EngagementTitle".into(), json!(self.engagement_title));
        o.insert("Status".into(), json!(self.status_at(now)));
        o.insert(
            "InvitationDate".into(),
            json!(timestamp(self.invitation_date)),
        );
        put(
            &mut o,
            "ExpirationDate",
            self.expiration_date.map(|d| json!(timestamp(d))),
        );
        o.insert("SenderAwsAccountId".into(), json!(self.sender_account));
        o.insert("SenderCompanyName".into(), json!(self.sender_company));
        o.insert("Receiver".into(), self.receiver.clone());
        o.insert("Catalog".into(), json!(catalog));
        o
    }

    /// An `EngagementInvitationSummary`.
    pub fn summary_json(&self, catalog: &str, account: &str, now: DateTime<Utc>) -> Value {
        let mut o = self.common_json(catalog, account, now);
        o.insert("ParticipantType".into(), json!(self.participant));
        Value::Object(o)
    }

    /// A `GetEngagementInvitationResponse`.
    pub fn detail_json(&self, catalog: &str, account: &str, now: DateTime<Utc>) -> Value {
        let mut o = self.common_json(catalog, account, now);
        put(
            &mut o,
            "RejectionReason",
            self.rejection_reason.as_ref().map(|r| json!(r)),
        );
        o.insert("Payload".into(), self.payload.clone());
        put(
            &mut o,
            "InvitationMessage",
            self.message.as_ref().map(|m| json!(m)),
        );
        put(
            &mut o,
            "EngagementDescription",
            self.engagement_description.as_ref().map(|d| json!(d)),
        );
        o.insert(
            "ExistingMembers".into(),
            Value::Array(self.existing_members.clone()),
        );
        put(&mut o, "EnrichmentContext", self.enrichment.clone());
        Value::Object(o)
    }
}

/// An engagement: the shared workspace invitations belong to.
#[derive(Debug, Clone)]
pub struct Engagement {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub member_count: i32,
    pub modified_at: DateTime<Utc>,
    pub context_types: Vec<String>,
    pub contexts: Vec<Value>,
}

impl Engagement {
    /// The engagement's ARN in a catalog.
    pub fn arn(&self, catalog: &str, account: &str) -> String {
        format!(
            "arn:aws:partnercentral:us-east-1:{account}:catalog/{catalog}/engagement/{}",
            self.id
        )
    }

    /// An `EngagementSummary`.
    pub fn summary_json(&self, catalog: &str, account: &str) -> Value {
        json!({
            "Arn": self.arn(catalog, account),
            "Id": self.id,
            "Title": self.title,
            "CreatedAt": timestamp(self.created_at),
            "CreatedBy": self.created_by,
            "MemberCount": self.member_count,
            "ModifiedAt": timestamp(self.modified_at),
            "ModifiedBy": self.created_by,
            "ContextTypes": self.context_types,
        })
    }

    /// A `GetEngagementResponse`.
    pub fn detail_json(&self, catalog: &str, account: &str) -> Value {
        let mut v = json!({
            "Id": self.id,
            "Arn": self.arn(catalog, account),
            "Title": self.title,
            "CreatedAt": timestamp(self.created_at),
            "CreatedBy": self.created_by,
            "MemberCount": self.member_count,
            "ModifiedAt": timestamp(self.modified_at),
            "ModifiedBy": self.created_by,
            "Contexts": self.contexts,
        });
        if let Some(d) = &self.description {
            v["Description"] = json!(d);
        }
        v
    }
}

/// A StartEngagementByAcceptingInvitationTask task. It is IN_PROGRESS until `finishes_at`.
#[derive(Debug, Clone)]
pub struct AcceptTask {
    pub id: String,
    pub invitation_id: String,
    pub start_time: DateTime<Utc>,
    pub finishes_at: DateTime<Utc>,
    pub failure: Option<Failure>,
    pub opportunity_id: String,
    /// True once the outcome has been applied to the invitation.
    pub settled: bool,
}

impl AcceptTask {
    /// `IN_PROGRESS`, `COMPLETE` or `FAILED` at `now`.
    pub fn status_at(&self, now: DateTime<Utc>) -> &'static str {
        match (now < self.finishes_at, &self.failure) {
            (true, _) => "IN_PROGRESS",
            (false, None) => "COMPLETE",
            (false, Some(_)) => "FAILED",
        }
    }

    /// The task's ARN in a catalog.
    pub fn arn(&self, catalog: &str, account: &str) -> String {
        format!("arn:aws:partnercentral:us-east-1:{account}:catalog/{catalog}/engagement-by-accepting-invitation-task/{}", self.id)
    }

    /// The members both the start response and the task summary have.
    pub fn json(&self, catalog: &str, account: &str, now: DateTime<Utc>) -> Value {
        let status = self.status_at(now);
        let mut o = Map::new();
        o.insert("TaskId".into(), json!(self.id));
        o.insert("TaskArn".into(), json!(self.arn(catalog, account)));
        o.insert("StartTime".into(), json!(timestamp(self.start_time)));
        o.insert("TaskStatus".into(), json!(status));
        o.insert("EngagementInvitationId".into(), json!(self.invitation_id));
        match (status, &self.failure) {
            ("COMPLETE", _) => {
                o.insert("OpportunityId".into(), json!(self.opportunity_id));
                o.insert(
                    "Message".into(),
                    json!("Engagement started and opportunity created"),
                );
            }
            ("FAILED", Some(f)) => {
                o.insert("ReasonCode".into(), json!(f.reason_code));
                o.insert("Message".into(), json!(f.message));
            }
            _ => {
                o.insert("Message".into(), json!("Accepting the invitation"));
            }
        }
        Value::Object(o)
    }
}

/// What a ClientToken was first used for, so a replay returns the same result.
#[derive(Debug, Clone)]
pub struct Idempotent {
    pub fingerprint: String,
    pub id: String,
}

/// One catalog's data.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub invitations: HashMap<String, Invitation>,
    pub engagements: HashMap<String, Engagement>,
    pub tasks: Vec<AcceptTask>,
    pub accept_tokens: HashMap<String, usize>,
    pub invitation_tokens: HashMap<String, Idempotent>,
    pub engagement_tokens: HashMap<String, Idempotent>,
}

impl Catalog {
    /// Applies the outcome of every task that has finished by `now`.
    pub fn settle(&mut self, now: DateTime<Utc>) {
        for task in self
            .tasks
            .iter_mut()
            .filter(|t| !t.settled && t.finishes_at <= now)
        {
            task.settled = true;
            if task.failure.is_none() {
                if let Some(inv) = self.invitations.get_mut(&task.invitation_id) {
                    inv.status = "ACCEPTED".to_string();
                }
            }
        }
    }
}

/// All state of a running emulator.
pub struct Store {
    pub account: SeedAccount,
    pub accept_delay: Duration,
    pub catalogs: HashMap<String, Catalog>,
    counter: u64,
}

impl Store {
    /// Every catalog starts with the same seed data.
    pub fn new(seed: SeedData, accept_delay: Duration) -> Self {
        let catalog = Catalog {
            invitations: seed
                .invitations
                .into_iter()
                .map(|i| (i.id.clone(), i))
                .collect(),
            engagements: seed
                .engagements
                .into_iter()
                .map(|e| (e.id.clone(), e))
                .collect(),
            ..Catalog::default()
        };
        Store {
            account: seed.account,
            accept_delay,
            catalogs: CATALOGS
                .iter()
                .map(|c| (c.to_string(), catalog.clone()))
                .collect(),
            counter: 0,
        }
    }

    /// A fresh id: `prefix` followed by `len` characters of `[0-9a-z]`.
    pub fn new_id(&mut self, prefix: &str, len: usize) -> String {
        self.counter += 1;
        let mut n = self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ rand::random::<u64>();
        let alphabet = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let tail: String = (0..len)
            .map(|_| {
                let c = alphabet[(n % 36) as usize] as char;
                n = n / 36 + rand::random::<u8>() as u64;
                c
            })
            .collect();
        format!("{prefix}{tail}")
    }

    /// A fresh opportunity id: `O` and ten digits.
    pub fn new_opportunity_id(&mut self) -> String {
        format!("O{:010}", rand::random::<u32>() as u64 * 2 + 1_000_000_000)
    }
}

/// The id at the end of an ARN, or the identifier itself.
pub fn resource_id(identifier: &str) -> &str {
    if identifier.starts_with("arn:") {
        identifier.rsplit('/').next().unwrap_or(identifier)
    } else {
        identifier
    }
}
