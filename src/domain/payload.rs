//! Invitation payloads. The structs an invitation's `Payload` union holds are also the
//! service's shapes (see [`crate::wire`]): their serde form uses the model's member names.

use serde::{Deserialize, Serialize};

/// The body of an invitation.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    Opportunity(OpportunityPayload),
    Lead(LeadPayload),
    AccountPlanning(AccountPlanningPayload),
    /// A payload type this build does not know: its union member's name and the service's
    /// JSON of it, kept as sent.
    Other {
        kind: String,
        json: serde_json::Value,
    },
    /// No payload at all.
    Unknown,
}

/// An invitation to co-sell an opportunity: the model's `OpportunityInvitationPayload`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OpportunityPayload {
    pub customer: Customer,
    pub project: Project,
    pub receiver_responsibilities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sender_contacts: Vec<Contact>,
    /// `Net New Business`, `Flat Renewal` or `Expansion` (the model's `OpportunityType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opportunity_type: Option<String>,
}

/// The end customer of an opportunity: the model's `EngagementCustomer`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Customer {
    pub company_name: String,
    pub industry: String,
    pub country_code: String,
    pub website_url: String,
}

/// The customer's project: the model's `ProjectDetails`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Project {
    pub title: String,
    pub business_problem: String,
    /// `YYYY-MM-DD`, as the service sends it.
    pub target_completion_date: String,
    #[serde(rename = "ExpectedCustomerSpend")]
    pub expected_spend: Vec<Spend>,
}

/// One expected-customer-spend entry: the model's `ExpectedCustomerSpend`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Spend {
    /// Decimal string, e.g. `12500.00`.
    pub amount: Option<String>,
    #[serde(rename = "CurrencyCode")]
    pub currency: String,
    pub frequency: String,
    pub target_company: String,
    pub estimation_url: Option<String>,
}

/// A person on the sending side: the model's `SenderContact`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Contact {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub business_title: Option<String>,
    pub phone: Option<String>,
}

/// An invitation to follow up a lead: the model's `LeadInvitationPayload`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LeadPayload {
    pub customer: LeadCustomer,
    pub interaction: LeadInteraction,
}

/// The company behind a lead: the model's `LeadInvitationCustomer`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LeadCustomer {
    pub company_name: String,
    pub industry: Option<String>,
    pub website_url: Option<String>,
    pub country_code: Option<String>,
    pub aws_maturity: Option<String>,
    pub market_segment: Option<String>,
}

/// How the lead came about: the model's `LeadInvitationInteraction`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LeadInteraction {
    pub source_type: Option<String>,
    pub source_id: Option<String>,
    pub source_name: Option<String>,
    #[serde(rename = "Usecase")]
    pub use_case: Option<String>,
    pub contact_business_title: String,
}

/// An invitation to plan a customer account together: the model's
/// `AccountPlanningInvitationPayload`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccountPlanningPayload {
    /// The customer account's id or ARN.
    pub account_identifier: Option<String>,
    pub customer: Option<AccountCustomer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sender_contacts: Vec<Contact>,
    pub preferred_contact: Option<PreferredContact>,
}

/// The customer of an account plan: the model's `AccountCustomer`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccountCustomer {
    pub company_name: String,
    pub industry: Option<String>,
    pub website_url: Option<String>,
    pub country_code: Option<String>,
}

/// When the sender would like to be contacted: the model's `PreferredContactWindow`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PreferredContact {
    /// `MORNING`, `AFTERNOON` or `EVENING`, in the sender's time zone.
    pub window: Option<String>,
    /// An IANA time zone name, e.g. `America/Chicago`.
    pub timezone: Option<String>,
}

/// How AWS suggests reaching a lead: the model's `ChannelRecommendation`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChannelRecommendation {
    /// e.g. `EMAIL` or `CALL`.
    pub recommended_channel: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub best_outreach_windows: Vec<OutreachWindow>,
}

/// A weekly window for outreach, in UTC: the model's `BestOutreachWindow`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OutreachWindow {
    /// `MONDAY` … `SUNDAY`.
    pub day: String,
    /// `HH:MM`, UTC.
    pub start_time_utc: String,
    /// `HH:MM`, UTC.
    pub end_time_utc: String,
}

/// AWS's insights attached to an invitation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Enrichment {
    pub prospecting: Option<Prospecting>,
    pub lead_readiness_score: Option<String>,
    pub channel: Option<ChannelRecommendation>,
}

/// AWS's prospecting result: who the customer is and how good the fit looks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prospecting {
    pub account_name: Option<String>,
    pub geo: Option<String>,
    pub region: Option<String>,
    pub sub_region: Option<String>,
    pub country_code: Option<String>,
    pub industry: Option<String>,
    pub sub_industry: Option<String>,
    pub segment: Option<String>,
    pub company_size: Option<String>,
    pub eligible_programs: Vec<String>,
    pub public_profile_summary: Option<String>,
    pub engagement_score: Option<String>,
    pub solution_score: Option<String>,
    pub solution_category: Option<String>,
    pub solution_sub_category: Option<String>,
}
