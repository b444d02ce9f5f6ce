//! Engagements: summaries, a whole engagement with its contexts, and CreateEngagement's answer.

use serde::{Deserialize, Serialize};

use super::Timestamp;
use serde_json::Value;

/// The members an `EngagementSummary` and a `GetEngagementResponse` share.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EngagementCommon {
    pub arn: Option<String>,
    pub id: String,
    pub title: Option<String>,
    pub created_at: Option<Timestamp>,
    pub created_by: Option<String>,
    pub member_count: Option<i32>,
    pub modified_at: Option<Timestamp>,
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
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListEngagementsResponse {
    pub engagement_summary_list: Vec<EngagementSummary>,
    pub next_token: Option<String>,
}

/// `GetEngagementResponse`: a whole engagement.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetEngagementResponse {
    #[serde(flatten)]
    pub common: EngagementCommon,
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
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EngagementContextDetails {
    pub id: Option<String>,
    /// `CustomerProject`, `Lead` or `ProspectingResult`.
    pub r#type: String,
    /// The `EngagementContextPayload` union. pc-inbox never reads it: the emulator keeps it as
    /// the seed or CreateEngagement gave it (the model validator has checked it).
    pub payload: Option<Value>,
}
