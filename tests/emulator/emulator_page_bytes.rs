//! A page's answer is bounded in bytes: the model sets no length on some members (an address
//! part), so a page of the rows asked for could answer hundreds of megabytes. It stops early
//! with a NextToken instead, and the next page goes on from there.

use crate::common;

use aws_sdk_partnercentralselling::types::{Account, Address, CountryCode, Customer};
use serde_json::{json, Value};

/// The emulator's page limit (`PAGE_BYTES` in `src/emulator/paging.rs`).
const PAGE_BYTES: usize = 4 * 1024 * 1024;
/// Room for what a page holds besides its rows: the member names and the NextToken.
const ENVELOPE: usize = 4 * 1024;

/// Creates an opportunity whose state or region is 1.5 MiB long; returns its id.
async fn create_large(sdk: &aws_sdk_partnercentralselling::Client, n: usize) -> String {
    let address = Address::builder()
        .country_code(CountryCode::Us)
        .state_or_region(format!("{n}").repeat(1536 * 1024))
        .build();
    let account = Account::builder()
        .company_name(format!("Large {n}"))
        .address(address)
        .build()
        .unwrap();
    sdk.create_opportunity()
        .catalog("AWS")
        .client_token(format!("large-{n}"))
        .customer(Customer::builder().account(account).build())
        .send()
        .await
        .unwrap()
        .id()
        .to_string()
}

/// Lists every opportunity, page by page, with `extra` request members; returns the pages'
/// ids and the length of each answer.
async fn pages(emulator: &pc_inbox::emulator::Emulator, extra: Value) -> Vec<(Vec<String>, usize)> {
    let mut pages = Vec::new();
    let mut request = json!({"Catalog": "AWS"});
    for (k, v) in extra.as_object().unwrap() {
        request[k] = v.clone();
    }
    loop {
        let r = common::raw_call(
            emulator,
            "ListOpportunities",
            &request.to_string(),
            Some(("test", "test")),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let ids = r.body["OpportunitySummaries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["Id"].as_str().unwrap().to_string())
            .collect();
        pages.push((ids, r.len));
        match r.body["NextToken"].as_str() {
            Some(token) => request["NextToken"] = json!(token),
            None => return pages,
        }
    }
}

#[tokio::test]
async fn a_page_stops_before_passing_the_byte_limit_and_the_next_goes_on_from_there() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk(&emulator);
    let mut large = Vec::new();
    for n in 0..5 {
        large.push(create_large(&sdk, n).await);
    }
    let by_default = pages(&emulator, json!({})).await;
    for (ids, len) in &by_default {
        assert!(!ids.is_empty(), "a page holds at least one row");
        assert!(*len <= PAGE_BYTES + ENVELOPE, "a {len}-byte page");
    }
    let (first, _) = &by_default[0];
    assert!(
        first.len() < 20 && by_default.len() > 1,
        "the first page stops early with a NextToken: {} rows",
        first.len()
    );
    let listed: Vec<String> = by_default.into_iter().flat_map(|(ids, _)| ids).collect();
    let one_by_one: Vec<String> = pages(&emulator, json!({"MaxResults": 1}))
        .await
        .into_iter()
        .flat_map(|(ids, _)| ids)
        .collect();
    assert_eq!(listed, one_by_one, "no row lost or repeated across pages");
    for id in &large {
        assert!(listed.contains(id), "{id} is listed");
    }
}
