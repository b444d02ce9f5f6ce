//! CreateEngagementContext and UpdateEngagementContext through the real SDK: a member adds a
//! lead to an engagement and updates it against the engagement's last modification time.

use crate::common;

use aws_sdk_partnercentralselling::types::{
    EngagementContextPayload, EngagementContextType, LeadContact, LeadContext, LeadCustomer,
    LeadInteraction, UpdateEngagementContextPayload, UpdateLeadContext,
};
use aws_smithy_types::DateTime;

/// An engagement the seed's first account (northwind) is a member of.
const ENGAGEMENT: &str = "eng-3ek073i3v9yb1t";

fn contact() -> LeadContact {
    LeadContact::builder()
        .business_title("CTO")
        .email("ane@aero.example")
        .first_name("Ane")
        .last_name("Holm")
        .build()
        .unwrap()
}

fn customer(name: &str) -> LeadCustomer {
    LeadCustomer::builder().company_name(name).build().unwrap()
}

fn lead() -> EngagementContextPayload {
    EngagementContextPayload::Lead(
        LeadContext::builder()
            .customer(customer("Ærø Bryghus"))
            .interactions(LeadInteraction::builder().contact(contact()).build())
            .build()
            .unwrap(),
    )
}

fn disqualify() -> UpdateEngagementContextPayload {
    UpdateEngagementContextPayload::Lead(
        UpdateLeadContext::builder()
            .qualification_status("Disqualified")
            .customer(customer("Ærø Bryghus ApS"))
            .interaction(LeadInteraction::builder().contact(contact()).build())
            .build(),
    )
}

#[tokio::test]
async fn a_member_adds_a_lead_and_updates_it_against_the_last_modification() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk(&emulator);
    let create = || {
        sdk.create_engagement_context()
            .catalog("AWS")
            .engagement_identifier(ENGAGEMENT)
            .client_token("lead-1")
            .r#type(EngagementContextType::Lead)
            .payload(lead())
    };
    let made = create().send().await.unwrap();
    let context = made.context_id().unwrap().to_string();
    assert_eq!(made.engagement_id(), Some(ENGAGEMENT));
    let again = create().send().await.unwrap();
    assert_eq!(
        again.context_id(),
        Some(context.as_str()),
        "the same ClientToken"
    );

    let update = |at: DateTime, id: &str| {
        sdk.update_engagement_context()
            .catalog("AWS")
            .engagement_identifier(ENGAGEMENT)
            .context_identifier(id)
            .engagement_last_modified_at(at)
            .r#type(EngagementContextType::Lead)
            .payload(disqualify())
    };
    let stale = DateTime::from_secs(1_700_000_000);
    let conflict = update(stale, &context).send().await.unwrap_err();
    assert_eq!(
        conflict.as_service_error().map(|e| e.meta().code()),
        Some(Some("ConflictException"))
    );
    let at = *made.engagement_last_modified_at().unwrap();
    let missing = update(at, "99").send().await.unwrap_err();
    assert_eq!(
        missing.as_service_error().map(|e| e.meta().code()),
        Some(Some("ResourceNotFoundException"))
    );
    let updated = update(at, &context).send().await.unwrap();
    assert!(updated.engagement_last_modified_at() >= &at);

    let engagement = sdk
        .get_engagement()
        .catalog("AWS")
        .identifier(ENGAGEMENT)
        .send()
        .await
        .unwrap();
    let lead = engagement
        .contexts()
        .iter()
        .find(|c| c.id() == Some(context.as_str()))
        .and_then(|c| c.payload())
        .and_then(|p| p.as_lead().ok())
        .expect("the lead");
    assert_eq!(lead.qualification_status(), "Disqualified");
    assert_eq!(lead.customer().unwrap().company_name(), "Ærø Bryghus ApS");
    assert_eq!(
        lead.interactions().len(),
        2,
        "the update's interaction is added"
    );
}

#[tokio::test]
async fn an_account_outside_the_engagement_cannot_add_a_context() {
    let emulator = common::start(common::config(0)).await;
    let partner2 = common::sdk_with(
        &emulator,
        aws_credential_types::Credentials::new("partner2", "partner2", None, None, "test"),
    );
    let refused = partner2
        .create_engagement_context()
        .catalog("AWS")
        .engagement_identifier(ENGAGEMENT)
        .client_token("lead-2")
        .r#type(EngagementContextType::Lead)
        .payload(lead())
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        refused.as_service_error().and_then(|e| e.meta().code()),
        Some("ResourceNotFoundException"),
        "an engagement partner2 cannot see is not found: {refused:?}"
    );
}
