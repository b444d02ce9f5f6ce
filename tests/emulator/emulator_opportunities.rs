//! CreateOpportunity, GetOpportunity, ListOpportunities and UpdateOpportunity with the real SDK,
//! and the opportunity a completed accept task creates.
//!
//! These run on paused tokio time with the emulator's in-process HTTP client.

use crate::common;

use std::time::Duration;

use aws_sdk_partnercentralselling::types::{
    Account, Address, CountryCode, Customer, ExpectedCustomerSpend, Industry, LifeCycle,
    OpportunityOrigin, OpportunitySort, OpportunitySortName, PaymentFrequency, Project,
    ReviewStatus, SortOrder, Stage,
};
use aws_sdk_partnercentralselling::Client;
use pc_inbox::domain::{TaskKind, TaskStart, TaskStatus};
use pc_inbox::service::PartnerCentral;
use serde_json::Value;

fn customer(company: &str) -> Customer {
    Customer::builder()
        .account(
            Account::builder()
                .company_name(company)
                .industry(Industry::Retail)
                .address(Address::builder().country_code(CountryCode::Ie).build())
                .build()
                .unwrap(),
        )
        .build()
}

fn project(title: &str) -> Project {
    Project::builder()
        .title(title)
        .customer_business_problem("The store systems cannot take the Christmas peak any more.")
        .expected_customer_spend(
            ExpectedCustomerSpend::builder()
                .amount("2500.00")
                .currency_code("EUR".into())
                .frequency(PaymentFrequency::Monthly)
                .target_company("AWS")
                .build()
                .unwrap(),
        )
        .build()
}

async fn create(sdk: &Client, token: &str, title: &str, close: &str) -> Result<String, String> {
    sdk.create_opportunity()
        .catalog("AWS")
        .client_token(token)
        .origin(OpportunityOrigin::PartnerReferral)
        .customer(customer("Shamrock Outfitters Ltd"))
        .project(project(title))
        .life_cycle(
            LifeCycle::builder()
                .stage(Stage::Qualified)
                .target_close_date(close)
                .build(),
        )
        .send()
        .await
        .map(|o| o.id().to_string())
        .map_err(|e| format!("{:?}", e.into_service_error()))
}

#[tokio::test(start_paused = true)]
async fn create_is_idempotent_validates_and_get_returns_what_it_made() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let id = create(&sdk, "token-create", "Store modernisation", "2030-06-30")
        .await
        .unwrap();
    assert!(id.starts_with('O') && id[1..].chars().all(|c| c.is_ascii_digit()));
    let again = create(&sdk, "token-create", "Store modernisation", "2030-06-30").await;
    assert_eq!(
        again.as_ref(),
        Ok(&id),
        "a replay returns the same opportunity"
    );
    let conflict = create(&sdk, "token-create", "Something else", "2030-06-30").await;
    assert!(
        conflict.as_ref().unwrap_err().contains("ConflictException"),
        "{conflict:?}"
    );
    let invalid = create(&sdk, "token-invalid", "Store modernisation", "2030-13-45").await;
    assert!(
        invalid
            .as_ref()
            .unwrap_err()
            .contains("ValidationException"),
        "{invalid:?}"
    );

    let got = sdk
        .get_opportunity()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(got.id(), id);
    assert_eq!(got.catalog(), "AWS");
    assert_eq!(got.project().unwrap().title(), Some("Store modernisation"));
    let account = got.customer().unwrap().account().unwrap();
    assert_eq!(account.company_name(), "Shamrock Outfitters Ltd");
    let life_cycle = got.life_cycle().unwrap();
    assert_eq!(life_cycle.stage(), Some(&Stage::Qualified));
    assert_eq!(life_cycle.target_close_date(), Some("2030-06-30"));
    assert_eq!(
        life_cycle.review_status(),
        Some(&ReviewStatus::PendingSubmission)
    );
    let missing = sdk
        .get_opportunity()
        .catalog("AWS")
        .identifier("O9999999999")
        .send()
        .await
        .unwrap_err();
    assert!(missing
        .as_service_error()
        .unwrap()
        .is_resource_not_found_exception());
}

#[tokio::test(start_paused = true)]
async fn list_pages_through_a_filtered_sorted_listing() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let stages = ["Qualified", "Technical Validation"];
    let mut expected: Vec<(String, String)> = common::seed_json()["Opportunities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| stages.contains(&o["Opportunity"]["LifeCycle"]["Stage"].as_str().unwrap()))
        .map(|o| {
            let name = o["Opportunity"]["Customer"]["Account"]["CompanyName"].as_str();
            (
                name.unwrap().to_lowercase(),
                o["Id"].as_str().unwrap().into(),
            )
        })
        .collect();
    expected.sort();
    assert!(expected.len() > 2, "the seed fills more than one page");
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = sdk
            .list_opportunities()
            .catalog("AWS")
            .max_results(2)
            .life_cycle_stage(Stage::Qualified)
            .life_cycle_stage(Stage::TechnicalValidation)
            .sort(
                OpportunitySort::builder()
                    .sort_by(OpportunitySortName::CustomerCompanyName)
                    .sort_order(SortOrder::Ascending)
                    .build()
                    .unwrap(),
            )
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        pages += 1;
        assert!(page.opportunity_summaries().len() <= 2);
        for row in page.opportunity_summaries() {
            let stage = row.life_cycle().unwrap().stage().unwrap().as_str();
            assert!(stages.contains(&stage), "{stage}");
            let name = row.customer().unwrap().account().unwrap().company_name();
            seen.push((name.to_lowercase(), row.id().unwrap().to_string()));
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(seen, expected);
    assert_eq!(pages, expected.len().div_ceil(2));
}

#[tokio::test(start_paused = true)]
async fn an_update_with_a_stale_last_modified_date_conflicts() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let id = common::seed_json()["Opportunities"][0]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let current = sdk
        .get_opportunity()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap();
    let update = |modified: aws_smithy_types::DateTime| {
        sdk.update_opportunity()
            .catalog("AWS")
            .identifier(&id)
            .last_modified_date(modified)
            .set_customer(current.customer().cloned())
            .set_project(current.project().cloned())
            .life_cycle(
                LifeCycle::builder()
                    .stage(Stage::TechnicalValidation)
                    .next_steps("Architecture review booked")
                    .build(),
            )
            .send()
    };
    let updated = update(*current.last_modified_date()).await.unwrap();
    assert!(updated.last_modified_date() > current.last_modified_date());
    let stale = update(*current.last_modified_date()).await.unwrap_err();
    assert!(
        stale.as_service_error().unwrap().is_conflict_exception(),
        "{stale:?}"
    );
    let now = sdk
        .get_opportunity()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap();
    let life_cycle = now.life_cycle().unwrap();
    assert_eq!(life_cycle.stage(), Some(&Stage::TechnicalValidation));
    assert_eq!(now.last_modified_date(), updated.last_modified_date());
}

#[tokio::test(start_paused = true)]
async fn accepting_an_invitation_creates_an_opportunity_with_its_project_title() {
    let (emulator, client) = common::start_in_process(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let seed = common::seed_json();
    let invitation: &Value = seed["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["Payload"].get("OpportunityInvitation").is_some())
        .find(|i| (0..3).any(|n| i["Id"] == common::acceptable(n).as_str()))
        .expect("an acceptable opportunity invitation");
    let id = invitation["Id"].as_str().unwrap();
    let task = client
        .start_task(
            &TaskStart::Accept {
                invitation_id: id.to_string(),
            },
            "token-accept",
        )
        .await
        .unwrap();
    let mut done = task.clone();
    for _ in 0..100 {
        done = client.get_task(TaskKind::Accept, &task.id).await.unwrap();
        if done.status.is_finished() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(done.status, TaskStatus::Complete);
    let opportunity = sdk
        .get_opportunity()
        .catalog("AWS")
        .identifier(done.opportunity_id.unwrap())
        .send()
        .await
        .unwrap();
    let title = &invitation["Payload"]["OpportunityInvitation"]["Project"]["Title"];
    assert_eq!(opportunity.project().unwrap().title(), title.as_str());
    assert_eq!(
        opportunity.life_cycle().unwrap().stage(),
        Some(&Stage::Prospect)
    );
}
