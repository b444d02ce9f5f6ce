//! Engagements: summaries, a whole engagement with its contexts, and CreateEngagement's answer.

use serde::{Deserialize, Serialize};

use super::Timestamp;
use serde_json::Value;

/// The members an `EngagementSummary` and a `GetEngagementResponse` share.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EngagementCommon {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_count: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_by: Option<String>,
}

/// `EngagementSummary`: one row of ListEngagements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EngagementSummary {
    #[serde(flatten)]
    pub common: EngagementCommon,
    #[serde(default)]
    pub context_types: Vec<String>,
}

/// `ListEngagementsResponse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementsResponse {
    pub engagement_summary_list: Vec<EngagementSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `GetEngagementResponse`: a whole engagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetEngagementResponse {
    #[serde(flatten)]
    pub common: EngagementCommon,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub contexts: Vec<EngagementContextDetails>,
}

/// `CreateEngagementResponse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateEngagementResponse {
    pub id: String,
    pub arn: String,
    pub modified_at: Timestamp,
}

/// `EngagementContextDetails`: one context of an engagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EngagementContextDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `CustomerProject`, `Lead` or `ProspectingResult`.
    pub r#type: String,
    /// The `EngagementContextPayload` union. pc-inbox never reads it: the emulator keeps it as
    /// the seed or CreateEngagement gave it (the model validator has checked it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
}
