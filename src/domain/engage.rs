//! Starting an engagement from one of the partner's own opportunities: the task that submits it
//! to AWS (StartEngagementFromOpportunityTask) and who takes part once it exists.

/// How AWS takes part in the engagement (`AwsSubmission.InvolvementType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Involvement {
    /// AWS sells with the partner.
    #[default]
    CoSell,
    /// AWS only sees the opportunity.
    ForVisibilityOnly,
}

impl Involvement {
    /// The service's `SalesInvolvementType` value.
    pub fn as_wire(self) -> &'static str {
        match self {
            Involvement::CoSell => "Co-Sell",
            Involvement::ForVisibilityOnly => "For Visibility Only",
        }
    }
}

/// A partner in an engagement (ListEngagementMembers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementMember {
    pub account_id: Option<String>,
    pub company_name: Option<String>,
    pub website_url: Option<String>,
}
