//! No panic and no lost input when the service fails: every other write answers 500, or the
//! write quota throttles. The app (reducer + real effect runner + real SDK client without
//! retries) keeps what was typed, says what happened, and the retry goes through once.

use crate::common;
use crate::fixtures;
use crate::headless;

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use headless::Headless;
use pc_inbox::app::tasks::Phase;
use pc_inbox::app::{ItemState, Level, Modal, Msg, Settings};
use pc_inbox::domain::{InvitationStatus, ListQuery, Participant, TaskFilter, TaskKind};
use pc_inbox::emulator::{EmulatorConfig, Faults, QuotaLimits};
use pc_inbox::keymap::Keymap;
use pc_inbox::service::PartnerCentral;
use pc_inbox::store::DataDir;

fn failing_writes() -> EmulatorConfig {
    EmulatorConfig {
        faults: Faults {
            fail_every_write: Some(2),
            ..Faults::default()
        },
        ..common::config(0)
    }
}

#[tokio::test(start_paused = true)]
async fn accept_survives_a_500_and_the_retry_starts_exactly_one_task() {
    let emulator = common::start(failing_writes()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let id = common::acceptable(0);
    app.accept(&id).await;
    app.until("the failed start", |s| {
        matches!(
            s.tasks().get(TaskKind::Accept, &id).map(|a| &a.phase),
            Some(Phase::Failed { .. })
        )
    })
    .await;
    let notice = app.state.notices.latest().cloned().unwrap();
    assert_eq!(notice.level, Level::Error);
    assert!(notice.text.contains("Injected fault"), "{}", notice.text);
    app.press(fixtures::code(KeyCode::Esc)).await;
    app.press(fixtures::key('a')).await;
    app.press(fixtures::key('y')).await;
    app.until("COMPLETE", |s| {
        matches!(
            s.tasks().get(TaskKind::Accept, &id).map(|a| &a.phase),
            Some(Phase::Complete { .. })
        )
    })
    .await;
    let tasks = common::client_in_process(&emulator)
        .await
        .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
        .await
        .unwrap();
    assert_eq!(tasks.len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_reject_refused_by_a_500_is_said_and_retried_with_the_reason_kept() {
    let emulator = common::start(failing_writes()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let id = common::acceptable(1);
    app.select(&id).await;
    app.press(fixtures::key('x')).await;
    for _ in 0..2 {
        app.press(fixtures::code(KeyCode::Tab)).await;
    }
    for c in "No delivery capacity in Q1".chars() {
        app.press(fixtures::key(c)).await;
    }
    app.press(fixtures::code(KeyCode::Enter)).await;
    app.press(fixtures::code(KeyCode::Enter)).await;
    app.until("the refusal", |s| {
        s.notices
            .newest_first()
            .any(|n| n.level == Level::Error && n.text.contains("Injected fault"))
    })
    .await;
    app.press(fixtures::key('x')).await;
    let Some(Modal::Reject(d)) = app.state.top() else {
        panic!("{:?}", app.state.modals)
    };
    assert_eq!(d.reason.value(), "No delivery capacity in Q1", "kept");
    app.press(fixtures::code(KeyCode::BackTab)).await;
    app.press(fixtures::code(KeyCode::Enter)).await;
    app.until("rejected", |s| {
        s.selected()
            .is_some_and(|r| r.status == Some(InvitationStatus::Rejected))
    })
    .await;
    common::assert_rejected(&emulator, &id, "No delivery capacity in Q1").await;
}

#[tokio::test(start_paused = true)]
async fn create_keeps_the_form_through_a_500_and_creates_one_invitation() {
    let emulator = common::start(failing_writes()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let engagement = app.open_form().await;
    let d = &mut app.form().draft;
    fixtures::fill_valid(d, &engagement);
    d.message = "Fault-tolerant hello".into();
    let ctrl_s = Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    app.press(ctrl_s.clone()).await;
    app.until(
        "the refusal",
        |s| matches!(s.top(), Some(Modal::Create(f)) if !f.submitting),
    )
    .await;
    let Some(Modal::Create(form)) = app.state.top() else {
        panic!("the form stays open")
    };
    assert!(form.server.get(&None).unwrap().contains("Injected fault"));
    assert_eq!(form.draft.message, "Fault-tolerant hello");
    app.press(ctrl_s).await;
    app.until("sent", |s| s.modals.is_empty()).await;
    let client = common::client_in_process(&emulator).await;
    let mut query = ListQuery::new(Participant::Sent);
    query.page_size = Some(100);
    let sent = client.list_invitations(&query, None).await.unwrap().items;
    let matching = sent
        .iter()
        .filter(|r| {
            r.engagement_id.as_deref() == Some(engagement.as_str())
                && r.receiver
                    .as_ref()
                    .is_some_and(|x| x.account_id == "444455556666")
        })
        .count();
    assert_eq!(matching, 1);
}

#[tokio::test(start_paused = true)]
async fn a_throttled_write_goes_again_by_itself_once_the_quota_allows() {
    let config = EmulatorConfig {
        quotas: Some(QuotaLimits {
            reads_per_second: 100.0,
            writes_per_second: 1.0,
        }),
        ..common::config(0)
    };
    let emulator = common::start(config).await;
    let dir = tempfile::tempdir().unwrap();
    // No hold: the reject goes out at once, within the second of the other write.
    let settings = Settings {
        reject_hold: Duration::ZERO,
        ..headless::settings()
    };
    let client = Arc::new(common::client_in_process(&emulator).await);
    let mut app = Headless::start_on(
        client,
        &DataDir::at(dir.path()),
        settings,
        Keymap::default(),
        (160, 48),
    );
    common::client_in_process(&emulator)
        .await
        .reject_invitation(&common::acceptable(4), Some("Other"))
        .await
        .unwrap();
    let id = common::acceptable(1);
    app.select(&id).await;
    app.press(fixtures::key('x')).await;
    app.press(fixtures::code(KeyCode::Tab)).await;
    app.press(fixtures::key('j')).await;
    app.press(fixtures::code(KeyCode::Enter)).await;
    app.press(fixtures::code(KeyCode::Enter)).await;
    app.until("the reject's end", |s| {
        s.bulk.as_ref().is_some_and(|q| q.finished())
    })
    .await;
    let item = &app.state.bulk.as_ref().unwrap().items()[0];
    assert!(
        item.throttled >= 1,
        "the write within a second of the other was throttled"
    );
    assert_eq!(item.state, ItemState::Done, "and went again by itself");
    assert!(
        !app.state
            .notices
            .newest_first()
            .any(|n| n.text.contains("throttling")),
        "a throttle the queue handled is not shown"
    );
    assert_eq!(
        app.state.selected().unwrap().status,
        Some(InvitationStatus::Rejected)
    );
    common::assert_rejected(&emulator, &id, "Next steps unclear").await;
}
