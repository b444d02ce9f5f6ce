//! An opportunity in the partner's pipeline, as far as the inbox shows it: one that accepting an
//! invitation created (its project title is the invitation's), or one of the partner's own.

use chrono::{DateTime, Utc};

use super::Spend;

/// What GetOpportunity (or, without the title, a ListOpportunities summary) tells of an
/// opportunity.
#[derive(Debug, Clone, PartialEq)]
pub struct Opportunity {
    /// `O` and digits.
    pub id: String,
    pub title: Option<String>,
    pub customer: Option<String>,
    /// LifeCycle.Stage, e.g. `Prospect`.
    pub stage: Option<String>,
    /// LifeCycle.ReviewStatus, e.g. `Pending Submission`.
    pub review_status: Option<String>,
    pub next_steps: Option<String>,
    /// LifeCycle.TargetCloseDate, `YYYY-MM-DD`.
    pub target_close_date: Option<String>,
    pub last_modified: Option<DateTime<Utc>>,
    /// What only GetOpportunity tells (empty for a summary): enough to prefill an invitation.
    pub details: OpportunityDetails,
}

impl Opportunity {
    /// An opportunity known only by its id, until it is read.
    pub fn with_id(id: impl Into<String>) -> Self {
        Opportunity {
            id: id.into(),
            title: None,
            customer: None,
            stage: None,
            review_status: None,
            next_steps: None,
            target_close_date: None,
            last_modified: None,
            details: OpportunityDetails::default(),
        }
    }
}

/// The customer and project of an opportunity beyond its name and title.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OpportunityDetails {
    pub industry: Option<String>,
    pub country_code: Option<String>,
    pub website_url: Option<String>,
    pub business_problem: Option<String>,
    pub spend: Vec<Spend>,
}

/// What is known of the opportunity an accepted invitation made, as the detail shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Linked {
    Loading,
    Ready(Box<Opportunity>),
    /// No accept task of it completed: nothing to show.
    None,
    Failed(String),
}
