use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::domain::{
    Customer, InvitationSummary, LeadCustomer, LeadPayload, OpportunityPayload, Payload,
    PayloadKind, Project, Spend,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
}

fn opportunity(country: &str, industry: &str, monthly_usd: &str) -> InvitationDetail {
    detail(
        PayloadKind::Opportunity,
        Payload::Opportunity(OpportunityPayload {
            customer: Customer {
                country_code: country.into(),
                industry: industry.into(),
                ..Customer::default()
            },
            project: Project {
                expected_spend: vec![Spend {
                    amount: Some(monthly_usd.into()),
                    currency: "USD".into(),
                    frequency: "Monthly".into(),
                    target_company: "AWS".into(),
                    estimation_url: None,
                }],
                ..Project::default()
            },
            ..OpportunityPayload::default()
        }),
    )
}

fn lead(country: &str) -> InvitationDetail {
    detail(
        PayloadKind::Lead,
        Payload::Lead(LeadPayload {
            customer: LeadCustomer {
                company_name: "Kühn GmbH".into(),
                country_code: Some(country.into()),
                ..LeadCustomer::default()
            },
            ..LeadPayload::default()
        }),
    )
}

fn detail(kind: PayloadKind, payload: Payload) -> InvitationDetail {
    InvitationDetail {
        summary: InvitationSummary {
            id: "engi-0000000000001".into(),
            arn: None,
            catalog: "AWS".into(),
            participant: None,
            status: Some(InvitationStatus::Pending),
            payload_kind: Some(kind),
            engagement_id: None,
            engagement_title: None,
            invitation_date: Some(now() - Duration::days(1)),
            expiration_date: Some(now() + Duration::days(2)),
            sender_account_id: Some("000000000000".into()),
            sender_company: Some("Amazon Web Services".into()),
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

const RULES: &str = r#"
[[rule]]
name = "Big AWS deals in DACH"
action = "accept"
sender = ["aws"]
payload = ["opportunity"]
country = ["de", "AT", "CH"]
industry = ["healthcare"]
min_monthly_spend = { amount = 10000, currency = "USD" }

[[rule]]
name = "Tiny deals"
action = "reject"
reason = "Unable to support"
max_monthly_spend = { amount = 500, currency = "usd" }

[[rule]]
name = "Leads about to expire"
action = "accept"
payload = ["lead"]
expires_within_days = 3
"#;

fn decide(rules: &Rules, d: &InvitationDetail) -> Result<String, Skip> {
    rules
        .decide(d, Participant::Received, now())
        .map(|r| r.name.clone())
}

#[test]
fn the_first_rule_whose_conditions_all_hold_decides() {
    let rules = Rules::parse(RULES).unwrap();
    assert_eq!(rules.rules.len(), 3);
    assert_eq!(
        decide(&rules, &opportunity("DE", "Healthcare", "12000")).unwrap(),
        "Big AWS deals in DACH"
    );
    assert_eq!(
        rules.rules[1].action,
        RuleAction::Reject {
            reason: "Unable to support".into()
        }
    );
    // Each condition of the first rule, broken once.
    assert_eq!(
        decide(&rules, &opportunity("FR", "Healthcare", "12000")),
        Err(Skip::NoRule)
    );
    assert_eq!(
        decide(&rules, &opportunity("DE", "Aerospace", "12000")),
        Err(Skip::NoRule)
    );
    assert_eq!(
        decide(&rules, &opportunity("DE", "Healthcare", "9999")),
        Err(Skip::NoRule)
    );
    let mut from_partner = opportunity("DE", "Healthcare", "12000");
    from_partner.summary.sender_company = Some("Maple Leaf Data Inc.".into());
    assert_eq!(decide(&rules, &from_partner), Err(Skip::NoRule));
    assert_eq!(
        decide(&rules, &opportunity("US", "Retail", "400")).unwrap(),
        "Tiny deals"
    );
}

#[test]
fn spend_conditions_never_match_a_lead_and_expiry_is_measured_from_now() {
    let rules = Rules::parse(RULES).unwrap();
    let mut soon = lead("DE");
    assert_eq!(decide(&rules, &soon).unwrap(), "Leads about to expire");
    soon.summary.expiration_date = Some(now() + Duration::days(4));
    assert_eq!(decide(&rules, &soon), Err(Skip::NoRule));
}

#[test]
fn only_pending_received_invitations_are_decided() {
    let rules = Rules::parse(RULES).unwrap();
    let mut d = opportunity("DE", "Healthcare", "12000");
    assert_eq!(
        rules.decide(&d, Participant::Sent, now()).map(|_| ()),
        Err(Skip::Sent)
    );
    d.summary.status = Some(InvitationStatus::Accepted);
    assert_eq!(decide(&rules, &d), Err(Skip::NotPending("ACCEPTED".into())));
}

#[test]
fn senders_match_by_kind_account_or_folded_company_name() {
    let mut d = opportunity("DE", "Healthcare", "1");
    d.summary.sender_company = Some("Kühn Consulting".into());
    d.summary.sender_account_id = Some("123456789012".into());
    let by = |s: &str| {
        Conditions {
            senders: vec![Sender::parse(s)],
            ..Conditions::default()
        }
        .matches(&d, now())
    };
    assert!(by("partner"));
    assert!(!by("aws"));
    assert!(by("123456789012"));
    assert!(!by("210987654321"));
    assert!(by("kuhn consulting"));
    assert!(!by("Kühn"));
}

#[test]
fn mistakes_are_errors_that_name_the_rule_and_the_key() {
    let cases = [
        ("action = \"reject\"", "needs a `reason`"),
        (
            "action = \"accept\"\nreason = \"x\"",
            "`reason` is only for",
        ),
        ("action = \"reject\"\nreason = \"\"", "`reason`"),
        ("action = \"accept\"\ncountry = [\"XX\"]", "`country`"),
        (
            "action = \"accept\"\nindustry = [\"Farming\"]",
            "`industry`",
        ),
        (
            "action = \"accept\"\nmin_monthly_spend = { amount = 1, currency = \"XYZ\" }",
            "`min_monthly_spend.currency`",
        ),
        (
            "action = \"accept\"\nmax_monthly_spend = { amount = -1, currency = \"USD\" }",
            "`max_monthly_spend.amount`",
        ),
        ("action = \"approve\"", "unknown variant `approve`"),
        (
            "action = \"accept\"\ncolour = \"red\"",
            "unknown field `colour`",
        ),
        (
            "action = \"accept\"\npayload = [\"deal\"]",
            "unknown variant `deal`",
        ),
    ];
    for (body, wanted) in cases {
        let text = format!("[[rule]]\nname = \"R\"\n{body}\n");
        let error = Rules::parse(&text).unwrap_err();
        assert!(error.contains(wanted), "{body:?} gave {error:?}");
    }
    let error = Rules::parse("[[rule]]\nname = \"R\"\naction = \"reject\"\n").unwrap_err();
    assert!(error.starts_with("rule 1 (\"R\")"), "{error}");
}

#[test]
fn the_example_file_in_assets_is_valid() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/rules.example.toml");
    let rules = Rules::load(&path).unwrap();
    assert!(rules.rules.len() >= 3);
}
