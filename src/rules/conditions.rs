//! What a rule matches on, and the check of one invitation against it.

use chrono::{DateTime, Duration, Utc};

use crate::domain::{fold, InvitationDetail, PayloadKind};

/// Who sent the invitation.
#[derive(Debug, Clone, PartialEq)]
pub enum Sender {
    /// AWS itself.
    Aws,
    /// Any partner, not AWS.
    Partner,
    /// One AWS account id (12 digits).
    Account(String),
    /// A sender company, compared folded (case and accents ignored).
    Company(String),
}

impl Sender {
    /// `aws`, `partner`, a 12-digit account id, or a company name.
    pub fn parse(text: &str) -> Self {
        let t = text.trim();
        if t.eq_ignore_ascii_case("aws") {
            Sender::Aws
        } else if t.eq_ignore_ascii_case("partner") {
            Sender::Partner
        } else if t.len() == 12 && t.bytes().all(|b| b.is_ascii_digit()) {
            Sender::Account(t.to_string())
        } else {
            Sender::Company(fold(t))
        }
    }

    fn matches(&self, detail: &InvitationDetail) -> bool {
        let summary = &detail.summary;
        match self {
            Sender::Aws => summary.from_aws(),
            Sender::Partner => !summary.from_aws(),
            Sender::Account(id) => summary.sender_account_id.as_deref() == Some(id.as_str()),
            Sender::Company(name) => summary
                .sender_company
                .as_deref()
                .is_some_and(|c| fold(c.trim()) == *name),
        }
    }
}

/// An amount of expected monthly spend in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub amount: f64,
    pub currency: String,
}

/// Every condition of a rule; an empty list or `None` matches anything. A rule with a spend
/// condition never matches an invitation without spend in that currency (every lead).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Conditions {
    pub senders: Vec<Sender>,
    pub payloads: Vec<PayloadKind>,
    /// Upper-case ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// Folded industry names.
    pub industries: Vec<String>,
    pub min_monthly_spend: Option<Money>,
    pub max_monthly_spend: Option<Money>,
    pub expires_within: Option<Duration>,
}

impl Conditions {
    /// True when the invitation meets every condition at `now`.
    pub fn matches(&self, detail: &InvitationDetail, now: DateTime<Utc>) -> bool {
        let any = |empty: bool, hit: bool| empty || hit;
        let kind = detail.summary.payload_kind.as_ref();
        any(
            self.senders.is_empty(),
            self.senders.iter().any(|s| s.matches(detail)),
        ) && any(
            self.payloads.is_empty(),
            kind.is_some_and(|k| self.payloads.contains(k)),
        ) && any(
            self.countries.is_empty(),
            detail
                .customer_country()
                .is_some_and(|c| self.countries.iter().any(|x| x.eq_ignore_ascii_case(c))),
        ) && any(
            self.industries.is_empty(),
            detail
                .customer_industry()
                .is_some_and(|i| self.industries.contains(&fold(i))),
        ) && self.spend_matches(detail)
            && self.expires_within.is_none_or(|within| {
                detail
                    .summary
                    .expiration_date
                    .is_some_and(|expiry| expiry <= now + within)
            })
    }

    fn spend_matches(&self, detail: &InvitationDetail) -> bool {
        if self.min_monthly_spend.is_none() && self.max_monthly_spend.is_none() {
            return true;
        }
        let totals = detail.monthly_spend();
        let total = |m: &Money| {
            totals
                .iter()
                .find(|(currency, _)| *currency == m.currency)
                .map(|(_, t)| *t)
        };
        self.min_monthly_spend
            .as_ref()
            .is_none_or(|m| total(m).is_some_and(|t| t >= m.amount))
            && self
                .max_monthly_spend
                .as_ref()
                .is_none_or(|m| total(m).is_some_and(|t| t <= m.amount))
    }
}
