//! GetEngagementInvitation, RejectEngagementInvitation and AcceptEngagementInvitation through
//! the real SDK client.

use crate::common;

use pc_inbox::domain::{InvitationStatus, Payload};
use pc_inbox::service::{PartnerCentral, ServiceError};
use pc_inbox::wire;

fn seed_invitation(id: &str) -> serde_json::Value {
    common::seed_json()["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["Id"] == id)
        .unwrap()
        .clone()
}

/// A seed invitation's payload, read with the wire model, as the domain holds it.
fn seed_payload(seed: &serde_json::Value) -> Payload {
    match serde_json::from_value(seed["Payload"].clone()).unwrap() {
        wire::Payload::OpportunityInvitation(o) => Payload::Opportunity(o),
        wire::Payload::LeadInvitation(l) => Payload::Lead(l),
        wire::Payload::AccountPlanningInvitation(a) => Payload::AccountPlanning(a),
        wire::Payload::Other(kind, json) => Payload::Other { kind, json },
    }
}

#[tokio::test]
async fn details_carry_the_whole_opportunity_payload() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let id = common::seed_ids(|i| {
        i["PayloadType"] == "OpportunityInvitation"
            && i["Payload"]["OpportunityInvitation"]["Project"]["ExpectedCustomerSpend"]
                .as_array()
                .unwrap()
                .len()
                > 1
            && i.get("EnrichmentContext").is_some()
    })
    .remove(0);
    let seed = seed_invitation(&id);
    let d = client.get_invitation(&id).await.unwrap();
    let Payload::Opportunity(o) = &d.payload else {
        panic!("{:?}", d.payload)
    };
    assert!(
        o.opportunity_type.is_some(),
        "a member newer than the SDK is read from the service's JSON"
    );
    assert_eq!(
        d.payload,
        seed_payload(&seed),
        "the whole payload, via the SDK"
    );
    assert_eq!(
        d.existing_members.len(),
        seed["ExistingMembers"].as_array().unwrap().len()
    );
    assert_eq!(d.message.as_deref(), seed["InvitationMessage"].as_str());
    assert_eq!(
        d.summary.engagement_title.as_deref(),
        seed["EngagementTitle"].as_str()
    );
    assert!(d.enrichment.is_some());
    let invited = d.summary.invitation_date.unwrap();
    let age = chrono::Utc::now() - invited;
    assert_eq!(
        age.num_hours(),
        seed["InvitedHoursAgo"].as_i64().unwrap(),
        "dates are relative to start-up"
    );
}

#[tokio::test]
async fn details_carry_lead_payloads_and_non_ascii_text() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let id = common::seed_ids(|i| i["PayloadType"] == "LeadInvitation").remove(0);
    let seed = seed_invitation(&id);
    let d = client.get_invitation(&id).await.unwrap();
    assert!(matches!(d.payload, Payload::Lead(_)));
    assert_eq!(
        d.payload,
        seed_payload(&seed),
        "the whole payload, via the SDK"
    );
    let channel = d.enrichment.and_then(|e| e.channel).expect("a channel");
    let want = &seed["EnrichmentContext"]["LeadInsights"]["ChannelRecommendation"];
    assert_eq!(
        serde_json::to_value(&channel).unwrap(),
        *want,
        "the recommended channel and its windows, which the SDK does not know"
    );

    let non_ascii =
        common::seed_ids(|i| !i["SenderCompanyName"].as_str().unwrap().is_ascii()).remove(0);
    let d = client.get_invitation(&non_ascii).await.unwrap();
    assert_eq!(
        d.summary.sender_company.as_deref(),
        seed_invitation(&non_ascii)["SenderCompanyName"].as_str()
    );
}

#[tokio::test]
async fn get_accepts_an_arn_as_identifier() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let id = common::acceptable(0);
    let arn = client
        .get_invitation(&id)
        .await
        .unwrap()
        .summary
        .arn
        .unwrap();
    assert_eq!(client.get_invitation(&arn).await.unwrap().summary.id, id);
}

#[tokio::test]
async fn reject_only_once_and_only_while_pending() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let id = common::acceptable(1);
    client
        .reject_invitation(&id, Some("Unable to support"))
        .await
        .unwrap();
    let d = client.get_invitation(&id).await.unwrap();
    assert_eq!(d.summary.status, Some(InvitationStatus::Rejected));
    assert_eq!(d.rejection_reason.as_deref(), Some("Unable to support"));
    let again = client
        .reject_invitation(&id, Some("Other"))
        .await
        .unwrap_err();
    let ServiceError::Conflict { message } = &again else {
        panic!("{again:?}")
    };
    assert!(message.contains("REJECTED"), "{message}");
    assert!(
        again.to_string().contains("refresh"),
        "tells the user what to do: {again}"
    );

    let sent = common::seed_ids(|i| i["ParticipantType"] == "SENDER" && i["Status"] == "PENDING")
        .remove(0);
    let err = client
        .reject_invitation(&sent, Some("Other"))
        .await
        .unwrap_err();
    let ServiceError::Validation { fields, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(fields[0].field.as_deref(), Some("Identifier"));
    assert_eq!(fields[0].code, "ACTION_NOT_PERMITTED");
}

#[tokio::test]
async fn the_synchronous_accept_moves_a_pending_invitation_to_accepted() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk(&emulator);
    let id = common::acceptable(2);
    sdk.accept_engagement_invitation()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap();
    let out = sdk
        .get_engagement_invitation()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status().unwrap().as_str(), "ACCEPTED");
    let err = sdk
        .accept_engagement_invitation()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_conflict_exception());
}

#[tokio::test]
async fn account_planning_invitations_are_listed_by_their_type_and_read_whole() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let mut query = pc_inbox::domain::ListQuery::new(pc_inbox::domain::Participant::Received);
    query.payload_kinds = vec![pc_inbox::domain::PayloadKind::AccountPlanning];
    let page = client.list_invitations(&query, None).await.unwrap();
    let mut listed: Vec<String> = page.items.iter().map(|s| s.id.clone()).collect();
    listed.sort();
    let mut seeded = common::seed_ids(|i| i["PayloadType"] == "AccountPlanningInvitation");
    seeded.sort();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed, seeded, "the PayloadType filter");
    for id in &listed {
        let d = client.get_invitation(id).await.unwrap();
        let seed = seed_invitation(id);
        assert_eq!(d.payload, seed_payload(&seed), "the whole account plan");
        let Payload::AccountPlanning(plan) = &d.payload else {
            panic!("{:?}", d.payload)
        };
        assert!(plan.preferred_contact.is_some());
        assert_eq!(
            d.customer_name(),
            seed["Payload"]["AccountPlanningInvitation"]["Customer"]["CompanyName"].as_str()
        );
    }
}
