//! The opportunity that accepting an invitation creates in the receiver's pipeline. Its
//! `Project.Title` is the invitation's `Payload.Project.Title`, which is how the service's
//! documentation says to link the two; a lead has no project title, so its opportunity takes
//! the engagement's title.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::opportunities::{Opportunity, PENDING_SUBMISSION};
use super::store::{millis, Invitation};
use crate::model::model;
use crate::wire::{self, Payload};

/// The stage of an opportunity an accept creates.
pub const STAGE: &str = "Prospect";

/// The opportunity `id` that accepting `invitation` creates at `at`; none for an account plan
/// (or a payload the emulator does not know).
pub fn opportunity(invitation: &Invitation, id: &str, at: DateTime<Utc>) -> Option<Opportunity> {
    let (customer, project, target) = match &invitation.payload {
        Payload::OpportunityInvitation(o) => from_opportunity(o),
        Payload::LeadInvitation(l) => from_lead(l, &invitation.engagement_title),
        Payload::AccountPlanningInvitation(_) | Payload::Other(..) => return None,
    };
    let mut life_cycle = json!({
        "Stage": STAGE,
        "ReviewStatus": PENDING_SUBMISSION,
        "NextSteps": format!("Contact the customer: accepted invitation {}", invitation.id),
    });
    if let Some(date) = target {
        life_cycle["TargetCloseDate"] = json!(date);
    }
    let mut fields = Map::new();
    fields.insert("Customer".into(), json!({ "Account": customer }));
    fields.insert("Project".into(), Value::Object(project));
    fields.insert("LifeCycle".into(), life_cycle);
    Some(Opportunity {
        id: id.into(),
        owner: invitation.receiver_account().into(),
        created: at,
        last_modified: at,
        fields,
    })
}

/// The opportunity of an invitation the seed has as already accepted: accepted a day after it
/// arrived (or now, if that is sooner), with an id made from the invitation's, so that it is
/// the same on every start.
pub fn seeded(invitation: &Invitation, now: DateTime<Utc>) -> Option<Opportunity> {
    let digest = Sha256::digest(invitation.id.as_bytes());
    let n = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
    let id = format!("O{:010}", n as u64 * 2 + 1_000_000_000);
    let at = (invitation.invitation_date + Duration::days(1)).min(now);
    opportunity(invitation, &id, millis(at))
}

type Parts = (Map<String, Value>, Map<String, Value>, Option<String>);

fn from_opportunity(o: &wire::OpportunityInvitationPayload) -> Parts {
    let mut account = Map::new();
    account.insert("CompanyName".into(), json!(o.customer.company_name));
    account.insert("Industry".into(), json!(o.customer.industry));
    account.insert("WebsiteUrl".into(), json!(o.customer.website_url));
    account.insert(
        "Address".into(),
        json!({ "CountryCode": o.customer.country_code }),
    );
    let mut project = Map::new();
    project.insert("Title".into(), json!(o.project.title));
    project.insert(
        "CustomerBusinessProblem".into(),
        json!(o.project.business_problem),
    );
    project.insert(
        "ExpectedCustomerSpend".into(),
        serde_json::to_value(&o.project.expected_spend).expect("wire shapes serialize"),
    );
    let target = Some(o.project.target_completion_date.clone());
    (account, project, target)
}

/// A lead's customer fields are free text; those that an opportunity's enums or lengths do not
/// allow are left out (an industry outside the list becomes `Other` with `OtherIndustry`).
fn from_lead(l: &wire::LeadInvitationPayload, engagement_title: &str) -> Parts {
    let allowed = |shape: &str, value: &str| model().enum_values(shape).iter().any(|v| v == value);
    let mut account = Map::new();
    account.insert("CompanyName".into(), json!(l.customer.company_name));
    match l.customer.industry.as_deref() {
        Some(industry) if allowed("Industry", industry) => {
            account.insert("Industry".into(), json!(industry));
        }
        Some(industry) if industry.chars().count() <= 255 => {
            account.insert("Industry".into(), json!("Other"));
            account.insert("OtherIndustry".into(), json!(industry));
        }
        _ => {}
    }
    if let Some(url) = &l.customer.website_url {
        if (4..=255).contains(&url.chars().count()) {
            account.insert("WebsiteUrl".into(), json!(url));
        }
    }
    if let Some(country) = &l.customer.country_code {
        if allowed("CountryCode", country) {
            account.insert("Address".into(), json!({ "CountryCode": country }));
        }
    }
    let mut project = Map::new();
    project.insert("Title".into(), json!(engagement_title));
    (account, project, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Catalog;
    use crate::emulator::seed::{generate, Seed};

    #[test]
    fn every_seed_and_generated_invitation_makes_a_valid_opportunity_with_its_title() {
        let now = Utc::now();
        let seed = Seed::embedded().materialize(now).unwrap();
        let generated = generate(40, seed.accounts.first(), now);
        let mut plans = 0;
        for invitation in seed.invitations.iter().chain(&generated) {
            let Some(o) = opportunity(invitation, "O1234567890", now) else {
                assert!(matches!(
                    invitation.payload,
                    Payload::AccountPlanningInvitation(_)
                ));
                plans += 1;
                continue;
            };
            for (shape, body) in [
                (
                    "GetOpportunityResponse",
                    o.detail(Catalog::Aws, "111122223333"),
                ),
                (
                    "OpportunitySummary",
                    o.summary(Catalog::Sandbox, "111122223333"),
                ),
            ] {
                let problems = model().validate(shape, &body).unwrap();
                assert!(problems.is_empty(), "{}: {problems:?}", invitation.id);
            }
            let title = match &invitation.payload {
                Payload::OpportunityInvitation(p) => p.project.title.clone(),
                _ => invitation.engagement_title.clone(),
            };
            assert_eq!(o.fields["Project"]["Title"], json!(title));
            assert_eq!(o.stage(), Some(STAGE));
            assert_eq!(o.review_status(), Some(PENDING_SUBMISSION));
        }
        assert_eq!(plans, 3, "an account plan makes no opportunity");
    }
}
