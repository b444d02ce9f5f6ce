use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

use super::{deserialize_by_name, Enrichment, Payload};

/// Which side of an invitation we are on: `RECEIVER` (received) or `SENDER` (sent).
///
/// Its serde form is a config view's `side` value: `received` or `sent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Participant {
    Received,
    Sent,
}

impl Participant {
    /// The service's `ParticipantType` value.
    pub fn as_wire(self) -> &'static str {
        match self {
            Participant::Received => "RECEIVER",
            Participant::Sent => "SENDER",
        }
    }

    /// Parses the service's value.
    pub fn from_wire(s: &str) -> Option<Self> {
        match s {
            "RECEIVER" => Some(Participant::Received),
            "SENDER" => Some(Participant::Sent),
            _ => None,
        }
    }
}

/// Lifecycle of an invitation.
///
/// The config file (`status = ["pending"]`) and the command line (`--status pending`) name the
/// four known statuses in lower case: that is its serde form and its [`clap::ValueEnum`]. The
/// service's value (`PENDING`) is [`InvitationStatus::as_wire`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Rejected,
    Expired,
    /// A value this build does not know yet.
    Unknown(String),
}

impl InvitationStatus {
    /// The four statuses the service documents.
    pub const ALL: [InvitationStatus; 4] = [
        InvitationStatus::Pending,
        InvitationStatus::Accepted,
        InvitationStatus::Rejected,
        InvitationStatus::Expired,
    ];

    /// The service's `InvitationStatus` value.
    pub fn as_wire(&self) -> &str {
        match self {
            InvitationStatus::Pending => "PENDING",
            InvitationStatus::Accepted => "ACCEPTED",
            InvitationStatus::Rejected => "REJECTED",
            InvitationStatus::Expired => "EXPIRED",
            InvitationStatus::Unknown(s) => s,
        }
    }

    /// Parses the service's value; anything unrecognised is kept as `Unknown`.
    pub fn from_wire(s: &str) -> Self {
        match s {
            "PENDING" => InvitationStatus::Pending,
            "ACCEPTED" => InvitationStatus::Accepted,
            "REJECTED" => InvitationStatus::Rejected,
            "EXPIRED" => InvitationStatus::Expired,
            other => InvitationStatus::Unknown(other.to_string()),
        }
    }
}

/// [`InvitationStatus::ALL`] as a static, for [`clap::ValueEnum::value_variants`].
static KNOWN_STATUSES: [InvitationStatus; 4] = InvitationStatus::ALL;

impl clap::ValueEnum for InvitationStatus {
    fn value_variants<'a>() -> &'a [Self] {
        &KNOWN_STATUSES
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let name = match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Accepted => "accepted",
            InvitationStatus::Rejected => "rejected",
            InvitationStatus::Expired => "expired",
            InvitationStatus::Unknown(_) => return None,
        };
        Some(clap::builder::PossibleValue::new(name))
    }
}

impl<'de> Deserialize<'de> for InvitationStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_by_name(d)
    }
}

/// What an invitation carries: an opportunity or a lead.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PayloadKind {
    Opportunity,
    Lead,
    AccountPlanning,
    Unknown(String),
}

impl PayloadKind {
    /// The service's `EngagementInvitationPayloadType` value.
    pub fn as_wire(&self) -> &str {
        match self {
            PayloadKind::Opportunity => "OpportunityInvitation",
            PayloadKind::Lead => "LeadInvitation",
            PayloadKind::AccountPlanning => "AccountPlanningInvitation",
            PayloadKind::Unknown(s) => s,
        }
    }

    /// Parses the service's value; anything unrecognised is kept as `Unknown`.
    pub fn from_wire(s: &str) -> Self {
        match s {
            "OpportunityInvitation" => PayloadKind::Opportunity,
            "LeadInvitation" => PayloadKind::Lead,
            "AccountPlanningInvitation" => PayloadKind::AccountPlanning,
            other => PayloadKind::Unknown(other.to_string()),
        }
    }
}

/// The AWS account an invitation goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receiver {
    pub account_id: String,
    pub alias: Option<String>,
}

/// One row of ListEngagementInvitations. Summaries carry no customer, project or spend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InvitationSummary {
    pub id: String,
    pub arn: Option<String>,
    pub catalog: String,
    pub participant: Option<Participant>,
    pub status: Option<InvitationStatus>,
    pub payload_kind: Option<PayloadKind>,
    pub engagement_id: Option<String>,
    pub engagement_title: Option<String>,
    pub invitation_date: Option<DateTime<Utc>>,
    pub expiration_date: Option<DateTime<Utc>>,
    pub sender_account_id: Option<String>,
    pub sender_company: Option<String>,
    pub receiver: Option<Receiver>,
}

/// A company already in the engagement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub company_name: Option<String>,
    pub website_url: Option<String>,
}

/// Everything GetEngagementInvitation returns.
#[derive(Debug, Clone, PartialEq)]
pub struct InvitationDetail {
    /// The fields a summary also has (`participant` is not part of the detail and stays `None`).
    pub summary: InvitationSummary,
    pub rejection_reason: Option<String>,
    pub message: Option<String>,
    pub engagement_description: Option<String>,
    pub existing_members: Vec<Member>,
    pub payload: Payload,
    pub enrichment: Option<Enrichment>,
}

impl InvitationDetail {
    /// The end customer's company, for either payload.
    pub fn customer_name(&self) -> Option<&str> {
        match &self.payload {
            Payload::Opportunity(o) => Some(o.customer.company_name.as_str()),
            Payload::Lead(l) => Some(l.customer.company_name.as_str()),
            Payload::AccountPlanning(a) => a.customer.as_ref().map(|c| c.company_name.as_str()),
            Payload::Other { .. } | Payload::Unknown => None,
        }
    }
}
