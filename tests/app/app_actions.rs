//! The whole app minus the terminal: the reducer and the real effect runner, with the real SDK
//! client, against the emulator. Accept to COMPLETE and FAILED, one task per token, resuming
//! after a restart, rejecting.

use crate::common;
use crate::fixtures;
use crate::headless;
use pc_inbox::app::{CreateMsg, TaskMsg};

use std::time::Duration;

use crossterm::event::KeyCode;
use headless::Headless;
use pc_inbox::app::tasks::Phase;
use pc_inbox::app::{Msg, State};
use pc_inbox::domain::{InvitationStatus, TaskFilter, TaskKind};
use pc_inbox::service::{PartnerCentral, ServiceError};
use pc_inbox::store::DataDir;

fn phase(s: &State, id: &str) -> Option<Phase> {
    s.tasks().get(TaskKind::Accept, id).map(|a| a.phase.clone())
}

#[tokio::test(start_paused = true)]
async fn accepting_polls_to_complete_and_shows_the_opportunity() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let mut app = Headless::start(&emulator, &data).await;
    let id = common::acceptable(0);
    app.accept(&id).await;
    app.until("COMPLETE", |s| {
        matches!(phase(s, &id), Some(Phase::Complete { .. }))
    })
    .await;
    let Some(Phase::Complete { made: Some(o) }) = phase(&app.state, &id) else {
        panic!()
    };
    assert!(o.starts_with('O'));
    assert_eq!(
        app.state.selected().unwrap().status,
        Some(InvitationStatus::Accepted)
    );
    app.stop();
    assert!(
        data.open()
            .unwrap()
            .store
            .accepts()
            .unwrap()
            .invitations
            .is_empty(),
        "nothing left to resume"
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_task_surfaces_its_reason_code() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let failing = common::failing_invitation();
    let id = failing["Id"].as_str().unwrap().to_string();
    app.accept(&id).await;
    app.until("FAILED", |s| {
        matches!(phase(s, &id), Some(Phase::Failed { .. }))
    })
    .await;
    let Some(Phase::Failed { reason, .. }) = phase(&app.state, &id) else {
        panic!()
    };
    let code = failing["AcceptOutcome"]["ReasonCode"].as_str().unwrap();
    assert!(reason.starts_with(&format!("{code}: ")), "{reason}");
    let notice = app.state.notices.latest().cloned().unwrap();
    assert!(
        notice
            .text
            .contains(failing["AcceptOutcome"]["ReasonCode"].as_str().unwrap()),
        "{}",
        notice.text
    );
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_a_lost_reply_reuses_the_token_and_starts_one_task() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let id = common::acceptable(1);
    app.accept(&id).await;
    loop {
        match app.next().await {
            Msg::Task(TaskMsg::Started {
                work: (TaskKind::Accept, invitation_id),
                claimed: None,
                result,
                found: false,
            }) => {
                assert!(result.is_ok(), "the service did start the task");
                let lost = ServiceError::Network {
                    message: "connection reset before the reply".into(),
                };
                app.apply(Msg::Task(TaskMsg::Started {
                    work: (TaskKind::Accept, invitation_id),
                    claimed: None,
                    result: Err(lost),
                    found: false,
                }));
                break;
            }
            other => app.apply(other),
        }
    }
    assert!(matches!(phase(&app.state, &id), Some(Phase::Failed { .. })));
    app.press(fixtures::code(KeyCode::Esc)).await;
    app.press(fixtures::key('a')).await;
    app.press(fixtures::key('y')).await;
    app.until("COMPLETE", |s| {
        matches!(phase(s, &id), Some(Phase::Complete { .. }))
    })
    .await;
    let client = common::client_in_process(&emulator).await;
    assert_eq!(
        client
            .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
            .await
            .unwrap()
            .len(),
        1,
        "one task for one token"
    );
}

#[tokio::test(start_paused = true)]
async fn a_restart_mid_task_resumes_it_to_the_end() {
    let config = pc_inbox::emulator::EmulatorConfig {
        accept_delay: Duration::from_millis(1500),
        ..common::config(0)
    };
    let emulator = common::start(config).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let id = common::acceptable(2);
    let task_id = {
        let mut first = Headless::start(&emulator, &data).await;
        first.accept(&id).await;
        first
            .until("IN_PROGRESS", |s| {
                matches!(phase(s, &id), Some(Phase::Running { .. }))
            })
            .await;
        let Some(Phase::Running { task_id, .. }) = phase(&first.state, &id) else {
            panic!()
        };
        first.stop();
        task_id
    };
    let saved = data.open().unwrap().store.accepts().unwrap();
    assert_eq!(
        saved.invitations[&id].task_id.as_deref(),
        Some(task_id.as_str())
    );

    let mut second = Headless::start(&emulator, &data).await;
    assert!(
        matches!(phase(&second.state, &id), Some(Phase::Running { .. })),
        "resumed from the file"
    );
    second
        .until("COMPLETE after restart", |s| {
            matches!(phase(s, &id), Some(Phase::Complete { .. }))
        })
        .await;
    let client = common::client_in_process(&emulator).await;
    let tasks = client
        .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
        .await
        .unwrap();
    assert_eq!(
        tasks.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        [task_id.as_str()]
    );
}

#[tokio::test(start_paused = true)]
async fn rejecting_with_a_reason_marks_the_invitation_rejected_on_the_service() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let id = common::acceptable(3);
    app.select(&id).await;
    app.press(fixtures::key('x')).await;
    app.press(fixtures::code(KeyCode::Tab)).await;
    app.press(fixtures::key('j')).await;
    app.press(fixtures::key('j')).await;
    app.press(fixtures::code(KeyCode::Enter)).await;
    app.press(fixtures::code(KeyCode::Enter)).await;
    assert!(
        app.state.modals.is_empty(),
        "the dialog hands it to the queue"
    );
    app.until("rejected", |s| {
        s.selected()
            .is_some_and(|r| r.status == Some(InvitationStatus::Rejected))
    })
    .await;
    common::assert_rejected(&emulator, &id, "Unable to support").await;
}

#[tokio::test(start_paused = true)]
async fn a_resubmit_after_a_lost_reply_creates_one_invitation() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    use pc_inbox::app::Modal;
    use pc_inbox::domain::{ListQuery, Participant};

    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let engagement = app.open_form().await;
    let d = &mut app.form().draft;
    d.engagement_id = engagement;
    d.receiver_account = "777788889999".into();
    d.message = "Only once, please".into();
    d.kind = pc_inbox::compose::draft::DraftKind::Lead;
    d.lead_company = "Fabrikam Foods".into();
    d.lead_country = "FR".into();
    d.source_type = "Event".into();
    d.source_name = "AWS Summit Paris".into();
    d.source_id = "summit-42".into();
    d.contact_title = "CIO".into();
    let ctrl_s = Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    app.press(ctrl_s.clone()).await;
    loop {
        match app.next().await {
            Msg::Create(CreateMsg::Created {
                client_token,
                result,
            }) => {
                assert!(result.is_ok(), "the service did create it");
                let lost = ServiceError::Network {
                    message: "timed out waiting for the reply".into(),
                };
                app.apply(Msg::Create(CreateMsg::Created {
                    client_token,
                    result: Err(lost),
                }));
                break;
            }
            other => app.apply(other),
        }
    }
    assert!(
        matches!(app.state.top(), Some(Modal::Create(_))),
        "the form stays with the input"
    );
    app.press(ctrl_s).await;
    app.until("sent", |s| s.modals.is_empty()).await;
    let mut query = ListQuery::new(Participant::Sent);
    query.page_size = Some(100);
    let sent = common::client_in_process(&emulator)
        .await
        .list_invitations(&query, None)
        .await
        .unwrap()
        .items;
    let created = sent
        .iter()
        .filter(|r| {
            r.receiver
                .as_ref()
                .is_some_and(|x| x.account_id == "777788889999")
        })
        .count();
    assert_eq!(created, 1, "one invitation for one draft");
    app.until("the new invitation selected under Sent", |s| {
        s.selected().is_some_and(|r| {
            r.receiver
                .as_ref()
                .is_some_and(|x| x.account_id == "777788889999")
        })
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_failed_accept_and_a_later_success_are_both_readable() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::start(&emulator, &DataDir::at(dir.path())).await;
    let failing = common::failing_invitation()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let fine = common::acceptable(0);
    app.accept(&failing).await;
    app.until("FAILED", |s| {
        matches!(phase(s, &failing), Some(Phase::Failed { .. }))
    })
    .await;
    app.accept(&fine).await;
    app.until("COMPLETE", |s| {
        matches!(phase(s, &fine), Some(Phase::Complete { .. }))
    })
    .await;
    let status_line = app.screen().lines().last().unwrap().to_string();
    assert!(status_line.contains("✗ Accepting “"), "{status_line}");
    assert!(status_line.contains("failed"), "{status_line}");
    app.press(fixtures::key('!')).await;
    let log = app.screen();
    assert!(log.contains("failed —"), "{log}");
    assert!(log.contains("✓ Accepted “"), "{log}");
    assert_eq!(app.state.notices.unread(), 0);
}

#[tokio::test(start_paused = true)]
async fn config_warnings_are_one_notice_each_and_open_nothing() {
    use pc_inbox::runtime::{App, Options};
    let emulator = common::start(common::config(0)).await;
    let client = std::sync::Arc::new(common::client_in_process(&emulator).await);
    let options = Options {
        warnings: vec![
            "config.toml:3: unknown key `colour`".into(),
            "config.toml:7: `keys.reject`: `a` is already bound to accept".into(),
        ],
        ..Options::new(
            headless::settings(),
            pc_inbox::keymap::Keymap::default(),
            pc_inbox::ui::Theme::plain(),
            None,
        )
    };
    let app = App::start(client, options, (120, 40));
    let texts: Vec<&str> = app
        .state
        .notices
        .newest_first()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Config file: config.toml:7: `keys.reject`: `a` is already bound to accept",
            "Config file: config.toml:3: unknown key `colour`",
        ]
    );
    assert_eq!(app.state.notices.unread(), 2);
    assert!(app.state.modals.is_empty());
    app.finish();
}
