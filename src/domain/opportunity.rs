//! An opportunity in the partner's pipeline, as far as the inbox shows it: the one accepting an
//! invitation creates (its project title is the invitation's).

use chrono::{DateTime, Utc};

/// What GetOpportunity tells of an opportunity that the inbox shows.
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
}
