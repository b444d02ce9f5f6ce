//! Engaging from one of the partner's opportunities: `E` opens the picker, Enter chooses,
//! `y` starts the task (one client token per engage, journaled), it is polled to its end, and
//! Enter on a completed one opens the invitation form on the new engagement, prefilled.

use crate::fixtures;
use pc_inbox::app::{EngageMsg, TaskMsg};

use crossterm::event::KeyCode;
use fixtures::update;
use fixtures::{code, key, loaded, screen_text};
use pc_inbox::app::engage;
use pc_inbox::app::tasks::Phase;
use pc_inbox::app::{Effect, Modal, Msg, State};
use pc_inbox::domain::journal::Action as Done;
use pc_inbox::domain::{
    Opportunity, OpportunityDetails, Page, Spend, Task, TaskKind, TaskStart, TaskStatus,
};
use pc_inbox::service::ServiceError;

const SIZE: (u16, u16) = (160, 48);

fn summary(id: &str, customer: &str) -> Opportunity {
    Opportunity {
        id: id.into(),
        title: None,
        customer: Some(customer.into()),
        stage: Some("Qualified".into()),
        review_status: Some("Pending Submission".into()),
        next_steps: None,
        target_close_date: Some("2027-06-30".into()),
        last_modified: Some(fixtures::now()),
        details: OpportunityDetails::default(),
    }
}

fn detail(id: &str, customer: &str) -> Opportunity {
    Opportunity {
        title: Some("Data lake on AWS".into()),
        details: OpportunityDetails {
            industry: Some("Retail".into()),
            country_code: Some("DE".into()),
            website_url: Some("https://contoso.example".into()),
            business_problem: Some("Their warehouse cannot keep up with the stores' data.".into()),
            spend: vec![Spend {
                amount: Some("12000".into()),
                currency: "EUR".into(),
                frequency: "Monthly".into(),
                target_company: "AWS".into(),
                estimation_url: None,
            }],
        },
        ..summary(id, customer)
    }
}

fn task(status: TaskStatus) -> Task {
    Task {
        kind: TaskKind::Engage,
        invitation_id: None,
        id: "oit-0000000000001".into(),
        arn: None,
        status: status.clone(),
        message: (status == TaskStatus::Failed).then(|| "Missing country".into()),
        reason_code: (status == TaskStatus::Failed).then(|| "OpportunityValidationFailed".into()),
        opportunity_id: Some("O2".into()),
        engagement_id: (status == TaskStatus::Complete).then(|| "eng-00000000000001".into()),
        snapshot_job_id: None,
        start_time: Some(fixtures::now()),
    }
}

/// `E`, two opportunities listed, the second chosen and read: the confirmation is up.
fn confirming() -> State {
    let mut s = loaded(SIZE, 5, false);
    let effects = update(&mut s, key('E'));
    assert_eq!(
        effects,
        vec![Effect::LoadOpportunities { next_token: None }]
    );
    assert!(screen_text(&s).contains("Loading your opportunities"));
    update(
        &mut s,
        Msg::Engage(EngageMsg::OpportunitiesLoaded(Ok(Page {
            items: vec![summary("O1", "Fabrikam"), summary("O2", "Contoso")],
            next_token: None,
        }))),
    );
    for c in "cont".chars() {
        update(&mut s, key(c));
    }
    let screen = screen_text(&s);
    assert!(screen.contains("O2  Contoso"), "{screen}");
    assert!(!screen.contains("Fabrikam"), "typing narrows: {screen}");
    let effects = update(&mut s, code(KeyCode::Enter));
    assert_eq!(effects, vec![Effect::ReadOpportunity { id: "O2".into() }]);
    update(
        &mut s,
        Msg::Engage(EngageMsg::OpportunityRead {
            id: "O2".into(),
            result: Ok(Box::new(detail("O2", "Contoso"))),
        }),
    );
    let screen = screen_text(&s);
    assert!(screen.contains("Start an engagement?"), "{screen}");
    assert!(screen.contains("Data lake on AWS"), "{screen}");
    s
}

fn start(s: &mut State) -> String {
    let effects = update(s, key('y'));
    match effects.as_slice() {
        [Effect::StartTask {
            start: TaskStart::Engage { opportunity_id, .. },
            client_token,
            ..
        }] => {
            assert_eq!(opportunity_id, "O2");
            client_token.clone()
        }
        other => panic!("{other:?}"),
    }
}

/// The start's answer for O2 with `token`; `found` when it is the task the service had.
fn answered(token: &str, result: Result<Task, ServiceError>, found: bool) -> Msg {
    Msg::Task(TaskMsg::Started {
        work: (TaskKind::Engage, "O2".into()),
        claimed: Some(token.into()),
        result,
        found,
    })
}

fn journaled(effects: &[Effect]) -> Vec<Done> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Journal(entry) => {
                assert_eq!(entry.opportunity_id.as_deref(), Some("O2"));
                Some(entry.action)
            }
            _ => None,
        })
        .collect()
}

#[test]
fn an_engage_is_polled_to_complete_and_then_invites_into_the_new_engagement() {
    let mut s = confirming();
    let token = start(&mut s);
    assert!(screen_text(&s).contains("Starting…"));
    let effects = update(
        &mut s,
        answered(&token, Ok(task(TaskStatus::InProgress)), false),
    );
    assert_eq!(journaled(&effects), [Done::EngageStarted]);
    assert!(effects.iter().any(|e| matches!(e, Effect::SaveTask {
        kind: TaskKind::Engage,
        subject,
        record,
    } if subject == "O2" && record.client_token == token
        && record.task_id.as_deref() == Some("oit-0000000000001"))));
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::PollTask { task_id, .. } if task_id == "oit-0000000000001")));
    assert!(screen_text(&s).contains("IN_PROGRESS"));
    // A key that is no action does nothing while it runs; nothing starts twice.
    assert!(update(&mut s, key('y')).is_empty());

    let effects = update(
        &mut s,
        Msg::Task(TaskMsg::Polled {
            work: (TaskKind::Engage, "O2".into()),
            task_id: "oit-0000000000001".into(),
            result: Ok(task(TaskStatus::Complete)),
        }),
    );
    assert_eq!(journaled(&effects), [Done::EngageCompleted]);
    assert!(effects.contains(&Effect::ForgetTask {
        kind: TaskKind::Engage,
        subject: "O2".into(),
        client_token: token,
    }));
    let screen = screen_text(&s);
    assert!(screen.contains("COMPLETE"), "{screen}");
    assert!(screen.contains("eng-00000000000001"), "{screen}");

    let effects = update(&mut s, code(KeyCode::Enter));
    for wanted in [
        Effect::LoadEngagements { next_token: None },
        Effect::LoadMembers {
            engagement_id: "eng-00000000000001".into(),
        },
        Effect::LoadEngagement {
            id: "eng-00000000000001".into(),
        },
    ] {
        assert!(effects.contains(&wanted), "{wanted:?} in {effects:?}");
    }
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::SettleDraft { .. })),
        "the prefilled draft is saved once it rests: {effects:?}"
    );
    assert!(!screen_text(&s).contains("Restored your unsent draft"));
    assert!(s.engaging().is_none());
    let Some(Modal::Create(form)) = s.modals.last() else {
        panic!("the form is open: {:?}", s.modals);
    };
    let d = &form.draft;
    assert_eq!(d.engagement_id, "eng-00000000000001");
    assert_eq!(
        (d.company.as_str(), d.industry.as_str(), d.country.as_str()),
        ("Contoso", "Retail", "DE")
    );
    assert_eq!(d.project_title, "Data lake on AWS");
    assert_eq!(d.target_date, "2027-06-30");
    assert_eq!(
        (d.spend[0].amount.as_str(), d.spend[0].currency.as_str()),
        ("12000", "EUR")
    );
}

#[test]
fn a_failed_task_shows_its_reason_and_a_failed_start_retries_with_the_same_token() {
    let mut s = confirming();
    let token = start(&mut s);
    let effects = update(
        &mut s,
        answered(
            &token,
            Err(ServiceError::Throttled {
                message: "Rate exceeded".into(),
            }),
            false,
        ),
    );
    assert_eq!(journaled(&effects), [Done::EngageStarted]);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::ForgetTask { .. })),
        "a transient failure keeps the token for the retry"
    );
    let hint_line = |s: &State| {
        let screen = screen_text(s);
        let lines: Vec<&str> = screen.lines().collect();
        lines[lines.len() - 2].to_string()
    };
    assert!(hint_line(&s).contains("y try again"), "{}", hint_line(&s));
    assert!(!hint_line(&s).contains("invite"), "{}", hint_line(&s));
    let effects = update(&mut s, key('y'));
    assert!(
        matches!(effects.as_slice(), [Effect::StartTask { client_token, .. }] if *client_token == token),
        "{effects:?}"
    );
    let why = "Opportunity validation failed: Customer.Account.Address.CountryCode, \
               Customer.Account.Industry and Project.ExpectedCustomerSpend are required \
               to submit the opportunity. Update the opportunity, then submit it again.";
    let mut failed = task(TaskStatus::Failed);
    failed.message = Some(why.into());
    update(&mut s, answered(&token, Ok(failed), false));
    let screen = screen_text(&s);
    assert!(screen.contains("FAILED"), "{screen}");
    assert!(screen.contains("OpportunityValidationFailed"), "{screen}");
    let shown: String = screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        shown.contains("Update the opportunity, then submit it again."),
        "the whole reason: {screen}"
    );
    assert!(
        hint_line(&s).contains("Esc close") && !hint_line(&s).contains("try again"),
        "only what does something: {}",
        hint_line(&s)
    );
    assert!(matches!(
        engage::run(&s).map(|r| &r.phase),
        Some(Phase::Failed { retry: false, .. })
    ));
    assert!(
        update(&mut s, key('y')).is_empty(),
        "a failed task is not retried"
    );
    update(&mut s, code(KeyCode::Esc));
    assert!(s.modals.is_empty() && s.engaging().is_none());
}

#[test]
fn closing_while_it_runs_keeps_polling_and_e_shows_it_again() {
    let mut s = confirming();
    let token = start(&mut s);
    update(
        &mut s,
        answered(&token, Ok(task(TaskStatus::InProgress)), false),
    );
    update(&mut s, code(KeyCode::Esc));
    assert!(s.modals.is_empty());
    let effects = update(
        &mut s,
        Msg::Task(TaskMsg::Polled {
            work: (TaskKind::Engage, "O2".into()),
            task_id: "oit-0000000000001".into(),
            result: Ok(task(TaskStatus::InProgress)),
        }),
    );
    assert!(matches!(effects.as_slice(), [Effect::PollTask { .. }]));
    assert!(update(&mut s, key('E')).is_empty(), "no second listing");
    assert!(screen_text(&s).contains("IN_PROGRESS"));
    update(&mut s, code(KeyCode::Esc));
    update(
        &mut s,
        Msg::Task(TaskMsg::Polled {
            work: (TaskKind::Engage, "O2".into()),
            task_id: "oit-0000000000001".into(),
            result: Ok(task(TaskStatus::Complete)),
        }),
    );
    assert!(
        s.notices
            .latest()
            .is_some_and(|n| n.text.contains("is ready (E: invite a partner into it)")),
        "the closed dialog's key is named"
    );
    update(&mut s, key('E'));
    assert!(screen_text(&s).contains("COMPLETE"));
}

#[test]
fn a_kept_draft_is_never_replaced_by_the_prefilled_one() {
    let mut s = confirming();
    let token = start(&mut s);
    update(
        &mut s,
        answered(&token, Ok(task(TaskStatus::Complete)), false),
    );
    let mut kept = pc_inbox::compose::draft::Draft::new("kept".into());
    kept.message = "half written".into();
    s.draft = Some(kept.clone());
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert_eq!(s.draft, Some(kept));
    assert!(matches!(s.modals.last(), Some(Modal::Engage(_))));
    assert!(s
        .notices
        .latest()
        .is_some_and(|n| n.text.contains("A draft is kept")));
}

#[test]
fn a_task_the_service_had_already_is_followed_or_taken_as_done_without_a_second_start_row() {
    let mut s = confirming();
    let token = start(&mut s);
    let effects = update(
        &mut s,
        answered(&token, Ok(task(TaskStatus::Complete)), true),
    );
    assert!(
        journaled(&effects).is_empty(),
        "nothing changed: {effects:?}"
    );
    assert!(matches!(
        engage::run(&s).map(|r| &r.phase),
        Some(Phase::Complete { made: Some(e) }) if e == "eng-00000000000001"
    ));
    let notice = &s.notices.latest().unwrap().text;
    assert!(
        notice.contains("was engaged already: engagement eng-00000000000001"),
        "{notice}"
    );
    assert!(screen_text(&s).contains("COMPLETE"));

    let mut s = confirming();
    let token = start(&mut s);
    let effects = update(
        &mut s,
        answered(&token, Ok(task(TaskStatus::InProgress)), true),
    );
    assert_eq!(journaled(&effects), [Done::EngageResumed], "followed");
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::PollTask { task_id, .. } if task_id == "oit-0000000000001")));
}

#[test]
fn a_poll_that_fails_is_said_once_and_tried_again_and_a_refusal_is_looked_at_again_with_the_same_token(
) {
    let mut s = confirming();
    let token = start(&mut s);
    update(
        &mut s,
        answered(&token, Ok(task(TaskStatus::InProgress)), false),
    );
    let poll_failed = |e: ServiceError| {
        Msg::Task(TaskMsg::Polled {
            work: (TaskKind::Engage, "O2".into()),
            task_id: "oit-0000000000001".into(),
            result: Err(e),
        })
    };
    let throttled = || ServiceError::Throttled {
        message: "Rate exceeded".into(),
    };
    let before = s.notices.len();
    for round in 0..2 {
        let effects = update(&mut s, poll_failed(throttled()));
        assert!(
            effects.iter().any(|e| matches!(e, Effect::PollTask { .. })),
            "round {round}: {effects:?}"
        );
    }
    assert_eq!(s.notices.len(), before + 1, "said once");
    assert!(s
        .notices
        .latest()
        .unwrap()
        .text
        .contains("Checking on the engagement from O2 failed"));
    let effects = update(
        &mut s,
        poll_failed(ServiceError::AccessDenied {
            message: "no".into(),
        }),
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(
        engage::run(&s).map(|r| &r.phase),
        Some(Phase::Failed { retry: true, .. })
    ));
    assert!(s.notices.latest().unwrap().text.contains("Lost track"));
    let effects = update(&mut s, key('y'));
    assert!(
        matches!(effects.as_slice(), [Effect::StartTask { client_token, .. }] if *client_token == token),
        "y looks again with the same token (the service's task is followed, none starts): {effects:?}"
    );
}
