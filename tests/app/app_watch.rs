//! The open inbox keeps up by itself, the production loop against the emulator on paused time:
//! invitations arrive every 3 s, the inbox looks every 24 s, and an outage of the endpoint ends
//! with the inbox caught up and online again, no key pressed.

use crate::common;
use crate::headless;

use std::collections::HashSet;
use std::time::Duration;

use headless::Headless;
use pc_inbox::app::State;
use pc_inbox::domain::{InvitationStatus, InvitationSummary, ListQuery, Participant};
use pc_inbox::emulator::{Emulator, EmulatorConfig};
use pc_inbox::service::PartnerCentral;
use pc_inbox::store::DataDir;

const INTERVAL: Duration = Duration::from_secs(24);
const ARRIVALS_EVERY: Duration = Duration::from_secs(3);

/// Every pending invitation received, as the service holds it now.
async fn service_pending(emulator: &Emulator) -> Vec<InvitationSummary> {
    let client = common::client_without_faults(emulator).await;
    let mut query = ListQuery::new(Participant::Received);
    query.statuses = vec![InvitationStatus::Pending];
    let (mut rows, mut token) = (Vec::new(), None);
    loop {
        let page = client.list_invitations(&query, token).await.unwrap();
        rows.extend(page.items);
        token = page.next_token;
        if token.is_none() {
            return rows;
        }
    }
}

/// The invitations the open inbox lists as pending.
fn inbox_pending(state: &State) -> HashSet<String> {
    state
        .list
        .ids()
        .filter(|id| state.list.get(id).unwrap().status == Some(InvitationStatus::Pending))
        .map(String::from)
        .collect()
}

/// Pending in the service since before `age` ago, but not in the open inbox.
async fn missing(emulator: &Emulator, state: &State, age: Duration) -> Vec<String> {
    let now = emulator_now(emulator).await;
    let older = now - chrono::Duration::from_std(age).unwrap();
    let shown = inbox_pending(state);
    service_pending(emulator)
        .await
        .into_iter()
        .filter(|row| row.invitation_date.is_some_and(|at| at < older))
        .filter(|row| !shown.contains(&row.id))
        .map(|row| row.id)
        .collect()
}

/// The emulator's time: the newest pending invitation it delivered on the last read is at
/// most `ARRIVALS_EVERY` old.
async fn emulator_now(emulator: &Emulator) -> chrono::DateTime<chrono::Utc> {
    service_pending(emulator)
        .await
        .iter()
        .filter_map(|row| row.invitation_date)
        .max()
        .unwrap()
        + chrono::Duration::from_std(ARRIVALS_EVERY).unwrap()
}

#[tokio::test(start_paused = true)]
async fn arrivals_every_3_s_are_all_in_the_open_inbox_and_an_outage_ends_by_itself() {
    let emulator = common::start(EmulatorConfig {
        arrivals_every: Some(ARRIVALS_EVERY),
        ..common::config(0)
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let mut app = Headless::watching(&emulator, &data, INTERVAL, (160, 48)).await;
    app.until_loaded().await;

    app.run_for(Duration::from_secs(60)).await;
    let late = missing(&emulator, &app.state, INTERVAL + Duration::from_secs(10)).await;
    assert!(
        late.is_empty(),
        "older than 34 s and not in the inbox: {late:?}"
    );
    let behind = service_pending(&emulator).await.len() - inbox_pending(&app.state).len();
    let one_interval = (INTERVAL.as_secs() / ARRIVALS_EVERY.as_secs()) as usize;
    assert!(behind <= one_interval, "{behind} behind the service");

    emulator.set_unreachable(true);
    app.run_for(Duration::from_secs(25)).await;
    assert!(app.state.memory.offline, "the outage shows");
    emulator.set_unreachable(false);
    app.until_within(Duration::from_secs(40), "back online", |s| {
        !s.memory.offline
    })
    .await;
    app.run_for(Duration::from_secs(1)).await;
    let late = missing(&emulator, &app.state, INTERVAL + Duration::from_secs(10)).await;
    assert!(late.is_empty(), "caught up: {late:?}");
    let screen = app.screen();
    assert!(!screen.contains("offline"), "{screen}");
    assert!(!screen.contains("Offline:"), "{screen}");
}

#[tokio::test(start_paused = true)]
async fn the_inbox_counts_its_requests_in_the_store_and_notes_its_looks() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let (mut app, tally) = Headless::counting(&emulator, &data).await;
    app.until_loaded().await;
    app.run_for(Duration::from_secs(61)).await;
    app.stop();
    assert!(
        tally.take().is_empty(),
        "everything counted went to the store"
    );
    let store = data.open().unwrap().store;
    let today = store.requests_on(chrono::Utc::now().date_naive()).unwrap();
    assert!(
        today.reads >= 2,
        "the first page and a look at least: {today:?}"
    );
    assert_eq!(today.writes, 0);
    assert!(store.last_look().unwrap().is_some(), "the look is noted");
}
