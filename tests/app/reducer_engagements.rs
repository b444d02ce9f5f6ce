//! Looking into engagements: the members of an engagement you are in show in the detail and in
//! the create form's engagement picker; choosing an engagement fills the form's empty customer
//! and project fields from its context and warns when the form names another customer.

use crate::fixtures;
use pc_inbox::app::{CreateMsg, EngagementMsg, SyncMsg};

use crossterm::event::KeyCode;
use fixtures::update;
use fixtures::{code, key, loaded, screen_text};
use pc_inbox::app::{Effect, Modal, Msg, State};
use pc_inbox::compose::fields::Field;
use pc_inbox::domain::{Customer, Engagement, EngagementMember, EngagementSummary, Page};

const SIZE: (u16, u16) = (160, 48);

fn member(company: &str, account: &str) -> EngagementMember {
    EngagementMember {
        account_id: Some(account.into()),
        company_name: Some(company.into()),
        website_url: None,
    }
}

fn members_loaded(s: &mut State, id: &str) {
    update(
        s,
        Msg::Engagement(EngagementMsg::Members {
            engagement_id: id.into(),
            result: Ok(vec![
                member("Northwind Traders", "111122223333"),
                member("Fabrikam Partners", "444455556666"),
            ]),
        }),
    );
}

#[test]
fn the_detail_of_an_accepted_invitation_lists_its_engagement_s_members() {
    let mut s = loaded(SIZE, 10, false);
    // Row 4 of the fixtures is accepted; row 0 is pending.
    let epoch = s.selection_epoch();
    let effects = update(&mut s, Msg::Sync(SyncMsg::SelectionSettled { epoch }));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::LoadMembers { .. })),
        "a pending invitation lists its members itself: {effects:?}"
    );
    for _ in 0..4 {
        update(&mut s, key('j'));
    }
    fixtures::deliver(&mut s, fixtures::opportunity(4));
    let epoch = s.selection_epoch();
    let effects = update(&mut s, Msg::Sync(SyncMsg::SelectionSettled { epoch }));
    let id = "eng-00000000000004";
    assert!(
        effects.contains(&Effect::LoadMembers {
            engagement_id: id.into()
        }),
        "{effects:?}"
    );
    assert!(screen_text(&s).contains("Looking up who is in the engagement"));
    members_loaded(&mut s, id);
    let screen = screen_text(&s);
    assert!(screen.contains("Engagement members"), "{screen}");
    assert!(
        screen.contains("Fabrikam Partners · 444455556666"),
        "{screen}"
    );
    let epoch = s.selection_epoch();
    let again = update(&mut s, Msg::Sync(SyncMsg::SelectionSettled { epoch }));
    assert!(
        !again
            .iter()
            .any(|e| matches!(e, Effect::LoadMembers { .. })),
        "looked up once"
    );
}

fn engagement(id: &str, title: &str) -> EngagementSummary {
    EngagementSummary {
        id: id.into(),
        arn: None,
        title: Some(title.into()),
        created_at: None,
        created_by: Some("111122223333".into()),
        member_count: Some(2),
        modified_at: None,
        context_types: vec!["CustomerProject".into()],
    }
}

fn context(id: &str) -> Engagement {
    Engagement {
        id: id.into(),
        title: Some("Data lake pursuit".into()),
        member_count: Some(2),
        customer: Some(Customer {
            company_name: "Contoso Retail GmbH".into(),
            industry: "Retail".into(),
            country_code: "DE".into(),
            website_url: "https://contoso.example".into(),
        }),
        project_title: Some("Data lake on AWS".into()),
    }
}

fn draft(s: &State) -> &pc_inbox::compose::draft::Draft {
    match s.top() {
        Some(Modal::Create(f)) => &f.draft,
        other => panic!("no form: {other:?}"),
    }
}

#[test]
fn the_picker_says_who_is_in_and_choosing_fills_the_customer_and_project_in() {
    let mut s = loaded(SIZE, 3, false);
    update(&mut s, key('n'));
    update(
        &mut s,
        Msg::Create(CreateMsg::EngagementsLoaded(Ok(Page {
            items: vec![
                engagement("eng-00000000000001", "Joint GTM"),
                engagement("eng-00000000000002", "Data lake pursuit"),
            ],
            next_token: None,
        }))),
    );
    // The company is typed before the engagement is chosen: it is kept.
    if let Some(Modal::Create(f)) = s.modals.last_mut() {
        f.draft.company = "Contoso AG".into();
    }
    let effects = update(&mut s, code(KeyCode::Enter));
    assert_eq!(
        effects,
        [Effect::LoadMembers {
            engagement_id: "eng-00000000000001".into()
        }]
    );
    let effects = update(&mut s, code(KeyCode::Down));
    assert_eq!(
        effects,
        [Effect::LoadMembers {
            engagement_id: "eng-00000000000002".into()
        }]
    );
    members_loaded(&mut s, "eng-00000000000002");
    let screen = screen_text(&s);
    assert!(
        screen.contains("In it already: Northwind Traders (111122223333), Fabrikam Partners"),
        "{screen}"
    );
    let effects = update(&mut s, code(KeyCode::Enter));
    assert!(
        effects.contains(&Effect::LoadEngagement {
            id: "eng-00000000000002".into()
        }),
        "{effects:?}"
    );
    let effects = update(
        &mut s,
        Msg::Engagement(EngagementMsg::Read {
            id: "eng-00000000000002".into(),
            result: Ok(context("eng-00000000000002")),
        }),
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::SettleDraft { .. })),
        "the filled-in draft is saved: {effects:?}"
    );
    let d = draft(&s);
    assert_eq!(d.company, "Contoso AG", "typed text is never replaced");
    assert_eq!(
        (
            d.industry.as_str(),
            d.country.as_str(),
            d.project_title.as_str()
        ),
        ("Retail", "DE", "Data lake on AWS")
    );
    if let Some(Modal::Create(f)) = s.modals.last_mut() {
        f.focus(Field::Company);
    }
    let screen = screen_text(&s);
    assert!(
        screen.contains("⚠ The engagement's customer is Contoso Retail GmbH"),
        "{screen}"
    );
}
