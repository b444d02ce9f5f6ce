//! Engagement invitations: summaries, the whole invitation with its payload, and a new one.

use serde::{Deserialize, Serialize};

use super::{optional, LeadInvitationPayload, OpportunityInvitationPayload, Timestamp};
use crate::domain::{InvitationStatus, Participant, PayloadKind};

/// The members an `EngagementInvitationSummary` and a `GetEngagementInvitationResponse` share.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InvitationCommon {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(default, with = "optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload_type: Option<PayloadKind>,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engagement_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engagement_title: Option<String>,
    #[serde(default, with = "optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<InvitationStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invitation_date: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_aws_account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_company_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receiver: Option<Receiver>,
    pub catalog: String,
}

/// `EngagementInvitationSummary`: one row of ListEngagementInvitations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EngagementInvitationSummary {
    #[serde(flatten)]
    pub common: InvitationCommon,
    #[serde(default, with = "optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant_type: Option<Participant>,
}

/// `GetEngagementInvitationResponse`: a whole invitation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetEngagementInvitationResponse {
    #[serde(flatten)]
    pub common: InvitationCommon,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<Payload>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invitation_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engagement_description: Option<String>,
    #[serde(default)]
    pub existing_members: Vec<EngagementMemberSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrichment_context: Option<EnrichmentContext>,
}

/// `ListEngagementInvitationsResponse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementInvitationsResponse {
    pub engagement_invitation_summaries: Vec<EngagementInvitationSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `Receiver` (a union): who an invitation goes to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Receiver {
    Account(AccountReceiver),
}

/// `AccountReceiver`: an AWS account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccountReceiver {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    pub aws_account_id: String,
}

/// `Payload` (a union): what an invitation carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Payload {
    OpportunityInvitation(OpportunityInvitationPayload),
    LeadInvitation(LeadInvitationPayload),
}

impl Payload {
    /// The invitation's `PayloadType`: the union member's name.
    pub fn kind(&self) -> PayloadKind {
        match self {
            Payload::OpportunityInvitation(_) => PayloadKind::Opportunity,
            Payload::LeadInvitation(_) => PayloadKind::Lead,
        }
    }
}

/// `EngagementMemberSummary`: a company already in the engagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EngagementMemberSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website_url: Option<String>,
}

/// `EnrichmentContext`: AWS's insights attached to an invitation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EnrichmentContext {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prospecting_result_aws: Option<InvitationProspectingResultAws>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_insights: Option<LeadInsights>,
}

/// `InvitationProspectingResultAws`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InvitationProspectingResultAws {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<ProspectingResultCustomer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insights: Option<ProspectingInsights>,
}

/// `ProspectingResultCustomer`: who AWS thinks the customer is.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProspectingResultCustomer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_industry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_size: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligible_programs: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_profile_summary: Option<String>,
}

/// `ProspectingInsights`: how good the fit looks.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProspectingInsights {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marketplace_engagement_score: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution_score: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution_category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution_sub_category: Option<String>,
}

/// `LeadInsights`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LeadInsights {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_readiness_score: Option<String>,
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
