//! The invitation draft: every field as typed, saved as it changes and offered back after a
//! quit or a crash.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{
    Contact, Customer, LeadCustomer, LeadInteraction, LeadPayload, NewInvitation, NewPayload,
    OpportunityPayload, Project, Receiver, Spend,
};

/// Which payload the invitation carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DraftKind {
    #[default]
    Opportunity,
    Lead,
}

/// One expected-spend row.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftSpend {
    pub amount: String,
    pub currency: String,
    pub target_company: String,
}

/// One sender contact.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftContact {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub phone: String,
}

/// Everything typed into the create form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// One token per draft: submitting twice creates one invitation.
    pub client_token: String,
    pub saved_at: Option<DateTime<Utc>>,
    pub engagement_id: String,
    pub engagement_title: String,
    pub receiver_account: String,
    pub receiver_alias: String,
    pub message: String,
    pub kind: DraftKind,
    pub company: String,
    pub industry: String,
    pub country: String,
    pub website: String,
    pub project_title: String,
    pub business_problem: String,
    pub target_date: String,
    pub spend: Vec<DraftSpend>,
    pub responsibilities: Vec<String>,
    pub contacts: Vec<DraftContact>,
    pub lead_company: String,
    pub lead_industry: String,
    pub lead_country: String,
    pub lead_website: String,
    pub lead_maturity: String,
    pub lead_segment: String,
    pub source_type: String,
    pub source_name: String,
    pub source_id: String,
    pub use_case: String,
    pub contact_title: String,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl Draft {
    /// A new, empty draft with one spend row and one contact to fill in.
    pub fn new(client_token: String) -> Self {
        Draft {
            client_token,
            spend: vec![DraftSpend {
                currency: "USD".into(),
                target_company: "AWS".into(),
                ..Default::default()
            }],
            contacts: vec![DraftContact::default()],
            ..Default::default()
        }
    }

    /// True when nothing has been typed yet.
    pub fn is_blank(&self) -> bool {
        *self
            == Draft {
                saved_at: self.saved_at,
                ..Draft::new(self.client_token.clone())
            }
    }

    /// The invitation this draft describes (trimmed; empty optional fields left out).
    pub fn invitation(&self) -> NewInvitation {
        let payload = match self.kind {
            DraftKind::Opportunity => NewPayload::Opportunity(OpportunityPayload {
                opportunity_type: None,
                customer: Customer {
                    company_name: self.company.trim().into(),
                    industry: self.industry.clone(),
                    country_code: self.country.clone(),
                    website_url: self.website.trim().into(),
                },
                project: Project {
                    title: self.project_title.trim().into(),
                    business_problem: self.business_problem.trim().into(),
                    target_completion_date: self.target_date.trim().into(),
                    expected_spend: self
                        .spend
                        .iter()
                        .map(|s| Spend {
                            amount: opt(&s.amount),
                            currency: s.currency.clone(),
                            frequency: "Monthly".into(),
                            target_company: s.target_company.trim().into(),
                            estimation_url: None,
                        })
                        .collect(),
                },
                receiver_responsibilities: self.responsibilities.clone(),
                sender_contacts: self
                    .contacts
                    .iter()
                    .map(|c| Contact {
                        email: c.email.trim().into(),
                        first_name: opt(&c.first_name),
                        last_name: opt(&c.last_name),
                        business_title: opt(&c.title),
                        phone: opt(&e164(&c.phone)),
                    })
                    .collect(),
            }),
            DraftKind::Lead => NewPayload::Lead(LeadPayload {
                customer: LeadCustomer {
                    company_name: self.lead_company.trim().into(),
                    industry: opt(&self.lead_industry),
                    website_url: opt(&self.lead_website),
                    country_code: opt(&self.lead_country),
                    aws_maturity: opt(&self.lead_maturity),
                    market_segment: opt(&self.lead_segment),
                },
                interaction: LeadInteraction {
                    source_type: opt(&self.source_type),
                    source_id: opt(&self.source_id),
                    source_name: opt(&self.source_name),
                    use_case: opt(&self.use_case),
                    contact_business_title: self.contact_title.trim().into(),
                },
            }),
        };
        NewInvitation {
            receiver: Receiver {
                account_id: self.receiver_account.trim().into(),
                alias: opt(&self.receiver_alias),
            },
            message: self.message.trim().into(),
            payload,
        }
    }
}

/// A phone number as the service wants it (E.164): the spaces, dashes, dots and brackets
/// people write between the digits taken out, so `+41 44 555 01 01` becomes `+41445550101`.
pub fn e164(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}'))
        .collect()
}

#[cfg(test)]
mod phone_tests {
    use super::e164;

    #[test]
    fn written_separators_go() {
        assert_eq!(e164("+41 44 555 01 01"), "+41445550101");
        assert_eq!(e164("+1 (415) 555-0100"), "+14155550100");
        assert_eq!(
            e164("0170 1234"),
            "01701234",
            "a missing country code stays wrong"
        );
    }
}
