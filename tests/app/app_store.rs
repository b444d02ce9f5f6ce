//! The inbox with its local store, headless against the emulator: the cached rows are there
//! before the service answers, the journal opens on `J`, a bulk action survives a quit, and a
//! damaged store is reported, not fatal.

use crate::common;
use crate::fixtures;
use crate::headless;

use headless::Headless;
use pc_inbox::app::tasks::Phase;
use pc_inbox::app::{ItemState, Level, Modal};
use pc_inbox::domain::{TaskFilter, TaskKind};
use pc_inbox::service::PartnerCentral;
use pc_inbox::store::{DataDir, DATABASE};

#[tokio::test(start_paused = true)]
async fn a_restart_draws_the_cached_rows_before_the_service_answers() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let mut first = Headless::start(&emulator, &data).await;
    first.until_loaded().await;
    let listed = first.state.list.loaded();
    first.stop();

    let mut second = Headless::start(&emulator, &data).await;
    assert_eq!(second.state.list.loaded(), listed, "before any reply");
    assert_eq!(
        second.state.list.pages(),
        0,
        "none of them from the service"
    );
    assert!(second.screen().contains("cached · as of"));
    second
        .until("the service's first page, stored", |s| {
            s.list.pages() > 0 && s.settled()
        })
        .await;
    assert_eq!(second.state.list.loaded(), listed);
    assert!(!second.screen().contains("cached · as of"));
    second.stop();
}

#[tokio::test(start_paused = true)]
async fn the_journal_opens_on_capital_j_with_the_accept_just_done() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let id = common::acceptable(0);
    app.accept(&id).await;
    app.until("COMPLETE", |s| {
        matches!(
            s.tasks().get(TaskKind::Accept, &id).map(|a| &a.phase),
            Some(Phase::Complete { .. })
        )
    })
    .await;
    app.press(fixtures::key('J')).await;
    app.until(
        "the journal read",
        |s| matches!(s.top(), Some(Modal::Journal(j)) if j.entries.is_some()),
    )
    .await;
    let screen = app.screen();
    assert!(screen.contains("Journal (2)"), "{screen}");
    assert!(
        screen.contains(&format!("AcceptCompleted {id}")),
        "{screen}"
    );
    assert!(screen.contains(&format!("AcceptStarted {id}")), "{screen}");
    app.press(fixtures::key('q')).await;
    assert!(app.state.modals.is_empty());
    app.stop();
}

#[tokio::test(start_paused = true)]
async fn a_damaged_store_is_moved_aside_and_said_so_and_the_inbox_runs() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DATABASE), vec![0x42; 4096]).unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let warned = app
        .state
        .notices
        .newest_first()
        .any(|n| n.level == Level::Error && n.text.contains("moved to"));
    assert!(warned, "the user is told where the old file went");
    app.until("rows from the service", |s| s.list.loaded() > 0)
        .await;
    app.stop();
    assert!(
        DataDir::at(dir.path()).open().unwrap().warnings.is_empty(),
        "a working store now"
    );
}

#[tokio::test(start_paused = true)]
async fn a_bulk_accept_cut_short_by_a_quit_resumes_with_the_same_tokens_after_a_fresh_yes() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let ids: Vec<String> = (0..3).map(common::acceptable).collect();
    let mut app = Headless::start(&emulator, &data).await;
    for id in &ids {
        app.select(id).await;
        app.press(fixtures::key(' ')).await;
    }
    app.press(fixtures::key('a')).await;
    app.press(fixtures::key('y')).await;
    app.until("the first accept started", |s| {
        s.bulk
            .as_ref()
            .is_some_and(|q| q.items()[0].state == ItemState::Done)
    })
    .await;
    app.stop();

    let mut again = Headless::start(&emulator, &data).await;
    assert!(
        again.state.bulk.is_some(),
        "the unfinished bulk accept is read back"
    );
    assert!(matches!(again.state.top(), Some(Modal::Unsent(_))));
    again
        .until("the listing", |s| s.list.loaded() > 0 && !s.list.loading)
        .await;
    let service = common::client(&emulator).await;
    for id in &ids[1..] {
        let tasks = service
            .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
            .await
            .unwrap();
        assert!(tasks.is_empty(), "nothing started for {id} before the yes");
    }
    again.press(fixtures::key('y')).await;
    again
        .until("the rest started", |s| {
            s.bulk.as_ref().is_some_and(|q| q.finished())
        })
        .await;
    let queue = again.state.bulk.clone().unwrap();
    assert!(
        queue.items().iter().all(|i| i.state == ItemState::Done),
        "{queue:?}"
    );
    for id in &ids {
        let tasks = service
            .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
            .await
            .unwrap();
        assert_eq!(tasks.len(), 1, "one task for {id}: {tasks:?}");
    }
    again.stop();
    let reopened = data.open().unwrap().store;
    assert_eq!(
        reopened.bulk::<pc_inbox::app::BulkQueue>().unwrap(),
        None,
        "a finished bulk action is forgotten"
    );
}

#[tokio::test(start_paused = true)]
async fn an_engage_cut_short_by_a_quit_is_followed_to_its_end_on_the_next_start() {
    const OPPORTUNITY: &str = "O2026000102";
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let mut app = Headless::start(&emulator, &data).await;
    app.pick_opportunity(OPPORTUNITY).await;
    app.press(fixtures::key('y')).await;
    app.until("the task started", |s| {
        matches!(
            pc_inbox::app::engage::run(s).map(|r| &r.phase),
            Some(Phase::Running { .. })
        )
    })
    .await;
    app.stop();
    let saved = data
        .open()
        .unwrap()
        .store
        .tasks(pc_inbox::domain::TaskKind::Engage)
        .unwrap();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(saved[0].1.task_id.is_some());

    let mut again = Headless::start(&emulator, &data).await;
    again
        .until("the task followed to its end", |s| {
            matches!(
                pc_inbox::app::engage::run(s).map(|r| &r.phase),
                Some(Phase::Complete { .. })
            )
        })
        .await;
    assert_eq!(
        again.state.engaging().unwrap().customer.as_deref(),
        Some("Stuttgarter Präzisionswerke GmbH"),
        "the opportunity is read again"
    );
    again.stop();
    let tasks = common::sdk_in_process(&emulator)
        .list_engagement_from_opportunity_tasks()
        .catalog("AWS")
        .opportunity_identifier(OPPORTUNITY)
        .send()
        .await
        .unwrap();
    assert_eq!(tasks.task_summaries().len(), 1, "one task, never two");
    let store = data.open().unwrap().store;
    assert!(
        store
            .tasks(pc_inbox::domain::TaskKind::Engage)
            .unwrap()
            .is_empty(),
        "an ended engage is forgotten"
    );
    let actions: Vec<String> = store
        .journal(None)
        .unwrap()
        .iter()
        .map(|e| e.action.as_str().to_string())
        .collect();
    assert_eq!(actions, ["EngageStarted", "EngageCompleted"]);
}

#[tokio::test(start_paused = true)]
async fn an_accept_whose_token_the_store_cannot_save_is_not_sent_and_says_why() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let id = common::acceptable(1);
    app.select(&id).await;
    // From here on the store refuses every new token, as a full or read-only disk would.
    rusqlite::Connection::open(dir.path().join(DATABASE))
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER unwritable BEFORE INSERT ON tasks \
             BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;",
        )
        .unwrap();
    app.press(fixtures::key('a')).await;
    app.press(fixtures::key('y')).await;
    app.until("the refusal", |s| {
        s.notices
            .newest_first()
            .any(|n| n.level == Level::Error && n.text.starts_with("Did not accept"))
    })
    .await;
    let text = &app
        .state
        .notices
        .newest_first()
        .find(|n| n.text.starts_with("Did not accept"))
        .unwrap()
        .text;
    assert!(text.contains("could not be saved"), "{text}");
    assert!(text.contains("disk I/O error"), "{text}");
    assert!(text.contains("Nothing reached the service"), "{text}");
    assert!(matches!(
        app.state
            .tasks()
            .get(TaskKind::Accept, &id)
            .map(|a| &a.phase),
        Some(Phase::Failed { .. })
    ));
    let tasks = common::client(&emulator)
        .await
        .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
        .await
        .unwrap();
    assert!(tasks.is_empty(), "no task on the service: {tasks:?}");
}

#[tokio::test(start_paused = true)]
async fn an_engage_from_an_opportunity_engaged_already_starts_nothing_and_shows_the_engagement() {
    use pc_inbox::domain::{Involvement, TaskStart, TaskStatus};
    const OPPORTUNITY: &str = "O2026000102";
    let emulator = common::start(common::config(0)).await;
    let service = common::client_in_process(&emulator).await;
    let first = service
        .start_task(
            &TaskStart::Engage {
                opportunity_id: OPPORTUNITY.to_string(),
                involvement: Involvement::CoSell,
            },
            "another-client-1",
        )
        .await
        .unwrap();
    while service
        .get_task(TaskKind::Engage, &first.id)
        .await
        .unwrap()
        .status
        != TaskStatus::Complete
    {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    app.pick_opportunity(OPPORTUNITY).await;
    app.press(fixtures::key('y')).await;
    app.until("the engagement shown", |s| {
        matches!(
            pc_inbox::app::engage::run(s).map(|r| &r.phase),
            Some(Phase::Complete { .. })
        )
    })
    .await;
    let tasks = service
        .list_tasks(TaskKind::Engage, &TaskFilter::Of(OPPORTUNITY.to_string()))
        .await
        .unwrap();
    assert_eq!(tasks.len(), 1, "no second task: {tasks:?}");
    assert!(app.screen().contains("was engaged already"));
}
