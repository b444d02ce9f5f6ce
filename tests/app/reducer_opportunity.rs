//! The opportunity an accepted invitation created: looked up when the selection rests on an
//! accepted invitation or when an accept completes, shown in the detail, opened by `o`.

use crate::fixtures;
use pc_inbox::app::SyncMsg;

use fixtures::update;
use fixtures::{deliver, key, loaded, opportunity, screen_text};
use pc_inbox::app::{Effect, Msg, State};
use pc_inbox::domain::Linked;
use pc_inbox::domain::{InvitationStatus, Opportunity};

const SIZE: (u16, u16) = (160, 48);

/// Row 4 of the fixtures is accepted.
const ACCEPTED: usize = 4;

fn settle(s: &mut State) -> Vec<Effect> {
    let epoch = s.selection_epoch();
    update(s, Msg::Sync(SyncMsg::SelectionSettled { epoch }))
}

fn prospect(id: &str) -> Opportunity {
    Opportunity {
        id: id.into(),
        title: Some("SAP S/4HANA migration to AWS".into()),
        customer: Some("Globex Corporation".into()),
        stage: Some("Prospect".into()),
        review_status: Some("Pending Submission".into()),
        next_steps: Some("Call the customer".into()),
        target_close_date: Some("2027-06-30".into()),
        last_modified: Some(fixtures::now()),
        details: Default::default(),
    }
}

/// The inbox with the accepted row selected and its detail in.
fn on_accepted() -> State {
    let mut s = loaded(SIZE, 10, false);
    for _ in 0..ACCEPTED {
        update(&mut s, key('j'));
    }
    let mut d = opportunity(ACCEPTED);
    d.summary.status = Some(InvitationStatus::Accepted);
    deliver(&mut s, d);
    s
}

#[test]
fn resting_on_an_accepted_invitation_looks_its_opportunity_up_once() {
    let mut s = on_accepted();
    let id = s.selected().unwrap().id.clone();
    assert_eq!(
        s.selected().unwrap().status,
        Some(InvitationStatus::Accepted)
    );
    let effects = settle(&mut s);
    assert!(
        effects.contains(&Effect::LoadOpportunity {
            invitation_id: id.clone(),
            known: None
        }),
        "{effects:?}"
    );
    assert_eq!(s.opportunities.get(&id), Some(&Linked::Loading));
    assert!(screen_text(&s).contains("Looking up the opportunity it created…"));
    update(&mut s, key('k'));
    update(&mut s, key('j'));
    let again = settle(&mut s);
    assert!(
        !again
            .iter()
            .any(|e| matches!(e, Effect::LoadOpportunity { .. })),
        "not asked twice: {again:?}"
    );
    update(
        &mut s,
        Msg::Sync(SyncMsg::OpportunityLoaded {
            invitation_id: id.clone(),
            result: Ok(Some(Box::new(prospect("O1234567890")))),
        }),
    );
    let screen = screen_text(&s);
    for text in [
        "── Opportunity",
        "O1234567890",
        "Prospect (Pending Submission)",
        "Call the customer",
        "2027-06-30",
    ] {
        assert!(screen.contains(text), "{text} in:\n{screen}");
    }
}

#[test]
fn pending_invitations_have_no_opportunity_to_look_up() {
    let mut s = loaded(SIZE, 10, false);
    let effects = settle(&mut s);
    assert!(!effects
        .iter()
        .any(|e| matches!(e, Effect::LoadOpportunity { .. })));
}

#[test]
fn o_opens_the_opportunity_once_it_is_known_and_else_the_invitation() {
    let mut s = on_accepted();
    let id = s.selected().unwrap().id.clone();
    let effects = update(&mut s, key('o'));
    let [Effect::OpenUrl(url)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        url.contains("engagement-invitations") && url.contains(&id),
        "{url}"
    );
    settle(&mut s);
    update(
        &mut s,
        Msg::Sync(SyncMsg::OpportunityLoaded {
            invitation_id: id,
            result: Ok(Some(Box::new(prospect("O1234567890")))),
        }),
    );
    let effects = update(&mut s, key('o'));
    let [Effect::OpenUrl(url)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(url.contains("/opportunities/O1234567890"), "{url}");
}

#[test]
fn a_failed_lookup_says_so_and_no_task_means_no_section() {
    let mut s = on_accepted();
    let id = s.selected().unwrap().id.clone();
    settle(&mut s);
    update(
        &mut s,
        Msg::Sync(SyncMsg::OpportunityLoaded {
            invitation_id: id.clone(),
            result: Err(pc_inbox::service::ServiceError::Throttled {
                message: "Rate exceeded".into(),
            }),
        }),
    );
    assert!(screen_text(&s).contains("Could not load the opportunity"));
    update(
        &mut s,
        Msg::Sync(SyncMsg::OpportunityLoaded {
            invitation_id: id,
            result: Ok(None),
        }),
    );
    assert!(!screen_text(&s).contains("── Opportunity"));
}
