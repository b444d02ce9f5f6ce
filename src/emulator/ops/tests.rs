//! The store under its lock: reads share it, and a read applies a finished accept task.

use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use parking_lot::RwLock;
use serde_json::{json, Value};

use super::dispatch;
use crate::domain::{InvitationStatus, Participant};
use crate::emulator::seed::Seed;
use crate::emulator::store::Store;
use crate::emulator::TEST_ACCESS_KEY;

fn store(now: DateTime<Utc>) -> RwLock<Store> {
    let seed = Seed::embedded().materialize(now).unwrap();
    RwLock::new(Store::new(seed, chrono::Duration::seconds(3), now))
}

fn listed(store: &RwLock<Store>, catalog: &str, status: &str, now: DateTime<Utc>) -> Vec<Value> {
    let request = json!({
        "Catalog": catalog,
        "ParticipantType": "RECEIVER",
        "Status": [status],
        "MaxResults": 100,
    });
    let page = dispatch(
        "ListEngagementInvitations",
        &request,
        store,
        now,
        TEST_ACCESS_KEY,
    )
    .unwrap();
    page["EngagementInvitationSummaries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Id"].clone())
        .collect()
}

#[test]
fn a_list_answers_while_another_reader_holds_the_store() {
    let now = Utc::now();
    let store = store(now);
    let held = store.read();
    let (done, answered) = mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(|| done.send(listed(&store, "AWS", "PENDING", now).len()));
        let answer = answered.recv_timeout(Duration::from_secs(30));
        drop(held);
        assert!(
            answer.is_ok_and(|n| n > 0),
            "the list waited for the other reader"
        );
    });
}

#[test]
fn a_read_applies_a_finished_accept_task_in_its_catalog_only() {
    let now = Utc::now();
    let store = store(now);
    let id = Seed::embedded()
        .materialize(now)
        .unwrap()
        .invitations
        .into_iter()
        .find(|i| {
            i.participant_for("111122223333") == Some(Participant::Received)
                && i.status == InvitationStatus::Pending
                && i.accept_failure.is_none()
                && i.expiration_date
                    .is_some_and(|e| e > now + chrono::Duration::days(1))
        })
        .unwrap()
        .id;
    let start = json!({"Catalog": "AWS", "Identifier": &*id, "ClientToken": "t-1"});
    dispatch(
        "StartEngagementByAcceptingInvitationTask",
        &start,
        &store,
        now,
        TEST_ACCESS_KEY,
    )
    .unwrap();
    let later = now + chrono::Duration::seconds(3);
    let id = json!(&*id);
    assert!(listed(&store, "AWS", "ACCEPTED", later).contains(&id));
    assert!(!listed(&store, "AWS", "PENDING", later).contains(&id));
    assert!(!listed(&store, "Sandbox", "ACCEPTED", later).contains(&id));
    assert!(listed(&store, "Sandbox", "PENDING", later).contains(&id));
}
