use chrono::{DateTime, Utc};

use super::{Customer, LeadPayload, OpportunityPayload, Receiver};

/// One row of ListEngagements.
#[derive(Debug, Clone, PartialEq)]
pub struct EngagementSummary {
    pub id: String,
    pub arn: Option<String>,
    pub title: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub created_by: Option<String>,
    pub member_count: Option<i32>,
    pub modified_at: Option<DateTime<Utc>>,
    pub context_types: Vec<String>,
}

/// What GetEngagement tells of an engagement: its title and the customer and project of its
/// CustomerProject context, if it has one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Engagement {
    pub id: String,
    pub title: Option<String>,
    pub member_count: Option<i32>,
    pub customer: Option<Customer>,
    pub project_title: Option<String>,
}

/// The body of a new invitation.
#[derive(Debug, Clone, PartialEq)]
pub enum NewPayload {
    Opportunity(OpportunityPayload),
    Lead(LeadPayload),
}

/// Everything CreateEngagementInvitation needs besides the engagement and the client token.
#[derive(Debug, Clone, PartialEq)]
pub struct NewInvitation {
    pub receiver: Receiver,
    pub message: String,
    pub payload: NewPayload,
}
