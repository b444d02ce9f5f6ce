//! The open inbox keeps up by itself, the production loop against the emulator on paused time:
//! invitations arrive every 3 s, the inbox looks every 24 s, and an outage of the endpoint ends
//! with the inbox caught up and online again, no key pressed; what another process writes to
//! the store shows at the next look.

use crate::common;
use crate::headless;

use std::collections::HashSet;
use std::time::Duration;

use headless::Headless;
use std::sync::Arc;

use pc_inbox::app::{Settings, State};
use pc_inbox::domain::{InvitationStatus, InvitationSummary, ListQuery, Participant};
use pc_inbox::emulator::{Emulator, EmulatorConfig};
use pc_inbox::keymap::Keymap;
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

#[tokio::test(start_paused = true)]
async fn what_another_process_writes_to_the_store_shows_at_the_next_look() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    // Pages of 5: a look for the newest stops long before the oldest invitation.
    let settings = Settings {
        page_size: 5,
        watch: pc_inbox::app::Watch {
            interval: INTERVAL,
            ..Default::default()
        },
        ..headless::settings()
    };
    let client = Arc::new(common::client_in_process(&emulator).await);
    let mut app = Headless::start_on(client, &data, settings, Keymap::default(), (160, 48));
    app.until_loaded().await;
    app.until_within(
        INTERVAL * 2,
        "the first look (a pass over the pending set)",
        |s| s.watching.looks() >= 1 && !s.watching.looking(),
    )
    .await;
    let pending = |s: &State, id: &str| {
        s.list.get(id).and_then(|r| r.status.clone()) == Some(InvitationStatus::Pending)
    };
    let oldest = app
        .state
        .list
        .ids()
        .filter(|id| pending(&app.state, id))
        .last()
        .expect("a pending invitation")
        .to_string();

    // A colleague rejects it, and a `pc-inbox list` elsewhere keeps what it listed. The
    // inbox's next looks list only the newest, which do not reach it.
    let colleague = common::client_without_faults(&emulator).await;
    colleague
        .reject_invitation(&oldest, Some("Unable to support"))
        .await
        .unwrap();
    let listed = colleague.get_invitation(&oldest).await.unwrap().summary;
    assert_ne!(listed.status, Some(InvitationStatus::Pending));
    let mut elsewhere = data.open().unwrap().store;
    elsewhere
        .remember_rows(&[listed], &[], emulator_now(&emulator).await)
        .unwrap();
    drop(elsewhere);

    assert!(pending(&app.state, &oldest), "not before a look");
    // Within one interval: at the next look, long before the next pass over the pending set.
    app.until_within(
        INTERVAL + Duration::from_secs(5),
        "the other process's write",
        |s| !pending(s, &oldest),
    )
    .await;
}
