//! Facts about an invitation that views, rules and the pipeline summary ask the same way:
//! who sent it, where its customer is, what it is worth a month.

use super::{InvitationDetail, InvitationSummary, Payload, Project};

/// The sender company names AWS uses for invitations it originates.
const AWS_SENDERS: [&str; 2] = ["Amazon Web Services", "AWS"];

impl InvitationSummary {
    /// True when AWS itself sent the invitation, not another partner.
    pub fn from_aws(&self) -> bool {
        self.sender_company
            .as_deref()
            .is_some_and(|c| AWS_SENDERS.iter().any(|a| a.eq_ignore_ascii_case(c.trim())))
    }
}

impl InvitationDetail {
    /// The customer's ISO 3166-1 alpha-2 country code, for any payload that names one.
    pub fn customer_country(&self) -> Option<&str> {
        match &self.payload {
            Payload::Opportunity(o) => Some(o.customer.country_code.as_str()),
            Payload::Lead(l) => l.customer.country_code.as_deref(),
            Payload::AccountPlanning(a) => {
                a.customer.as_ref().and_then(|c| c.country_code.as_deref())
            }
            Payload::Other { .. } | Payload::Unknown => None,
        }
        .filter(|c| !c.is_empty())
    }

    /// The customer's industry as the service names it, for any payload that names one.
    pub fn customer_industry(&self) -> Option<&str> {
        match &self.payload {
            Payload::Opportunity(o) => Some(o.customer.industry.as_str()),
            Payload::Lead(l) => l.customer.industry.as_deref(),
            Payload::AccountPlanning(a) => a.customer.as_ref().and_then(|c| c.industry.as_deref()),
            Payload::Other { .. } | Payload::Unknown => None,
        }
        .filter(|i| !i.is_empty())
    }

    /// Expected monthly customer spend per currency, as [`Project::monthly_spend`]; leads
    /// carry no spend, so theirs is empty.
    pub fn monthly_spend(&self) -> Vec<(String, f64)> {
        match &self.payload {
            Payload::Opportunity(o) => o.project.monthly_spend(),
            _ => Vec::new(),
        }
    }

    /// The largest of [`Self::monthly_spend`]'s totals, for sorting by spend: amounts in
    /// different currencies compare as plain numbers. `None` without a monthly spend.
    pub fn largest_monthly_spend(&self) -> Option<f64> {
        self.monthly_spend()
            .into_iter()
            .map(|(_, amount)| amount)
            .reduce(f64::max)
    }
}

impl Project {
    /// The sum of the `Monthly` expected-spend entries per currency, in order of first
    /// appearance; an amount that is missing or not a number counts as 0.
    pub fn monthly_spend(&self) -> Vec<(String, f64)> {
        let mut totals: Vec<(String, f64)> = Vec::new();
        for s in self
            .expected_spend
            .iter()
            .filter(|s| s.frequency == "Monthly")
        {
            let amount: f64 = s
                .amount
                .as_deref()
                .and_then(|a| a.trim().parse().ok())
                .unwrap_or(0.0);
            match totals.iter_mut().find(|(c, _)| *c == s.currency) {
                Some((_, total)) => *total += amount,
                None => totals.push((s.currency.clone(), amount)),
            }
        }
        totals
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Customer, OpportunityPayload, Project, Spend};

    fn spend(amount: &str, currency: &str, frequency: &str) -> Spend {
        Spend {
            amount: Some(amount.into()),
            currency: currency.into(),
            frequency: frequency.into(),
            target_company: "AWS".into(),
            estimation_url: None,
        }
    }

    fn detail(payload: Payload) -> InvitationDetail {
        InvitationDetail {
            summary: InvitationSummary {
                id: "engi-1".into(),
                arn: None,
                catalog: "AWS".into(),
                participant: None,
                status: None,
                payload_kind: None,
                engagement_id: None,
                engagement_title: None,
                invitation_date: None,
                expiration_date: None,
                sender_account_id: None,
                sender_company: Some(" amazon web services ".into()),
                receiver: None,
            },
            rejection_reason: None,
            message: None,
            engagement_description: None,
            existing_members: Vec::new(),
            payload,
            enrichment: None,
        }
    }

    #[test]
    fn monthly_spend_sums_monthly_entries_per_currency_in_order_of_appearance() {
        let d = detail(Payload::Opportunity(OpportunityPayload {
            customer: Customer {
                country_code: "DE".into(),
                industry: "Healthcare".into(),
                ..Customer::default()
            },
            project: Project {
                expected_spend: vec![
                    spend("1000.50", "USD", "Monthly"),
                    spend("200", "USD", "Monthly"),
                    spend("90", "EUR", "Monthly"),
                    spend("50000", "USD", "None"),
                    spend("n/a", "USD", "Monthly"),
                ],
                ..Project::default()
            },
            ..OpportunityPayload::default()
        }));
        assert_eq!(
            d.monthly_spend(),
            [("USD".to_string(), 1200.5), ("EUR".to_string(), 90.0)]
        );
        assert_eq!(d.customer_country(), Some("DE"));
        assert_eq!(d.customer_industry(), Some("Healthcare"));
        assert!(d.summary.from_aws());
    }

    #[test]
    fn an_unknown_payload_has_no_customer_facts() {
        let mut d = detail(Payload::Unknown);
        d.summary.sender_company = Some("Maple Leaf Data Inc.".into());
        assert!(d.monthly_spend().is_empty());
        assert_eq!(d.customer_country(), None);
        assert!(!d.summary.from_aws());
    }
}
