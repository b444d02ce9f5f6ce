//! Seed data: the JSON file in `assets/` (dates relative to start-up, so the demo never goes
//! stale) and a generator of synthetic invitations for scale tests.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use super::accounts::{Account, Accounts};
use super::members::Member;
use super::opportunities::Opportunity;
use super::seeded_opportunities::SeedOpportunity;
use super::store::{Engagement, Failure, Invitation};
use crate::domain::{Catalog, InvitationStatus, Participant, PayloadKind};
use crate::model::model;
use crate::wire;

const EMBEDDED: &str = include_str!("../../assets/seed.json");

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct SeedEngagement {
    id: String,
    title: String,
    description: Option<String>,
    created_days_ago: i64,
    created_by: String,
    members: Vec<Member>,
    #[serde(default)]
    context_types: Vec<String>,
    #[serde(default)]
    contexts: Vec<wire::EngagementContextDetails>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct SeedInvitation {
    id: String,
    #[serde(with = "wire::value")]
    participant_type: Participant,
    #[serde(with = "wire::value")]
    status: InvitationStatus,
    invited_hours_ago: i64,
    expires_in_hours: Option<i64>,
    engagement_id: String,
    engagement_title: String,
    engagement_description: Option<String>,
    sender_aws_account_id: String,
    sender_company_name: String,
    receiver: wire::Receiver,
    invitation_message: Option<String>,
    rejection_reason: Option<String>,
    #[serde(with = "wire::value")]
    payload_type: PayloadKind,
    payload: wire::Payload,
    #[serde(default)]
    existing_members: Vec<wire::EngagementMemberSummary>,
    enrichment_context: Option<wire::EnrichmentContext>,
    accept_outcome: Option<Failure>,
}

/// A parsed seed file.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Seed {
    /// The partner accounts served; the first is the one the seed's invitations are seen from
    /// (their `ParticipantType`).
    pub accounts: Vec<Account>,
    engagements: Vec<SeedEngagement>,
    invitations: Vec<SeedInvitation>,
    /// Invitations only the Sandbox catalog has.
    #[serde(default)]
    sandbox_invitations: Vec<SeedInvitation>,
    /// The partner's own opportunities.
    #[serde(default)]
    opportunities: Vec<SeedOpportunity>,
}

/// Everything the emulator starts with, dates resolved.
pub struct SeedData {
    pub accounts: Accounts,
    pub engagements: Vec<Engagement>,
    pub invitations: Vec<Invitation>,
    /// Invitations only the Sandbox catalog has.
    pub sandbox_invitations: Vec<Invitation>,
    pub opportunities: Vec<Opportunity>,
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

    /// Resolves relative dates against `now` and checks every invitation and opportunity
    /// against the model.
    pub fn materialize(&self, now: DateTime<Utc>) -> Result<SeedData, String> {
        let accounts = Accounts::new(self.accounts.clone())?;
        let first = &accounts.first().aws_account_id.clone();
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
                    members: e.members.clone(),
                    modified_at: created,
                    context_types: e.context_types.clone(),
                    contexts: e.contexts.clone(),
                }
            })
            .collect();
        let invitation = |s: &SeedInvitation| {
            if s.payload.kind() != s.payload_type {
                return Err(format!(
                    "seed invitation {}: PayloadType is {} but the Payload is {}",
                    s.id,
                    s.payload_type.as_wire(),
                    s.payload.kind().as_wire()
                ));
            }
            let invitation_date = now - Duration::hours(s.invited_hours_ago);
            let invitation = Invitation {
                id: s.id.as_str().into(),
                status: s.status.clone(),
                invitation_date,
                expiration_date: s.expires_in_hours.map(|h| now + Duration::hours(h)),
                engagement_id: s.engagement_id.as_str().into(),
                engagement_title: s.engagement_title.clone(),
                engagement_description: s.engagement_description.clone(),
                sender_account: s.sender_aws_account_id.as_str().into(),
                sender_company: s.sender_company_name.clone(),
                receiver: s.receiver.clone(),
                message: s.invitation_message.clone(),
                rejection_reason: s.rejection_reason.clone(),
                payload: s.payload.clone(),
                existing_members: s.existing_members.clone(),
                enrichment: s.enrichment_context.clone(),
                accept_failure: s.accept_outcome.clone(),
            };
            if invitation.participant_for(first) != Some(s.participant_type) {
                return Err(format!(
                    "seed invitation {}: it is not {} for account {first}",
                    s.id,
                    s.participant_type.as_wire()
                ));
            }
            check(&invitation, first, now).map(|()| invitation)
        };
        Ok(SeedData {
            accounts,
            engagements,
            invitations: self
                .invitations
                .iter()
                .map(invitation)
                .collect::<Result<_, _>>()?,
            sandbox_invitations: self
                .sandbox_invitations
                .iter()
                .map(invitation)
                .collect::<Result<_, _>>()?,
            opportunities: self
                .opportunities
                .iter()
                .map(|o| o.materialize(first, now))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// Checks an invitation against the `GetEngagementInvitationResponse` shape, and the reason
/// code of its accept outcome against the `ReasonCode` enum.
fn check(invitation: &Invitation, account: &str, now: DateTime<Utc>) -> Result<(), String> {
    if let Some(f) = &invitation.accept_failure {
        if !model().enum_values("ReasonCode").contains(&f.reason_code) {
            return Err(format!(
                "seed invitation {}: {} is not a ReasonCode",
                invitation.id, f.reason_code
            ));
        }
    }
    let detail = serde_json::to_value(invitation.detail(Catalog::Aws, account, now))
        .expect("wire shapes serialize");
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
const OPPORTUNITY_TYPES: &[&str] = &["Net New Business", "Expansion", "Flat Renewal"];
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
const STATUSES: &[InvitationStatus] = &[
    InvitationStatus::Pending,
    InvitationStatus::Pending,
    InvitationStatus::Pending,
    InvitationStatus::Accepted,
    InvitationStatus::Rejected,
    InvitationStatus::Expired,
];

/// `n` synthetic received invitations, deterministic for a given `n`, one every 17 minutes back
/// from `now`, alternating opportunities and leads.
pub fn generate(n: usize, account: &Account, now: DateTime<Utc>) -> Vec<Invitation> {
    (0..n).map(|i| synthetic(i, account, now)).collect()
}

/// The `i`th of [`generate`]'s invitations.
pub fn synthetic(i: usize, account: &Account, now: DateTime<Utc>) -> Invitation {
    let at = |salt: usize, len: usize| (i * 7 + salt * 13 + i / 3) % len;
    let pick = |list: &[&'static str], salt: usize| list[at(salt, list.len())].to_string();
    let company = format!("{} #{i}", pick(COMPANIES, 1));
    let project = pick(PROJECTS, 2);
    let status = STATUSES[at(3, STATUSES.len())].clone();
    let expired = status == InvitationStatus::Expired;
    let invitation_date = now - Duration::minutes(17 * (i as i64 + 1));
    let expiration_date = if expired {
        now - Duration::hours(1)
    } else {
        invitation_date + Duration::days(15)
    };
    let payload = if i % 4 == 3 {
        wire::Payload::LeadInvitation(wire::LeadInvitationPayload {
            customer: wire::LeadInvitationCustomer {
                company_name: company.clone(),
                industry: Some(pick(INDUSTRIES, 4)),
                country_code: Some(pick(COUNTRIES, 5)),
                aws_maturity: Some("Early Stage".into()),
                market_segment: Some("Enterprise".into()),
                website_url: None,
            },
            interaction: wire::LeadInvitationInteraction {
                source_type: Some("Event".into()),
                source_id: Some(format!("evt-{i}")),
                source_name: Some("AWS Summit".into()),
                use_case: Some(project.clone()),
                contact_business_title: "Head of IT".into(),
            },
        })
    } else {
        let spend = (0..(i % 4))
            .map(|k| wire::ExpectedCustomerSpend {
                amount: Some(format!("{}.00", 1000 + 250 * ((i + k) % 40))),
                currency: pick(CURRENCIES, 6 + k),
                frequency: "Monthly".into(),
                target_company: "AWS".into(),
                estimation_url: None,
            })
            .collect();
        wire::Payload::OpportunityInvitation(wire::OpportunityInvitationPayload {
            opportunity_type: Some(pick(OPPORTUNITY_TYPES, 7)),
            sender_contacts: vec![wire::SenderContact {
                email: format!("rep{i}@example.com"),
                first_name: Some("Sam".into()),
                last_name: Some(format!("Rep{i}")),
                business_title: None,
                phone: None,
            }],
            receiver_responsibilities: vec!["Services Partner".into()],
            customer: wire::EngagementCustomer {
                industry: pick(INDUSTRIES, 4),
                company_name: company.clone(),
                website_url: format!("https://www.customer{i}.example.com"),
                country_code: pick(COUNTRIES, 5),
            },
            project: wire::ProjectDetails {
                title: format!("{project} for {company}"),
                business_problem: format!(
                    "{company} needs help with {project}; the current platform cannot scale."
                ),
                target_completion_date: "2027-06-30".into(),
                expected_spend: spend,
            },
        })
    };
    Invitation {
        id: format!("engi-g{i:012}").into(),
        status: if expired {
            InvitationStatus::Pending
        } else {
            status.clone()
        },
        invitation_date,
        expiration_date: Some(expiration_date),
        engagement_id: format!("eng-g{i:013}").into(),
        engagement_title: format!("{project} #{i}").chars().take(40).collect(),
        engagement_description: Some(format!("Synthetic engagement number {i}")),
        sender_account: format!("{:012}", 100_000_000_000u64 + i as u64 % 4).into(),
        sender_company: pick(SENDERS, 7),
        receiver: wire::Receiver::Account(wire::AccountReceiver {
            aws_account_id: account.aws_account_id.clone(),
            alias: Some(account.alias.clone()),
        }),
        message: Some(format!("Could you help {company} with {project}?")),
        rejection_reason: (status == InvitationStatus::Rejected)
            .then(|| "Unable to support".to_string()),
        payload,
        existing_members: vec![wire::EngagementMemberSummary {
            company_name: Some(pick(SENDERS, 7)),
            website_url: Some("https://aws.amazon.com".into()),
        }],
        enrichment: None,
        accept_failure: None,
    }
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
        for status in InvitationStatus::ALL {
            assert!(n(&|i| i.status == status) > 0, "{status:?}");
        }
        assert!(n(&|i| i.payload.kind() == PayloadKind::Lead) > 0);
        assert!(n(&|i| i.payload.kind() == PayloadKind::Opportunity) > 0);
        let first = &data.accounts.first().aws_account_id;
        assert!(n(&|i| i.participant_for(first) == Some(Participant::Sent)) > 0);
        assert!(n(&|i| i.accept_failure.is_some()) > 0);
        let soon = Utc::now() + Duration::days(3);
        assert!(
            n(&|i| i.status == InvitationStatus::Pending
                && i.expiration_date
                    .is_some_and(|e| e < soon && e > Utc::now()))
                > 0
        );
        let longest = data
            .invitations
            .iter()
            .filter_map(|i| match &i.payload {
                wire::Payload::OpportunityInvitation(o) => Some(&o.project.business_problem),
                _ => None,
            })
            .map(|s| s.chars().count())
            .max();
        assert_eq!(longest, Some(2000));
    }

    #[test]
    fn generated_invitations_are_valid_and_distinct() {
        let account = Seed::embedded().accounts[0].clone();
        let now = Utc::now();
        let rows = generate(300, &account, now);
        for row in &rows {
            check(row, &account.aws_account_id, now).unwrap();
        }
        let mut ids: Vec<&str> = rows.iter().map(|r| &*r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 300);
    }
}
