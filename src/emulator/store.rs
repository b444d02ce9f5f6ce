//! The emulator's in-memory state: invitations, engagements, tasks and opportunities per
//! catalog, and how each record reads on the wire at a given moment.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, SecondsFormat, SubsecRound, Utc};
use serde::Deserialize;

use super::accepted;
use super::accounts::Accounts;
use super::arrivals::Arrivals;
use super::index::Invitations;
use super::members::{self, Member};
use super::opportunities::Opportunities;
use super::paging::SortKey;
use super::seed::SeedData;
use super::submissions;
use super::tasks::{Task, Tasks};
use crate::domain::{Catalog, InvitationStatus, Participant, TaskKind};
use crate::wire::{self, Timestamp};

/// Why a task fails: as the seed dictates for an accept, by the submission rules for a
/// submission.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Failure {
    pub reason_code: String,
    pub message: String,
}

/// The ReasonCode of an accept task whose invitation expires before the task finishes.
pub const EXPIRED_REASON: &str = "EngagementInvitationConflict";

/// One engagement invitation, from its sender to its receiver: the same record whichever of
/// them reads it.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: Arc<str>,
    /// The stored status; a pending invitation past its expiry reads as expired.
    pub status: InvitationStatus,
    pub invitation_date: DateTime<Utc>,
    pub expiration_date: Option<DateTime<Utc>>,
    pub engagement_id: Arc<str>,
    pub engagement_title: String,
    pub engagement_description: Option<String>,
    pub sender_account: Arc<str>,
    pub sender_company: String,
    pub receiver: wire::Receiver,
    pub message: Option<String>,
    pub rejection_reason: Option<String>,
    pub payload: wire::Payload,
    pub existing_members: Vec<wire::EngagementMemberSummary>,
    pub enrichment: Option<wire::EnrichmentContext>,
    /// Set when accepting this invitation must fail.
    pub accept_failure: Option<Failure>,
}

impl Invitation {
    /// Where it sits in a listing.
    pub fn key(&self) -> SortKey {
        (self.invitation_date.timestamp_millis(), self.id.clone())
    }

    /// The AWS account id of the receiver.
    pub fn receiver_account(&self) -> &str {
        let wire::Receiver::Account(receiver) = &self.receiver;
        &receiver.aws_account_id
    }

    /// Whether `account` sent or received it; `None` when it is neither.
    pub fn participant_for(&self, account: &str) -> Option<Participant> {
        if *self.sender_account == *account {
            Some(Participant::Sent)
        } else if self.receiver_account() == account {
            Some(Participant::Received)
        } else {
            None
        }
    }

    /// The status as the service reports it at `now`.
    pub fn status_at(&self, now: DateTime<Utc>) -> InvitationStatus {
        match self.expiration_date {
            Some(expiry) if self.status == InvitationStatus::Pending && expiry <= now => {
                InvitationStatus::Expired
            }
            _ => self.status.clone(),
        }
    }

    /// How an accept task finishing at `finishes_at` fails if the invitation expires by then.
    pub fn expired_by(&self, finishes_at: DateTime<Utc>) -> Option<Failure> {
        let expiry = self.expiration_date.filter(|e| *e <= finishes_at)?;
        Some(Failure {
            reason_code: EXPIRED_REASON.to_string(),
            message: format!(
                "Invitation '{}' expired at {} before it could be accepted",
                self.id,
                expiry.to_rfc3339_opts(SecondsFormat::Secs, true)
            ),
        })
    }

    /// The invitation's ARN in a catalog.
    pub fn arn(&self, catalog: Catalog, account: &str) -> String {
        format!(
            "arn:aws:partnercentral::{account}:{}/engagement-invitation/{}",
            catalog.as_str(),
            self.id
        )
    }

    fn common(
        &self,
        catalog: Catalog,
        account: &str,
        now: DateTime<Utc>,
    ) -> wire::InvitationCommon {
        wire::InvitationCommon {
            arn: Some(self.arn(catalog, account)),
            payload_type: Some(self.payload.kind()),
            id: self.id.to_string(),
            engagement_id: Some(self.engagement_id.to_string()),
            engagement_title: Some(self.engagement_title.clone()),
            status: Some(self.status_at(now)),
            invitation_date: Some(Timestamp(self.invitation_date)),
            expiration_date: self.expiration_date.map(Timestamp),
            sender_aws_account_id: Some(self.sender_account.to_string()),
            sender_company_name: Some(self.sender_company.clone()),
            receiver: Some(self.receiver.clone()),
            catalog: catalog.as_str().to_string(),
        }
    }

    /// Its `EngagementInvitationSummary`, as `account` lists it.
    pub fn summary(
        &self,
        catalog: Catalog,
        account: &str,
        now: DateTime<Utc>,
    ) -> wire::EngagementInvitationSummary {
        wire::EngagementInvitationSummary {
            common: self.common(catalog, account, now),
            participant_type: self.participant_for(account),
        }
    }

    /// Its `GetEngagementInvitationResponse`.
    pub fn detail(
        &self,
        catalog: Catalog,
        account: &str,
        now: DateTime<Utc>,
    ) -> wire::GetEngagementInvitationResponse {
        wire::GetEngagementInvitationResponse {
            common: self.common(catalog, account, now),
            rejection_reason: self.rejection_reason.clone(),
            payload: Some(self.payload.clone()),
            invitation_message: self.message.clone(),
            engagement_description: self.engagement_description.clone(),
            existing_members: self.existing_members.clone(),
            enrichment_context: self.enrichment.clone(),
        }
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
    pub members: Vec<Member>,
    pub modified_at: DateTime<Utc>,
    pub context_types: Vec<String>,
    pub contexts: Vec<wire::EngagementContextDetails>,
}

impl Engagement {
    /// The engagement's ARN in a catalog.
    pub fn arn(&self, catalog: Catalog, account: &str) -> String {
        format!(
            "arn:aws:partnercentral:us-east-1:{account}:catalog/{}/engagement/{}",
            catalog.as_str(),
            self.id
        )
    }

    fn common(&self, catalog: Catalog, account: &str) -> wire::EngagementCommon {
        wire::EngagementCommon {
            arn: Some(self.arn(catalog, account)),
            id: self.id.clone(),
            title: Some(self.title.clone()),
            created_at: Some(Timestamp(self.created_at)),
            created_by: Some(self.created_by.clone()),
            member_count: Some(self.members.len() as i32),
            modified_at: Some(Timestamp(self.modified_at)),
            modified_by: Some(self.created_by.clone()),
        }
    }

    /// Its `EngagementSummary`.
    pub fn summary(&self, catalog: Catalog, account: &str) -> wire::EngagementSummary {
        wire::EngagementSummary {
            common: self.common(catalog, account),
            context_types: self.context_types.clone(),
        }
    }

    /// Its `GetEngagementResponse`.
    pub fn detail(&self, catalog: Catalog, account: &str) -> wire::GetEngagementResponse {
        wire::GetEngagementResponse {
            common: self.common(catalog, account),
            description: self.description.clone(),
            contexts: self.contexts.clone(),
        }
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
pub struct CatalogData {
    pub invitations: Invitations,
    pub engagements: HashMap<String, Engagement>,
    /// Accept and submission tasks.
    pub tasks: Tasks,
    pub accept_tokens: HashMap<String, Idempotent>,
    pub submission_tokens: HashMap<String, Idempotent>,
    pub invitation_tokens: HashMap<String, Idempotent>,
    pub engagement_tokens: HashMap<String, Idempotent>,
    pub context_tokens: HashMap<String, Idempotent>,
    pub opportunities: Opportunities,
    pub opportunity_tokens: HashMap<String, Idempotent>,
}

impl CatalogData {
    /// Whether a task has finished by `now` whose outcome [`settle`](Self::settle) has yet to
    /// apply.
    pub fn unsettled(&self, now: DateTime<Utc>) -> bool {
        self.tasks.unsettled(now)
    }

    /// Applies the outcome of every task that has finished by `now`, as of the moment it
    /// finished: a completed accept accepts its invitation, adds its account to the engagement
    /// and creates its opportunity; a completed submission makes its engagement (see
    /// [`submissions::settle`]).
    pub fn settle(&mut self, now: DateTime<Utc>) {
        for task in self.tasks.settle(now) {
            match task.kind {
                TaskKind::Accept => self.accepted(&task),
                TaskKind::Engage => {
                    submissions::settle(&task, &mut self.opportunities, &mut self.engagements)
                }
            }
        }
    }

    fn accepted(&mut self, task: &Task) {
        self.invitations.update(&task.subject, |i| {
            i.status = InvitationStatus::Accepted;
        });
        if let Some(invitation) = self.invitations.get(&task.subject) {
            let at = millis(task.finishes_at);
            if let Some(opportunity) = accepted::opportunity(invitation, &task.made, at) {
                self.opportunities.insert(opportunity);
            }
            if let Some(e) = self.engagements.get_mut(&*invitation.engagement_id) {
                members::join(&mut e.members, task.member.clone());
            }
        }
    }

    /// Adds a seed invitation; one an emulated account has accepted comes with its
    /// opportunity.
    fn add_seed_invitation(
        &mut self,
        invitation: Invitation,
        accounts: &Accounts,
        now: DateTime<Utc>,
    ) {
        if invitation.status == InvitationStatus::Accepted
            && accounts.get(invitation.receiver_account()).is_some()
        {
            if let Some(opportunity) = accepted::seeded(&invitation, now) {
                self.opportunities.insert(opportunity);
            }
        }
        self.invitations.insert(Arc::new(invitation));
    }

    /// Whether an opportunity, or an accept task's future one, has this id.
    fn has_opportunity(&self, id: &str) -> bool {
        self.opportunities.get(id).is_some()
            || self.tasks.of(TaskKind::Accept).any(|t| t.made == id)
    }
}

/// All state of a running emulator.
pub struct Store {
    pub accounts: Accounts,
    pub accept_delay: Duration,
    /// Invitations that arrive as time passes, if any do.
    pub arrivals: Option<Arrivals>,
    /// What every catalog starts with.
    seed: CatalogData,
    /// The catalogs that differ from `seed`: each written to so far, a copy of the seed at its
    /// first write, and Sandbox from the start when the seed has Sandbox-only invitations. The
    /// copies share every invitation they have not changed.
    changed: HashMap<Catalog, CatalogData>,
    counter: u64,
}

impl Store {
    /// Every catalog starts with the same seed data, in which each invitation accepted before
    /// `now` has its opportunity; the Sandbox catalog also has the seed's Sandbox-only
    /// invitations.
    pub fn new(seed: SeedData, accept_delay: Duration, now: DateTime<Utc>) -> Self {
        let ids: Vec<&str> = seed
            .accounts
            .iter()
            .map(|a| a.aws_account_id.as_str())
            .collect();
        let mut data = CatalogData {
            invitations: Invitations::new(&ids),
            engagements: seed
                .engagements
                .into_iter()
                .map(|e| (e.id.clone(), e))
                .collect(),
            ..CatalogData::default()
        };
        for invitation in seed.invitations {
            data.add_seed_invitation(invitation, &seed.accounts, now);
        }
        for opportunity in seed.opportunities {
            data.opportunities.insert(opportunity);
        }
        let mut changed = HashMap::new();
        if !seed.sandbox_invitations.is_empty() {
            let mut sandbox = data.clone();
            for invitation in seed.sandbox_invitations {
                sandbox.add_seed_invitation(invitation, &seed.accounts, now);
            }
            changed.insert(Catalog::Sandbox, sandbox);
        }
        Store {
            accounts: seed.accounts,
            accept_delay,
            arrivals: None,
            seed: data,
            changed,
            counter: 0,
        }
    }

    /// Whether `catalog` has, at `now`, a finished task to settle or an invitation due to
    /// arrive.
    pub fn behind(&self, catalog: Catalog, now: DateTime<Utc>) -> bool {
        self.catalog(catalog).unsettled(now)
            || self.arrivals.as_ref().is_some_and(|a| a.due(catalog, now))
    }

    /// Brings `catalog` up to `now`: delivers the invitations due to arrive and settles the
    /// tasks that have finished.
    pub fn catch_up(&mut self, catalog: Catalog, now: DateTime<Utc>) {
        if let Some(arrivals) = &mut self.arrivals {
            let data = self
                .changed
                .entry(catalog)
                .or_insert_with(|| self.seed.clone());
            arrivals.deliver(catalog, data, &self.accounts, now);
        }
        self.catalog_mut(catalog).settle(now);
    }

    /// A catalog's data, to read.
    pub fn catalog(&self, catalog: Catalog) -> &CatalogData {
        self.changed.get(&catalog).unwrap_or(&self.seed)
    }

    /// A catalog's data, to change.
    pub fn catalog_mut(&mut self, catalog: Catalog) -> &mut CatalogData {
        self.changed
            .entry(catalog)
            .or_insert_with(|| self.seed.clone())
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

    /// A fresh opportunity id in `catalog`: `O` and ten digits.
    pub fn new_opportunity_id(&mut self, catalog: Catalog) -> String {
        loop {
            let id = format!("O{:010}", rand::random::<u32>() as u64 * 2 + 1_000_000_000);
            if !self.catalog(catalog).has_opportunity(&id) {
                return id;
            }
        }
    }
}

/// `t` cut to whole milliseconds, the precision of a timestamp on the wire, so that a date a
/// client read back compares equal.
pub fn millis(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(3)
}

/// The id at the end of an ARN, or the identifier itself.
pub fn resource_id(identifier: &str) -> &str {
    if identifier.starts_with("arn:") {
        identifier.rsplit('/').next().unwrap_or(identifier)
    } else {
        identifier
    }
}
