/// The body of an invitation.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    Opportunity(OpportunityPayload),
    Lead(LeadPayload),
    /// A payload type this build does not know, or none at all.
    Unknown,
}

/// An invitation to co-sell an opportunity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OpportunityPayload {
    pub customer: Customer,
    pub project: Project,
    pub receiver_responsibilities: Vec<String>,
    pub sender_contacts: Vec<Contact>,
}

/// The end customer of an opportunity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Customer {
    pub company_name: String,
    pub industry: String,
    pub country_code: String,
    pub website_url: String,
}

/// The customer's project.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Project {
    pub title: String,
    pub business_problem: String,
    /// `YYYY-MM-DD`, as the service sends it.
    pub target_completion_date: String,
    pub expected_spend: Vec<Spend>,
}

/// One expected-customer-spend entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spend {
    /// Decimal string, e.g. `12500.00`.
    pub amount: Option<String>,
    pub currency: String,
    pub frequency: String,
    pub target_company: String,
    pub estimation_url: Option<String>,
}

/// A person on the sending side.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contact {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub business_title: Option<String>,
    pub phone: Option<String>,
}

/// An invitation to follow up a lead.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeadPayload {
    pub customer: LeadCustomer,
    pub interaction: LeadInteraction,
}

/// The company behind a lead.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeadCustomer {
    pub company_name: String,
    pub industry: Option<String>,
    pub website_url: Option<String>,
    pub country_code: Option<String>,
    pub aws_maturity: Option<String>,
    pub market_segment: Option<String>,
}

/// How the lead came about.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeadInteraction {
    pub source_type: Option<String>,
    pub source_id: Option<String>,
    pub source_name: Option<String>,
    pub use_case: Option<String>,
    pub contact_business_title: String,
}

/// AWS's insights attached to an invitation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Enrichment {
    pub prospecting: Option<Prospecting>,
    pub lead_readiness_score: Option<String>,
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
