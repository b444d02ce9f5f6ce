//! The sync engine's model test: for each of 20 seeds, a random schedule of events happens to
//! the service while the inbox is open on paused time: arrivals (from AWS and from partner2,
//! alternately, each after a jump of the service's clock that also expires what was due),
//! rejects and accepts by a colleague on the same account, and outages of the endpoint. After
//! each event and two looks, the open inbox's received invitations and their statuses equal the
//! service's, so every view (views select by status) shows what the service holds.

use crate::common;
use crate::headless;

use std::collections::BTreeMap;
use std::time::Duration;

use headless::Headless;
use pc_inbox::app::State;
use pc_inbox::domain::{InvitationStatus, ListQuery, Participant, TaskStart};
use pc_inbox::emulator::{Clock, Emulator, EmulatorConfig};
use pc_inbox::service::PartnerCentral;
use pc_inbox::store::DataDir;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const SEEDS: u64 = 20;
const EVENTS: usize = 6;
const INTERVAL: Duration = Duration::from_secs(8);
/// The service's clock jumps this far for each arrival.
const ARRIVAL_EVERY: Duration = Duration::from_secs(3 * 3600);

/// What happens to the service between two checks.
#[derive(Debug, Clone, Copy)]
enum Event {
    /// An invitation arrives (and the service's clock jumps: what was due expires).
    Arrival,
    /// A colleague rejects a pending invitation.
    Reject,
    /// A colleague accepts a pending invitation.
    Accept,
    /// The endpoint cannot be reached for this long.
    Outage(Duration),
}

fn event(rng: &mut StdRng) -> Event {
    match rng.random_range(0..4) {
        0 => Event::Arrival,
        1 => Event::Reject,
        2 => Event::Accept,
        _ => Event::Outage(Duration::from_secs(rng.random_range(3..30))),
    }
}

/// Every received invitation and its status, as the service holds it.
async fn service_rows(emulator: &Emulator) -> BTreeMap<String, Option<InvitationStatus>> {
    let client = common::client_without_faults(emulator).await;
    let query = ListQuery::new(Participant::Received);
    let (mut rows, mut token) = (BTreeMap::new(), None);
    loop {
        let page = client.list_invitations(&query, token).await.unwrap();
        rows.extend(page.items.into_iter().map(|r| (r.id, r.status)));
        token = page.next_token;
        if token.is_none() {
            return rows;
        }
    }
}

/// The received invitations the open inbox lists, and their statuses.
fn inbox_rows(state: &State) -> BTreeMap<String, Option<InvitationStatus>> {
    state
        .list
        .ids()
        .map(|id| (id.to_string(), state.list.get(id).unwrap().status.clone()))
        .collect()
}

/// A pending invitation the service holds, picked by `rng`.
async fn pending_one(emulator: &Emulator, rng: &mut StdRng) -> Option<String> {
    let pending: Vec<String> = service_rows(emulator)
        .await
        .into_iter()
        .filter(|(_, status)| *status == Some(InvitationStatus::Pending))
        .map(|(id, _)| id)
        .collect();
    (!pending.is_empty()).then(|| pending[rng.random_range(0..pending.len())].clone())
}

async fn happen(
    emulator: &Emulator,
    clock: &Clock,
    app: &mut Headless,
    e: Event,
    rng: &mut StdRng,
) {
    let colleague = common::client_without_faults(emulator).await;
    match e {
        Event::Arrival => clock.advance(ARRIVAL_EVERY),
        Event::Reject => {
            if let Some(id) = pending_one(emulator, rng).await {
                colleague
                    .reject_invitation(&id, Some("Unable to support"))
                    .await
                    .unwrap();
            }
        }
        Event::Accept => {
            if let Some(id) = pending_one(emulator, rng).await {
                let start = TaskStart::Accept { invitation_id: id };
                let token = format!("colleague-{}", rng.random::<u64>());
                colleague.start_task(&start, &token).await.unwrap();
                clock.advance(Duration::from_secs(1));
            }
        }
        Event::Outage(span) => {
            emulator.set_unreachable(true);
            app.run_for(span).await;
            emulator.set_unreachable(false);
        }
    }
}

/// Runs one seed; the events it met, or where the inbox and the service differed.
async fn run(seed: u64) -> Result<Vec<Event>, String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let clock = Clock::new();
    let emulator = common::start(EmulatorConfig {
        clock: clock.clone(),
        arrivals_every: Some(ARRIVAL_EVERY),
        ..common::config(0)
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let mut app = Headless::watching(&emulator, &data, INTERVAL, (100, 30)).await;
    app.until_loaded().await;
    let mut met = Vec::new();
    for n in 0..EVENTS {
        let e = event(&mut rng);
        met.push(e);
        happen(&emulator, &clock, &mut app, e, &mut rng).await;
        let looks = app.state.watching.looks();
        app.until_within(INTERVAL * 6, "two looks after the event", |s| {
            s.watching.looks() >= looks + 2 && !s.watching.looking() && !s.memory.offline
        })
        .await;
        app.run_for(Duration::from_millis(500)).await;
        let (service, inbox) = (service_rows(&emulator).await, inbox_rows(&app.state));
        if service != inbox {
            let differ: Vec<_> = service
                .iter()
                .filter(|(id, status)| inbox.get(*id) != Some(*status))
                .map(|(id, status)| format!("{id}: service {status:?}, inbox {:?}", inbox.get(id)))
                .chain(
                    inbox
                        .keys()
                        .filter(|id| !service.contains_key(*id))
                        .map(|id| format!("{id}: only in the inbox")),
                )
                .collect();
            return Err(format!(
                "seed {seed}, after event {n} of {met:?}: {differ:#?}"
            ));
        }
    }
    app.stop();
    Ok(met)
}

#[tokio::test(start_paused = true)]
async fn the_open_inbox_equals_the_service_after_every_event_and_two_looks() {
    let mut counts = BTreeMap::new();
    for seed in 0..SEEDS {
        let met = run(seed).await.unwrap_or_else(|e| panic!("{e}"));
        for e in met {
            let name = format!("{e:?}");
            *counts
                .entry(name.split('(').next().unwrap().to_string())
                .or_insert(0) += 1;
        }
    }
    println!("{SEEDS} seeds × {EVENTS} events: {counts:?}");
    assert!(
        counts.len() == 4,
        "every kind of event happened: {counts:?}"
    );
}
