//! ListEngagements, GetEngagement, CreateEngagement and CreateEngagementInvitation.

use crate::common;

use pc_inbox::domain::{
    Contact, Customer, ListQuery, NewInvitation, NewPayload, OpportunityPayload, Participant,
    Payload, Project, Receiver, Spend,
};
use pc_inbox::service::{PartnerCentral, ServiceError};

fn invitation() -> NewInvitation {
    NewInvitation {
        receiver: Receiver {
            account_id: "444455556666".into(),
            alias: Some("Fabrikam".into()),
        },
        message: "We'd like you to deliver the migration with us.".into(),
        payload: NewPayload::Opportunity(OpportunityPayload {
            opportunity_type: None,
            customer: Customer {
                company_name: "Zürich Mobility AG".into(),
                industry: "Transportation and Logistics".into(),
                country_code: "CH".into(),
                website_url: "https://www.zuerich-mobility.example".into(),
            },
            project: Project {
                title: "Fleet telemetry on AWS IoT".into(),
                business_problem: "The on-premises telemetry stack cannot ingest 40k vehicles."
                    .into(),
                target_completion_date: "2027-09-30".into(),
                expected_spend: vec![Spend {
                    amount: Some("25000.00".into()),
                    currency: "CHF".into(),
                    frequency: "Monthly".into(),
                    target_company: "AWS".into(),
                    estimation_url: None,
                }],
            },
            receiver_responsibilities: vec!["Services Partner".into()],
            sender_contacts: vec![Contact {
                email: "anna.keller@northwind.example".into(),
                first_name: Some("Anna".into()),
                last_name: Some("Keller".into()),
                business_title: Some("Partner Manager".into()),
                phone: Some("+41445550101".into()),
            }],
        }),
    }
}

async fn own_engagement(client: &impl PartnerCentral) -> String {
    let mut token = None;
    loop {
        let page = client.list_engagements(token).await.unwrap();
        if let Some(e) = page
            .items
            .iter()
            .find(|e| e.created_by.as_deref() == Some("111122223333"))
        {
            return e.id.clone();
        }
        token = Some(
            page.next_token
                .expect("the seed has engagements of our own"),
        );
    }
}

#[tokio::test]
async fn engagements_page_without_gaps() {
    let (emulator, client) = common::start_with_client(common::config(0)).await;
    let mut ids = Vec::new();
    let mut token = None;
    loop {
        let page = client.list_engagements(token).await.unwrap();
        ids.extend(page.items.into_iter().map(|e| e.id));
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    let expected = common::seed_json()["Engagements"].as_array().unwrap().len();
    assert!(expected > 20, "more than one page");
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!((ids.len(), unique.len()), (expected, expected));
    let sdk = common::sdk(&emulator);
    let got = sdk
        .get_engagement()
        .catalog("AWS")
        .identifier(&ids[0])
        .send()
        .await
        .unwrap();
    assert_eq!(got.id(), Some(ids[0].as_str()));
}

#[tokio::test]
async fn creating_an_invitation_twice_with_one_token_creates_one() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let engagement = own_engagement(&client).await;
    let first = client
        .create_invitation(&engagement, "draft-1", &invitation())
        .await
        .unwrap();
    let again = client
        .create_invitation(&engagement, "draft-1", &invitation())
        .await
        .unwrap();
    assert_eq!(first, again);
    assert!(first.arn.ends_with(&first.id));

    let mut query = ListQuery::new(Participant::Sent);
    query.page_size = Some(100);
    let sent = client.list_invitations(&query, None).await.unwrap().items;
    assert_eq!(sent.iter().filter(|r| r.id == first.id).count(), 1);
    assert_eq!(sent[0].id, first.id, "newest first");
    let detail = client.get_invitation(&first.id).await.unwrap();
    let Payload::Opportunity(o) = detail.payload else {
        panic!()
    };
    assert_eq!(o.customer.company_name, "Zürich Mobility AG");

    let mut changed = invitation();
    changed.message = "Something else".into();
    let err = client
        .create_invitation(&engagement, "draft-1", &changed)
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::Conflict { .. }), "{err:?}");
}

#[tokio::test]
async fn invalid_invitations_come_back_with_field_errors() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let engagement = own_engagement(&client).await;
    let mut bad = invitation();
    bad.receiver.account_id = "12345678901234".into();
    if let NewPayload::Opportunity(o) = &mut bad.payload {
        o.sender_contacts[0].email = "not-an-email".into();
        o.project.business_problem = "too short".into();
    }
    let err = client
        .create_invitation(&engagement, "draft-bad", &bad)
        .await
        .unwrap_err();
    let ServiceError::Validation { fields, .. } = &err else {
        panic!("{err:?}")
    };
    let names: Vec<_> = fields.iter().filter_map(|f| f.field.as_deref()).collect();
    assert!(
        names.contains(&"Invitation.Payload.OpportunityInvitation.SenderContacts[0].Email"),
        "{names:?}"
    );
    assert!(
        names.contains(&"Invitation.Payload.OpportunityInvitation.Project.BusinessProblem"),
        "{names:?}"
    );
    assert!(
        names.contains(&"Invitation.Receiver.Account.AwsAccountId"),
        "{names:?}"
    );

    let mut own = invitation();
    own.receiver.account_id = "111122223333".into();
    let err = client
        .create_invitation(&engagement, "draft-own", &own)
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::Validation { .. }), "{err:?}");

    let err = client
        .create_invitation("eng-00000000000000", "draft-x", &invitation())
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::NotFound { .. }), "{err:?}");
}

#[tokio::test]
async fn create_engagement_is_idempotent_on_its_token() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk(&emulator);
    let create = || {
        sdk.create_engagement()
            .catalog("AWS")
            .client_token("eng-token")
            .title("Joint GTM")
            .description("d")
    };
    let a = create().send().await.unwrap();
    let b = create().send().await.unwrap();
    assert_eq!(a.id(), b.id());
    let listed = sdk
        .list_engagements()
        .catalog("AWS")
        .engagement_identifier(a.id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(listed.engagement_summary_list().len(), 1);
}
