//! Several partner accounts in one emulator: the access key picks the account a request acts
//! as, invitations between seeded accounts reach the receiver, accepting one makes the receiver
//! a member (ListEngagementMembers), and `arrivals_every` brings new invitations over time.

use crate::common;

use std::time::{Duration, Instant};

use aws_sdk_partnercentralselling::types::{InvitationStatus, ParticipantType, TaskStatus};
use aws_sdk_partnercentralselling::Client;
use pc_inbox::domain::{
    Contact, Customer, NewInvitation, NewPayload, OpportunityPayload, Project, Receiver, Spend,
};
use pc_inbox::emulator::{Clock, Emulator, EmulatorConfig};
use pc_inbox::service::PartnerCentral;

const FIRST: &str = "111122223333";
/// The embedded seed's second account, and its key pair.
const PARTNER2: &str = "246813579135";
const PARTNER2_KEY: &str = "partner2";

fn partner2(emulator: &Emulator) -> Client {
    common::sdk_as(emulator, PARTNER2_KEY, PARTNER2_KEY)
}

fn invitation_to(account_id: &str) -> NewInvitation {
    NewInvitation {
        receiver: Receiver {
            account_id: account_id.into(),
            alias: Some("tidewater".into()),
        },
        message: "Could you run the data migration with us?".into(),
        payload: NewPayload::Opportunity(OpportunityPayload {
            opportunity_type: None,
            customer: Customer {
                company_name: "Brightwater Utilities".into(),
                industry: "Energy - Power and Utilities".into(),
                country_code: "US".into(),
                website_url: "https://www.brightwater.example".into(),
            },
            project: Project {
                title: "Meter data lake on AWS".into(),
                business_problem: "The meter data warehouse cannot keep up with 15-minute reads."
                    .into(),
                target_completion_date: "2027-10-31".into(),
                expected_spend: vec![Spend {
                    amount: Some("18000.00".into()),
                    currency: "USD".into(),
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
                business_title: None,
                phone: None,
            }],
        }),
    }
}

/// A new engagement of the first account and an invitation into it for `receiver`.
async fn invite(emulator: &Emulator, receiver: &str, token: &str) -> (String, String) {
    let engagement = common::sdk(emulator)
        .create_engagement()
        .catalog("AWS")
        .client_token(format!("eng-{token}"))
        .title("Brightwater meter data lake")
        .description("Joint delivery")
        .send()
        .await
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let created = common::client(emulator)
        .await
        .create_invitation(&engagement, token, &invitation_to(receiver))
        .await
        .unwrap();
    (engagement, created.id)
}

/// Ids and statuses of every invitation `client` lists on one side.
async fn listed(client: &Client, side: ParticipantType) -> Vec<(String, InvitationStatus)> {
    let mut rows = Vec::new();
    let mut token = None;
    loop {
        let page = client
            .list_engagement_invitations()
            .catalog("AWS")
            .participant_type(side.clone())
            .max_results(50)
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        for s in page.engagement_invitation_summaries() {
            assert_eq!(s.participant_type(), Some(&side));
            rows.push((s.id().to_string(), s.status().unwrap().clone()));
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return rows;
        }
    }
}

fn status_of(rows: &[(String, InvitationStatus)], id: &str) -> Option<InvitationStatus> {
    rows.iter().find(|(i, _)| i == id).map(|(_, s)| s.clone())
}

/// Every member, read `max` at a time.
async fn members(client: &Client, engagement: &str, max: i32) -> Vec<(String, String)> {
    let mut all = Vec::new();
    let mut token = None;
    loop {
        let page = client
            .list_engagement_members()
            .catalog("AWS")
            .identifier(engagement)
            .max_results(max)
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        assert!(page.engagement_member_list().len() <= max as usize);
        all.extend(page.engagement_member_list().iter().map(|m| {
            (
                m.account_id().unwrap().to_string(),
                m.company_name().unwrap().to_string(),
            )
        }));
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return all;
        }
    }
}

async fn member_count(client: &Client, engagement: &str) -> i32 {
    let got = client
        .get_engagement()
        .catalog("AWS")
        .identifier(engagement)
        .send()
        .await
        .unwrap();
    got.member_count().unwrap()
}

#[tokio::test]
async fn an_invitation_to_another_account_is_received_there_and_accepting_it_makes_a_member() {
    let emulator = common::start(common::config(0)).await;
    let (first, second) = (common::sdk(&emulator), partner2(&emulator));
    let (engagement, id) = invite(&emulator, PARTNER2, "to-partner2").await;

    let sent = listed(&first, ParticipantType::Sender).await;
    assert_eq!(status_of(&sent, &id), Some(InvitationStatus::Pending));
    let received = listed(&second, ParticipantType::Receiver).await;
    assert_eq!(received, vec![(id.clone(), InvitationStatus::Pending)]);
    assert!(status_of(&listed(&first, ParticipantType::Receiver).await, &id).is_none());
    for client in [&first, &second] {
        let got = client
            .get_engagement_invitation()
            .catalog("AWS")
            .identifier(&id)
            .send()
            .await
            .unwrap();
        assert_eq!(got.sender_aws_account_id(), Some(FIRST));
        assert_eq!(got.engagement_id(), Some(engagement.as_str()));
    }
    let denied = second
        .list_engagement_members()
        .catalog("AWS")
        .identifier(&engagement)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(denied.is_access_denied_exception(), "{denied:?}");

    let task = second
        .start_engagement_by_accepting_invitation_task()
        .catalog("AWS")
        .identifier(&id)
        .client_token("accept-1")
        .send()
        .await
        .unwrap();
    let task_id = task.task_id().unwrap().to_string();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let tasks = second
            .list_engagement_by_accepting_invitation_tasks()
            .catalog("AWS")
            .task_identifier(&task_id)
            .send()
            .await
            .unwrap();
        if tasks.task_summaries()[0].task_status() == Some(&TaskStatus::Complete) {
            break;
        }
        assert!(Instant::now() < deadline, "the accept task never completed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let others = first
        .list_engagement_by_accepting_invitation_tasks()
        .catalog("AWS")
        .task_identifier(&task_id)
        .send()
        .await
        .unwrap();
    assert!(
        others.task_summaries().is_empty(),
        "a task is its account's"
    );

    let sent = listed(&first, ParticipantType::Sender).await;
    assert_eq!(status_of(&sent, &id), Some(InvitationStatus::Accepted));
    let expected = vec![
        (FIRST.to_string(), "Northwind Cloud Partners".to_string()),
        (
            PARTNER2.to_string(),
            "Tidewater Cloud Solutions".to_string(),
        ),
    ];
    for client in [&first, &second] {
        assert_eq!(members(client, &engagement, 10).await, expected);
        assert_eq!(members(client, &engagement, 1).await, expected);
        assert_eq!(member_count(client, &engagement).await, 2);
    }
    let listed = second
        .list_engagements()
        .catalog("AWS")
        .send()
        .await
        .unwrap();
    let rows = listed.engagement_summary_list();
    assert_eq!(rows.len(), 1, "partner2 sees the engagement it joined");
    assert_eq!(rows[0].member_count(), Some(2));

    // The opportunity the accept created is in partner2's pipeline, and only there.
    let opportunity = tasks_opportunity(&second, &task_id).await;
    let own = second
        .get_opportunity()
        .catalog("AWS")
        .identifier(&opportunity)
        .send()
        .await
        .unwrap();
    assert_eq!(own.id(), opportunity);
    let hidden = first
        .get_opportunity()
        .catalog("AWS")
        .identifier(&opportunity)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(hidden.is_resource_not_found_exception(), "{hidden:?}");
    let pipeline = |client: Client| async move {
        let out = client
            .list_opportunities()
            .catalog("AWS")
            .max_results(100)
            .send()
            .await
            .unwrap();
        out.opportunity_summaries()
            .iter()
            .filter_map(|o| o.id().map(str::to_string))
            .collect::<Vec<_>>()
    };
    assert_eq!(pipeline(second.clone()).await, vec![opportunity.clone()]);
    assert!(!pipeline(first.clone()).await.contains(&opportunity));
}

/// The opportunity a completed accept task names.
async fn tasks_opportunity(client: &Client, task_id: &str) -> String {
    let tasks = client
        .list_engagement_by_accepting_invitation_tasks()
        .catalog("AWS")
        .task_identifier(task_id)
        .send()
        .await
        .unwrap();
    tasks.task_summaries()[0]
        .opportunity_id()
        .expect("a completed task names its opportunity")
        .to_string()
}

#[tokio::test]
async fn the_sender_sees_a_rejection_with_its_reason() {
    let emulator = common::start(common::config(0)).await;
    let (_, id) = invite(&emulator, PARTNER2, "to-reject").await;
    partner2(&emulator)
        .reject_engagement_invitation()
        .catalog("AWS")
        .identifier(&id)
        .rejection_reason("Customer has chosen a different partner")
        .send()
        .await
        .unwrap();
    let got = common::sdk(&emulator)
        .get_engagement_invitation()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), Some(&InvitationStatus::Rejected));
    assert_eq!(
        got.rejection_reason(),
        Some("Customer has chosen a different partner")
    );
    let denied = common::sdk(&emulator)
        .reject_engagement_invitation()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(denied.is_validation_exception(), "{denied:?}");
}

#[tokio::test]
async fn members_need_a_known_engagement_and_membership() {
    let emulator = common::start(common::config(0)).await;
    let (first, second) = (common::sdk(&emulator), partner2(&emulator));
    let seeded = "eng-3ek073i3v9yb1t";
    let listed = members(&first, seeded, 2).await;
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(listed[0].0, FIRST, "the creator first");
    assert_eq!(member_count(&first, seeded).await, 3);

    let unknown = first
        .list_engagement_members()
        .catalog("AWS")
        .identifier("eng-00000000000000")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(unknown.is_resource_not_found_exception(), "{unknown:?}");
    let denied = second
        .list_engagement_members()
        .catalog("AWS")
        .identifier(seeded)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(denied.is_access_denied_exception(), "{denied:?}");
    let hidden = second
        .get_engagement()
        .catalog("AWS")
        .identifier(seeded)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(hidden.is_resource_not_found_exception(), "{hidden:?}");
    let none = second
        .list_engagements()
        .catalog("AWS")
        .send()
        .await
        .unwrap();
    assert!(none.engagement_summary_list().is_empty());
    assert!(listed_nothing(&second).await);
}

async fn listed_nothing(client: &Client) -> bool {
    listed(client, ParticipantType::Receiver).await.is_empty()
        && listed(client, ParticipantType::Sender).await.is_empty()
}

#[tokio::test]
async fn unknown_keys_are_refused_and_custom_keys_act_as_the_first_account() {
    let config = EmulatorConfig {
        credentials: vec![("custom".into(), "custom-secret".into())],
        ..common::config(0)
    };
    let emulator = common::start(config).await;
    let body = r#"{"Catalog":"AWS","Identifier":"engi-0000000000000"}"#;
    for (credentials, error) in [
        (("nobody", "partner2"), "UnrecognizedClientException"),
        (("partner2", "wrong"), "InvalidSignatureException"),
    ] {
        let r = common::raw_call(
            &emulator,
            "GetEngagementInvitation",
            body,
            Some(credentials),
        )
        .await;
        assert_eq!((r.status, r.body["__type"].as_str()), (403, Some(error)));
    }
    let custom = common::sdk_as(&emulator, "custom", "custom-secret");
    let first = common::sdk(&emulator);
    for side in [ParticipantType::Receiver, ParticipantType::Sender] {
        let mine = listed(&first, side.clone()).await;
        assert!(!mine.is_empty());
        assert_eq!(listed(&custom, side).await, mine);
    }
}

/// Ids of the invitations `client` lists on `side` that arrived (`engi-a…`).
async fn arrived(client: &Client, side: ParticipantType) -> Vec<String> {
    let mut ids: Vec<String> = listed(client, side)
        .await
        .into_iter()
        .filter(|(id, status)| id.starts_with("engi-a00") && *status == InvitationStatus::Pending)
        .map(|(id, _)| id)
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn invitations_arrive_on_the_emulator_clock_from_aws_and_from_partner2() {
    let clock = Clock::new();
    let config = EmulatorConfig {
        arrivals_every: Some(Duration::from_secs(3600)),
        clock: clock.clone(),
        ..common::config(0)
    };
    let emulator = common::start(config).await;
    let (first, second) = (common::sdk(&emulator), partner2(&emulator));
    let before = listed(&first, ParticipantType::Receiver).await.len();
    assert!(arrived(&first, ParticipantType::Receiver).await.is_empty());

    clock.advance(Duration::from_secs(2 * 3600 + 60));
    let ids = arrived(&first, ParticipantType::Receiver).await;
    assert_eq!(ids, ["engi-a000000000001", "engi-a000000000002"]);
    assert_eq!(
        listed(&first, ParticipantType::Receiver).await.len(),
        before + 2
    );
    let from = |id: &str| {
        let first = first.clone();
        let id = id.to_string();
        async move {
            first
                .get_engagement_invitation()
                .catalog("AWS")
                .identifier(id)
                .send()
                .await
                .unwrap()
        }
    };
    let aws = from("engi-a000000000001").await;
    assert_eq!(aws.sender_aws_account_id(), Some("000000000000"));
    assert_eq!(aws.sender_company_name(), Some("Amazon Web Services"));
    let partner = from("engi-a000000000002").await;
    assert_eq!(partner.sender_aws_account_id(), Some(PARTNER2));
    assert!(partner.payload().is_some());
    assert_eq!(
        arrived(&second, ParticipantType::Sender).await,
        ["engi-a000000000002"]
    );
    let engagement = partner.engagement_id().unwrap();
    assert_eq!(members(&second, engagement, 10).await.len(), 1);
}

#[tokio::test]
async fn with_arrivals_every_second_a_new_invitation_shows_up_within_seconds() {
    let config = EmulatorConfig {
        arrivals_every: Some(Duration::from_secs(1)),
        ..common::config(0)
    };
    let emulator = common::start(config).await;
    let first = common::sdk(&emulator);
    let deadline = Instant::now() + Duration::from_secs(10);
    while arrived(&first, ParticipantType::Receiver).await.is_empty() {
        assert!(Instant::now() < deadline, "no invitation arrived");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn client_tokens_are_each_accounts_own() {
    let emulator = common::start(common::config(0)).await;
    let create = |client: Client| async move {
        client
            .create_engagement()
            .catalog("AWS")
            .client_token("same-token")
            .title("Joint GTM")
            .description("d")
            .send()
            .await
            .unwrap()
            .id()
            .unwrap()
            .to_string()
    };
    let first = create(common::sdk(&emulator)).await;
    assert_eq!(create(common::sdk(&emulator)).await, first);
    let second = create(partner2(&emulator)).await;
    assert_ne!(second, first);
    let theirs = partner2(&emulator)
        .list_engagements()
        .catalog("AWS")
        .send()
        .await
        .unwrap();
    let ids: Vec<Option<&str>> = theirs
        .engagement_summary_list()
        .iter()
        .map(|e| e.id())
        .collect();
    assert_eq!(ids, [Some(second.as_str())]);
}

#[tokio::test]
async fn a_next_token_pages_only_for_the_account_it_was_issued_to() {
    let emulator = common::start(common::config(0)).await;
    let (first, second) = (common::sdk(&emulator), partner2(&emulator));
    let page = |client: &Client, token: Option<String>| {
        client
            .list_engagement_invitations()
            .catalog("AWS")
            .participant_type(ParticipantType::Sender)
            .max_results(1)
            .set_next_token(token)
            .send()
    };
    invite(&emulator, PARTNER2, "one").await;
    invite(&emulator, PARTNER2, "two").await;
    let token = page(&first, None)
        .await
        .unwrap()
        .next_token()
        .map(str::to_string);
    assert!(token.is_some(), "two sent: a second page");
    assert!(page(&first, token.clone()).await.is_ok(), "its own account");
    let err = page(&second, token).await.unwrap_err();
    let message = format!("{:?}", err.into_service_error());
    assert!(message.contains("NextToken is not valid"), "{message}");
}
