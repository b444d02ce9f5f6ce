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
    /// Why submitting it to AWS (an engage) would fail, in a few words, as far as its summary
    /// tells: it was submitted already, it is still a Prospect (a Qualified stage or later is
    /// needed), or it is closed.
    pub fn cannot_submit(&self) -> Option<String> {
        match (self.review_status.as_deref(), self.stage.as_deref()) {
            (Some(review), _) if review != "Pending Submission" => {
                Some(format!("already submitted ({review})"))
            }
            (_, Some("Prospect")) => Some("qualify it first".into()),
            (_, Some("Launched" | "Closed Lost")) => Some("closed".into()),
            _ => None,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(stage: &str, review: &str) -> Opportunity {
        Opportunity {
            stage: Some(stage.into()),
            review_status: Some(review.into()),
            ..Opportunity::with_id("O1")
        }
    }

    #[test]
    fn only_a_qualified_opportunity_pending_submission_can_be_submitted() {
        assert_eq!(at("Qualified", "Pending Submission").cannot_submit(), None);
        assert_eq!(
            at("Technical Validation", "Pending Submission").cannot_submit(),
            None
        );
        assert_eq!(
            at("Prospect", "Pending Submission")
                .cannot_submit()
                .unwrap(),
            "qualify it first"
        );
        assert_eq!(
            at("Qualified", "Submitted").cannot_submit().unwrap(),
            "already submitted (Submitted)"
        );
        assert_eq!(
            at("Closed Lost", "Pending Submission")
                .cannot_submit()
                .unwrap(),
            "closed"
        );
        assert_eq!(
            Opportunity::with_id("O2").cannot_submit(),
            None,
            "not read yet"
        );
    }
}
