//! Engagement invitations: summaries, the whole invitation with its payload, and a new one.

use serde::{Deserialize, Serialize};

use super::{
    optional, AccountPlanningInvitationPayload, ChannelRecommendation, LeadInvitationPayload,
    OpportunityInvitationPayload, Timestamp,
};
use crate::domain::{InvitationStatus, Participant, PayloadKind};

/// The members an `EngagementInvitationSummary` and a `GetEngagementInvitationResponse` share.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InvitationCommon {
    pub arn: Option<String>,
    #[serde(default, with = "optional")]
    pub payload_type: Option<PayloadKind>,
    pub id: String,
    pub engagement_id: Option<String>,
    pub engagement_title: Option<String>,
    #[serde(default, with = "optional")]
    pub status: Option<InvitationStatus>,
    pub invitation_date: Option<Timestamp>,
    pub expiration_date: Option<Timestamp>,
    pub sender_aws_account_id: Option<String>,
    pub sender_company_name: Option<String>,
    pub receiver: Option<Receiver>,
    pub catalog: String,
}

/// `EngagementInvitationSummary`: one row of ListEngagementInvitations.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EngagementInvitationSummary {
    #[serde(flatten)]
    pub common: InvitationCommon,
    #[serde(default, with = "optional")]
    pub participant_type: Option<Participant>,
}

/// `GetEngagementInvitationResponse`: a whole invitation.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetEngagementInvitationResponse {
    #[serde(flatten)]
    pub common: InvitationCommon,
    pub rejection_reason: Option<String>,
    pub payload: Option<Payload>,
    pub invitation_message: Option<String>,
    pub engagement_description: Option<String>,
    #[serde(default)]
    pub existing_members: Vec<EngagementMemberSummary>,
    pub enrichment_context: Option<EnrichmentContext>,
}

/// `ListEngagementInvitationsResponse`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementInvitationsResponse {
    pub engagement_invitation_summaries: Vec<EngagementInvitationSummary>,
    pub next_token: Option<String>,
}

/// `Receiver` (a union): who an invitation goes to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Receiver {
    Account(AccountReceiver),
}

/// `AccountReceiver`: an AWS account.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccountReceiver {
    pub alias: Option<String>,
    pub aws_account_id: String,
}

/// `Payload` (a union): what an invitation carries. A member this build does not know is
/// kept as sent, under its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "UnionMember", into = "UnionMember")]
pub enum Payload {
    OpportunityInvitation(OpportunityInvitationPayload),
    LeadInvitation(LeadInvitationPayload),
    AccountPlanningInvitation(AccountPlanningInvitationPayload),
    /// A member of the union this build does not know, with its JSON.
    Other(String, serde_json::Value),
}

impl Payload {
    /// The invitation's `PayloadType`: the union member's name.
    pub fn kind(&self) -> PayloadKind {
        match self {
            Payload::OpportunityInvitation(_) => PayloadKind::Opportunity,
            Payload::LeadInvitation(_) => PayloadKind::Lead,
            Payload::AccountPlanningInvitation(_) => PayloadKind::AccountPlanning,
            Payload::Other(name, _) => PayloadKind::from_wire(name),
        }
    }
}

/// A union as JSON: an object with exactly one member set.
#[derive(Serialize, Deserialize)]
struct UnionMember(serde_json::Map<String, serde_json::Value>);

impl TryFrom<UnionMember> for Payload {
    type Error = String;

    fn try_from(UnionMember(members): UnionMember) -> Result<Self, String> {
        let mut members = members.into_iter();
        let (Some((name, value)), None) = (members.next(), members.next()) else {
            return Err("a union must have exactly one member set".into());
        };
        let parsed = |e: serde_json::Error| format!("{name}: {e}");
        Ok(match name.as_str() {
            "OpportunityInvitation" => {
                Payload::OpportunityInvitation(serde_json::from_value(value).map_err(parsed)?)
            }
            "LeadInvitation" => {
                Payload::LeadInvitation(serde_json::from_value(value).map_err(parsed)?)
            }
            "AccountPlanningInvitation" => {
                Payload::AccountPlanningInvitation(serde_json::from_value(value).map_err(parsed)?)
            }
            _ => Payload::Other(name, value),
        })
    }
}

impl From<Payload> for UnionMember {
    fn from(payload: Payload) -> Self {
        let json = |value: Result<serde_json::Value, serde_json::Error>| {
            value.expect("payloads serialize")
        };
        let (name, value) = match payload {
            Payload::OpportunityInvitation(o) => (
                "OpportunityInvitation".to_string(),
                json(serde_json::to_value(o)),
            ),
            Payload::LeadInvitation(l) => {
                ("LeadInvitation".to_string(), json(serde_json::to_value(l)))
            }
            Payload::AccountPlanningInvitation(a) => (
                "AccountPlanningInvitation".to_string(),
                json(serde_json::to_value(a)),
            ),
            Payload::Other(name, value) => (name, value),
        };
        UnionMember([(name, value)].into_iter().collect())
    }
}

/// `EngagementMemberSummary`: a company already in the engagement.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EngagementMemberSummary {
    pub company_name: Option<String>,
    pub website_url: Option<String>,
}

/// `EnrichmentContext`: AWS's insights attached to an invitation.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EnrichmentContext {
    pub prospecting_result_aws: Option<InvitationProspectingResultAws>,
    pub lead_insights: Option<LeadInsights>,
}

/// `InvitationProspectingResultAws`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InvitationProspectingResultAws {
    pub customer: Option<ProspectingResultCustomer>,
    pub insights: Option<ProspectingInsights>,
}

/// `ProspectingResultCustomer`: who AWS thinks the customer is.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProspectingResultCustomer {
    pub account_name: Option<String>,
    pub geo: Option<String>,
    pub region: Option<String>,
    pub sub_region: Option<String>,
    pub country: Option<String>,
    pub industry: Option<String>,
    pub sub_industry: Option<String>,
    pub segment: Option<String>,
    pub company_size: Option<String>,
    pub eligible_programs: Option<Vec<String>>,
    pub public_profile_summary: Option<String>,
}

/// `ProspectingInsights`: how good the fit looks.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProspectingInsights {
    pub marketplace_engagement_score: Option<String>,
    pub solution_score: Option<String>,
    pub solution_category: Option<String>,
    pub solution_sub_category: Option<String>,
}

/// `LeadInsights`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LeadInsights {
    pub lead_readiness_score: Option<String>,
    pub channel_recommendation: Option<ChannelRecommendation>,
}

/// `CreateEngagementInvitationRequest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateEngagementInvitationRequest {
    pub catalog: String,
    pub client_token: String,
    pub engagement_identifier: String,
    pub invitation: Invitation,
}

/// `Invitation`: the new invitation in a CreateEngagementInvitationRequest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Invitation {
    pub message: String,
    pub receiver: Receiver,
    pub payload: Payload,
}

/// `CreateEngagementInvitationResponse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateEngagementInvitationResponse {
    pub id: String,
    pub arn: String,
}
