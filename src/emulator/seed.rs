//! Seed data: the JSON file in `assets/` (dates relative to start-up, so the demo never goes
//! stale) and a generator of synthetic invitations for scale tests.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::{json, Value};

use super::store::{Engagement, Failure, Invitation};
use crate::model::model;

const EMBEDDED: &str = include_str!("../../assets/seed.json");

/// The partner account the emulator serves.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct SeedAccount {
    pub aws_account_id: String,
    pub company_name: String,
    pub alias: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct SeedEngagement {
    id: String,
    title: String,
    description: Option<String>,
    created_days_ago: i64,
    created_by: String,
    member_count: i32,
    #[serde(default)]
    context_types: Vec<String>,
    #[serde(default)]
    contexts: Vec<Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct SeedInvitation {
    id: String,
    participant_type: String,
    status: String,
    invited_hours_ago: i64,
    expires_in_hours: Option<i64>,
    engagement_id: String,
    engagement_title: String,
    engagement_description: Option<String>,
    sender_aws_account_id: String,
    sender_company_name: String,
    receiver: Value,
    invitation_message: Option<String>,
    rejection_reason: Option<String>,
    payload_type: String,
    payload: Value,
    #[serde(default)]
    existing_members: Vec<Value>,
    enrichment_context: Option<Value>,
    accept_outcome: Option<SeedFailure>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct SeedFailure {
    reason_code: String,
    message: String,
}

/// A parsed seed file.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Seed {
    pub account: SeedAccount,
    engagements: Vec<SeedEngagement>,
    invitations: Vec<SeedInvitation>,
}

/// Everything the emulator starts with, dates resolved.
pub struct SeedData {
    pub account: SeedAccount,
    pub engagements: Vec<Engagement>,
    pub invitations: Vec<Invitation>,
}

impl Seed {
    /// The realistic data set shipped in `assets/seed.json`.
    pub fn embedded() -> Self {
        Seed::parse(EMBEDDED).expect("assets/seed.json is a valid seed")
    }

    /// Parses a seed file's text.
    pub fn parse(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| format!("invalid seed: {e}"))
    }

    /// Resolves relative dates against `now` and checks every invitation against the model.
    pub fn materialize(&self, now: DateTime<Utc>) -> Result<SeedData, String> {
        let engagements = self
            .engagements
            .iter()
            .map(|e| {
                let created = now - Duration::days(e.created_days_ago);
                Engagement {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    description: e.description.clone(),
                    created_at: created,
                    created_by: e.created_by.clone(),
                    member_count: e.member_count,
                    modified_at: created,
                    context_types: e.context_types.clone(),
                    contexts: e.contexts.clone(),
                }
            })
            .collect();
        let invitations = self
            .invitations
            .iter()
            .map(|s| {
                let invitation_date = now - Duration::hours(s.invited_hours_ago);
                let invitation = Invitation {
                    id: s.id.clone(),
                    participant: s.participant_type.clone(),
                    status: s.status.clone(),
                    invitation_date,
                    expiration_date: s.expires_in_hours.map(|h| now + Duration::hours(h)),
                    engagement_id: s.engagement_id.clone(),
                    engagement_title: s.engagement_title.clone(),
                    engagement_description: s.engagement_description.clone(),
                    sender_account: s.sender_aws_account_id.clone(),
                    sender_company: s.sender_company_name.clone(),
                    receiver: s.receiver.clone(),
                    message: s.invitation_message.clone(),
                    rejection_reason: s.rejection_reason.clone(),
                    payload_type: s.payload_type.clone(),
                    payload: s.payload.clone(),
                    existing_members: s.existing_members.clone(),
                    enrichment: s.enrichment_context.clone(),
                    accept_failure: s.accept_outcome.as_ref().map(|f| Failure {
                        reason_code: f.reason_code.clone(),
                        message: f.message.clone(),
                    }),
                };
                check(&invitation, &self.account.aws_account_id, now).map(|()| invitation)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SeedData {
            account: self.account.clone(),
            engagements,
            invitations,
        })
    }
}

fn check(invitation: &Invitation, account: &str, now: DateTime<Utc>) -> Result<(), String> {
    let detail = invitation.detail_json("AWS", account, now);
    let violations = model()
        .validate("GetEngagementInvitationResponse", &detail)
        .map_err(|e| format!("seed invitation {}: {}", invitation.id, e.0))?;
    match violations.first() {
        None => Ok(()),
        Some(v) => Err(format!("seed invitation {}: {}", invitation.id, v.message)),
    }
}

const COMPANIES: &[&str] = &[
    "Acme Analytics",
    "Blue Harbor Bank",
    "Cedar Health",
    "Dunmore Logistics",
    "Elbe Maschinenbau",
    "Fjord Energi",
    "Granite Retail",
    "Helios Solar",
    "Ibérica Seguros",
    "Jade Garden Foods",
    "Kestrel Aerospace",
    "Lumen Media",
    "Monarch Mining",
    "Nordlicht Pharma",
    "Oakridge University",
];
const INDUSTRIES: &[&str] = &[
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Energy - Power and Utilities",
    "Media and Entertainment",
    "Education",
    "Transportation and Logistics",
    "Life Sciences",
];
const COUNTRIES: &[&str] = &[
    "US", "DE", "FR", "JP", "BR", "IN", "GB", "AU", "CA", "SG", "ES", "SE",
];
const CURRENCIES: &[&str] = &["USD", "EUR", "GBP", "JPY", "BRL", "INR", "AUD", "CAD"];
const PROJECTS: &[&str] = &[
    "Data lake modernisation",
    "SAP on AWS migration",
    "GenAI contact centre",
    "Mainframe exit",
    "Zero-trust network",
    "Real-time fraud scoring",
    "HIPAA analytics platform",
    "Edge video AI",
];
const SENDERS: &[&str] = &[
    "Amazon Web Services",
    "Contoso Consulting",
    "Fabrikam Cloud",
    "Tailspin Data",
];
const STATUSES: &[&str] = &[
    "PENDING", "PENDING", "PENDING", "ACCEPTED", "REJECTED", "EXPIRED",
];

/// `n` synthetic received invitations, deterministic for a given `n`, one every 17 minutes back
/// from `now`, alternating opportunities and leads.
pub fn generate(n: usize, account: &SeedAccount, now: DateTime<Utc>) -> Vec<Invitation> {
    (0..n)
        .map(|i| {
            let pick = |list: &[&'static str], salt: usize| list[(i * 7 + salt * 13 + i / 3) % list.len()];
            let company = format!("{} #{i}", pick(COMPANIES, 1));
            let project = pick(PROJECTS, 2);
            let status = pick(STATUSES, 3);
            let invitation_date = now - Duration::minutes(17 * (i as i64 + 1));
            let expiration_date = if status == "EXPIRED" {
                now - Duration::hours(1)
            } else {
                invitation_date + Duration::days(15)
            };
            let lead = i % 4 == 3;
            let (payload_type, payload) = if lead {
                (
                    "LeadInvitation",
                    json!({"LeadInvitation": {
                        "Customer": {"CompanyName": company, "Industry": pick(INDUSTRIES, 4),
                            "CountryCode": pick(COUNTRIES, 5), "AwsMaturity": "Early Stage", "MarketSegment": "Enterprise"},
                        "Interaction": {"SourceType": "Event", "SourceId": format!("evt-{i}"), "SourceName": "AWS Summit",
                            "Usecase": project, "ContactBusinessTitle": "Head of IT"}
                    }}),
                )
            } else {
                let spend: Vec<Value> = (0..(i % 4))
                    .map(|k| json!({"Amount": format!("{}.00", 1000 + 250 * ((i + k) % 40)),
                        "CurrencyCode": pick(CURRENCIES, 6 + k), "Frequency": "Monthly", "TargetCompany": "AWS"}))
                    .collect();
                (
                    "OpportunityInvitation",
                    json!({"OpportunityInvitation": {
                        "SenderContacts": [{"Email": format!("rep{i}@example.com"), "FirstName": "Sam", "LastName": format!("Rep{i}")}],
                        "ReceiverResponsibilities": ["Services Partner"],
                        "Customer": {"Industry": pick(INDUSTRIES, 4), "CompanyName": company,
                            "WebsiteUrl": format!("https://www.customer{i}.example.com"), "CountryCode": pick(COUNTRIES, 5)},
                        "Project": {"Title": format!("{project} for {company}"),
                            "BusinessProblem": format!("{company} needs help with {project}; the current platform cannot scale."),
                            "TargetCompletionDate": "2027-06-30", "ExpectedCustomerSpend": spend}
                    }}),
                )
            };
            Invitation {
                id: format!("engi-g{i:012}"),
                participant: "RECEIVER".to_string(),
                status: if status == "EXPIRED" { "PENDING" } else { status }.to_string(),
                invitation_date,
                expiration_date: Some(expiration_date),
                engagement_id: format!("eng-g{i:013}"),
                engagement_title: format!("{project} #{i}").chars().take(40).collect(),
                engagement_description: Some(format!("Synthetic engagement number {i}")),
                sender_account: format!("{:012}", 100_000_000_000u64 + i as u64 % 4),
                sender_company: pick(SENDERS, 7).to_string(),
                receiver: json!({"Account": {"AwsAccountId": account.aws_account_id, "Alias": account.alias}}),
                message: Some(format!("Could you help {company} with {project}?")),
                rejection_reason: (status == "REJECTED").then(|| "Unable to support".to_string()),
                payload_type: payload_type.to_string(),
                payload,
                existing_members: vec![json!({"CompanyName": pick(SENDERS, 7), "WebsiteUrl": "https://aws.amazon.com"})],
                enrichment: None,
                accept_failure: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_seed_is_valid_against_the_model_and_covers_the_product() {
        let data = Seed::embedded().materialize(Utc::now()).unwrap();
        let n = |f: &dyn Fn(&Invitation) -> bool| data.invitations.iter().filter(|i| f(i)).count();
        assert!(data.invitations.len() >= 40);
        assert!(data.engagements.len() >= 3);
        for status in ["PENDING", "ACCEPTED", "REJECTED", "EXPIRED"] {
            assert!(n(&|i| i.status == status) > 0, "{status}");
        }
        assert!(n(&|i| i.payload_type == "LeadInvitation") > 0);
        assert!(n(&|i| i.payload_type == "OpportunityInvitation") > 0);
        assert!(n(&|i| i.participant == "SENDER") > 0);
        assert!(n(&|i| i.accept_failure.is_some()) > 0);
        let soon = Utc::now() + Duration::days(3);
        assert!(
            n(&|i| i.status == "PENDING"
                && i.expiration_date
                    .is_some_and(|e| e < soon && e > Utc::now()))
                > 0
        );
        let longest = data
            .invitations
            .iter()
            .filter_map(|i| {
                i.payload
                    .pointer("/OpportunityInvitation/Project/BusinessProblem")?
                    .as_str()
            })
            .map(|s| s.chars().count())
            .max();
        assert_eq!(longest, Some(2000));
    }

    #[test]
    fn generated_invitations_are_valid_and_distinct() {
        let account = Seed::embedded().account;
        let now = Utc::now();
        let rows = generate(300, &account, now);
        for row in &rows {
            check(row, &account.aws_account_id, now).unwrap();
        }
        let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 300);
    }
}
