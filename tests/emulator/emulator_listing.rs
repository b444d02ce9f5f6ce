//! ListEngagementInvitations through the real SDK client: paging, filters, sort orders.

use crate::common;

use std::collections::HashSet;
use std::time::Duration;

use pc_inbox::domain::{InvitationStatus, ListQuery, Participant, PayloadKind, SortOrder};
use pc_inbox::service::aws::AwsPartnerCentral;
use pc_inbox::service::PartnerCentral;

async fn all_pages(
    client: &AwsPartnerCentral,
    query: &ListQuery,
) -> Vec<pc_inbox::domain::InvitationSummary> {
    let mut rows = Vec::new();
    let mut token = None;
    loop {
        let page = client.list_invitations(query, token).await.unwrap();
        if let Some(size) = query.page_size {
            assert!(page.items.len() <= size as usize);
        }
        rows.extend(page.items);
        token = page.next_token;
        if token.is_none() {
            return rows;
        }
    }
}

#[tokio::test]
async fn pages_through_every_invitation_once_at_any_page_size() {
    let (_emulator, client) = common::start_with_client(common::config(250)).await;
    let received_in_seed = common::seed_ids(|i| i["ParticipantType"] == "RECEIVER").len();
    let expected = 250 + received_in_seed;
    let mut reference: Option<Vec<String>> = None;
    for size in [1, 7, 100] {
        let mut query = ListQuery::new(Participant::Received);
        query.page_size = Some(size);
        let ids: Vec<String> = all_pages(&client, &query)
            .await
            .into_iter()
            .map(|r| r.id)
            .collect();
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(ids.len(), expected, "page size {size}");
        assert_eq!(unique.len(), expected, "duplicates at page size {size}");
        match &reference {
            None => reference = Some(ids),
            Some(r) => assert_eq!(r, &ids, "order differs at page size {size}"),
        }
    }
}

#[tokio::test]
async fn a_next_token_survives_new_invitations_arriving() {
    let (emulator, client) = common::start_with_client(common::config(0)).await;
    let mut query = ListQuery::new(Participant::Sent);
    query.page_size = Some(3);
    let first = client.list_invitations(&query, None).await.unwrap();
    let engagement = common::sdk(&emulator)
        .list_engagements()
        .catalog("AWS")
        .created_by("111122223333")
        .send()
        .await
        .unwrap()
        .engagement_summary_list()[0]
        .id()
        .unwrap()
        .to_string();
    client
        .create_invitation(
            &engagement,
            "arrives-mid-paging",
            &pc_inbox_test_invitation(),
        )
        .await
        .unwrap();
    let mut ids: Vec<String> = first.items.into_iter().map(|r| r.id).collect();
    let mut token = first.next_token;
    while let Some(t) = token {
        let page = client.list_invitations(&query, Some(t)).await.unwrap();
        ids.extend(page.items.into_iter().map(|r| r.id));
        token = page.next_token;
    }
    let sent_in_seed = common::seed_ids(|i| i["ParticipantType"] == "SENDER");
    assert_eq!(
        ids.len(),
        sent_in_seed.len(),
        "the new, newest row lands before the cursor"
    );
    assert_eq!(
        ids.iter().collect::<HashSet<_>>(),
        sent_in_seed.iter().collect::<HashSet<_>>()
    );
}

fn pc_inbox_test_invitation() -> pc_inbox::domain::NewInvitation {
    use pc_inbox::domain::*;
    NewInvitation {
        receiver: Receiver {
            account_id: "444455556666".into(),
            alias: Some("Fabrikam".into()),
        },
        message: "Let's co-sell this one".into(),
        payload: NewPayload::Lead(LeadPayload {
            customer: LeadCustomer {
                company_name: "Contoso".into(),
                country_code: Some("US".into()),
                ..Default::default()
            },
            interaction: LeadInteraction {
                source_type: Some("Event".into()),
                source_id: Some("e-1".into()),
                source_name: Some("Summit".into()),
                contact_business_title: "CTO".into(),
                ..Default::default()
            },
        }),
    }
}

#[tokio::test]
async fn sorts_by_invitation_date_both_ways() {
    let (_emulator, client) = common::start_with_client(common::config(30)).await;
    let mut query = ListQuery::new(Participant::Received);
    query.page_size = Some(9);
    let newest = all_pages(&client, &query).await;
    query.sort = SortOrder::OldestFirst;
    let oldest = all_pages(&client, &query).await;
    let dates: Vec<_> = newest.iter().map(|r| r.invitation_date.unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let dates: Vec<_> = oldest.iter().map(|r| r.invitation_date.unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    let reversed: Vec<_> = oldest.iter().rev().map(|r| r.id.clone()).collect();
    assert_eq!(
        reversed,
        newest.iter().map(|r| r.id.clone()).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn filters_by_status_payload_engagement_sender_and_side() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let everything = all_pages(&client, &ListQuery::new(Participant::Received)).await;
    assert!(everything
        .iter()
        .all(|r| r.participant == Some(Participant::Received)));

    for status in InvitationStatus::ALL {
        let mut q = ListQuery::new(Participant::Received);
        q.statuses = vec![status.clone()];
        let rows = all_pages(&client, &q).await;
        assert!(!rows.is_empty(), "{status:?}");
        assert!(rows.iter().all(|r| r.status.as_ref() == Some(&status)));
    }
    let mut q = ListQuery::new(Participant::Received);
    q.statuses = vec![InvitationStatus::Accepted, InvitationStatus::Rejected];
    let both = all_pages(&client, &q).await;
    let count = |s: &InvitationStatus| {
        everything
            .iter()
            .filter(|r| r.status.as_ref() == Some(s))
            .count()
    };
    assert_eq!(
        both.len(),
        count(&InvitationStatus::Accepted) + count(&InvitationStatus::Rejected)
    );

    for kind in [PayloadKind::Lead, PayloadKind::Opportunity] {
        let mut q = ListQuery::new(Participant::Received);
        q.payload_kinds = vec![kind.clone()];
        let rows = all_pages(&client, &q).await;
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| r.payload_kind.as_ref() == Some(&kind)));
    }

    let sample = &everything[3];
    let mut q = ListQuery::new(Participant::Received);
    q.engagement_ids = vec![sample.engagement_id.clone().unwrap()];
    let rows = all_pages(&client, &q).await;
    assert_eq!(rows.iter().map(|r| &r.id).collect::<Vec<_>>(), [&sample.id]);

    let mut q = ListQuery::new(Participant::Received);
    q.sender_account_ids = vec![sample.sender_account_id.clone().unwrap()];
    let rows = all_pages(&client, &q).await;
    assert!(rows.iter().any(|r| r.id == sample.id));
    assert!(rows
        .iter()
        .all(|r| r.sender_account_id == sample.sender_account_id));

    let sent = all_pages(&client, &ListQuery::new(Participant::Sent)).await;
    assert_eq!(
        sent.len(),
        common::seed_ids(|i| i["ParticipantType"] == "SENDER").len()
    );
    assert!(sent
        .iter()
        .all(|r| r.participant == Some(Participant::Sent)));
}

#[tokio::test]
async fn past_their_expiry_pending_invitations_read_as_expired() {
    let mut seed = common::seed_json();
    let target = common::acceptable(0);
    for inv in seed["Invitations"].as_array_mut().unwrap() {
        if inv["Id"] == target.as_str() {
            inv["ExpiresInHours"] = serde_json::json!(-1);
        }
    }
    let (_emulator, client) = common::start_with_client(pc_inbox::emulator::EmulatorConfig {
        seed: common::seed_from(&seed),
        ..common::config(0)
    })
    .await;
    let detail = client.get_invitation(&target).await.unwrap();
    assert_eq!(detail.summary.status, Some(InvitationStatus::Expired));
    let mut q = ListQuery::new(Participant::Received);
    q.statuses = vec![InvitationStatus::Expired];
    assert!(all_pages(&client, &q).await.iter().any(|r| r.id == target));
    q.statuses = vec![InvitationStatus::Pending];
    assert!(!all_pages(&client, &q).await.iter().any(|r| r.id == target));
    let err = client
        .reject_invitation(&target, Some("Other"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, pc_inbox::service::ServiceError::Conflict { .. }),
        "{err:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_pending_invitation_expires_when_paused_time_reaches_its_expiry() {
    let (_emulator, client) = common::start_in_process(common::config(0)).await;
    let target = common::acceptable(0);
    let hours = common::seed_json()["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["Id"] == target.as_str())
        .unwrap()["ExpiresInHours"]
        .as_u64()
        .unwrap();
    let expiry = Duration::from_secs(hours * 3600);
    tokio::time::sleep(expiry - Duration::from_secs(1)).await;
    let detail = client.get_invitation(&target).await.unwrap();
    assert_eq!(detail.summary.status, Some(InvitationStatus::Pending));
    tokio::time::sleep(Duration::from_secs(1)).await;
    let detail = client.get_invitation(&target).await.unwrap();
    assert_eq!(detail.summary.status, Some(InvitationStatus::Expired));
    let mut q = ListQuery::new(Participant::Received);
    q.statuses = vec![InvitationStatus::Expired];
    assert!(all_pages(&client, &q).await.iter().any(|r| r.id == target));
}
