//! The create form in the reducer: opening and restoring drafts, typing with live validation,
//! pickers with type-ahead, submitting once, and server field errors back on their fields.

use crate::fixtures;
use pc_inbox::app::{CreateMsg, SyncMsg};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fixtures::update;
use fixtures::{code, key, loaded};
use pc_inbox::app::form::InvitationForm;
use pc_inbox::app::{Effect, Modal, Msg, State};
use pc_inbox::compose::draft::DraftKind;
use pc_inbox::compose::fields::Field;
use pc_inbox::domain::{EngagementSummary, Page, Participant};
use pc_inbox::service::{CreatedInvitation, FieldError, ServiceError};

const SIZE: (u16, u16) = (160, 48);

fn form(s: &State) -> &InvitationForm {
    match s.top() {
        Some(Modal::Create(f)) => f,
        other => panic!("no form: {other:?}"),
    }
}

fn form_mut(s: &mut State) -> &mut InvitationForm {
    match s.modals.last_mut() {
        Some(Modal::Create(f)) => f,
        other => panic!("no form: {other:?}"),
    }
}

fn type_text(s: &mut State, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| update(s, key(c))).collect()
}

fn ctrl_s() -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL))
}

fn engagement(id: &str, title: &str) -> EngagementSummary {
    EngagementSummary {
        id: id.into(),
        arn: None,
        title: Some(title.into()),
        created_at: None,
        created_by: Some("111122223333".into()),
        member_count: Some(1),
        modified_at: None,
        context_types: vec![],
    }
}

/// Opens the form with two engagements loaded.
fn open() -> State {
    let mut s = loaded(SIZE, 3, false);
    let effects = update(&mut s, key('n'));
    assert_eq!(effects, [Effect::LoadEngagements { next_token: None }]);
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
    s
}

/// The draft saved once the last of `effects`' save timers fires.
fn settle(s: &mut State, effects: &[Effect]) -> pc_inbox::compose::draft::Draft {
    let Some(Effect::SettleDraft { epoch, .. }) = effects.last() else {
        panic!("a save is scheduled: {effects:?}")
    };
    match update(s, Msg::Create(CreateMsg::DraftSettled { epoch: *epoch })).as_slice() {
        [Effect::SaveDraft(Some(saved))] => (**saved).clone(),
        other => panic!("{other:?}"),
    }
}

/// Fills every opportunity field with valid values.
fn fill_valid(s: &mut State) {
    let f = form_mut(s);
    fixtures::fill_valid(&mut f.draft, "eng-00000000000001");
    f.draft.engagement_title = "Joint GTM".into();
    f.recheck();
}

#[test]
fn typing_updates_the_draft_saves_it_once_typing_pauses_and_checks_it_live() {
    let mut s = open();
    update(&mut s, code(KeyCode::Down));
    assert_eq!(form(&s).field(), Field::ReceiverAccount);
    let effects = type_text(&mut s, "12345");
    let saved = settle(&mut s, &effects);
    assert_eq!(saved.receiver_account, "12345", "saved as typed");
    assert!(
        form(&s).problem(Field::ReceiverAccount).is_none(),
        "not shown before the field is left"
    );
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(
        form(&s).problem(Field::ReceiverAccount).unwrap(),
        "The receiver's 12-digit AWS account id"
    );
    update(&mut s, code(KeyCode::Up));
    type_text(&mut s, "6789012");
    assert!(
        form(&s).problem(Field::ReceiverAccount).is_none(),
        "fixed as you type"
    );
}

#[test]
fn the_engagement_picker_lists_engagements_and_country_has_type_ahead() {
    let mut s = open();
    update(&mut s, code(KeyCode::Enter));
    assert!(form(&s).picker.is_some());
    update(&mut s, code(KeyCode::Down));
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).draft.engagement_id, "eng-00000000000002");
    assert_eq!(form(&s).draft.engagement_title, "Data lake pursuit");
    form_mut(&mut s).focus(Field::Country);
    update(&mut s, code(KeyCode::Enter));
    type_text(&mut s, "germ");
    let effects = update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).draft.country, "DE");
    assert_eq!(settle(&mut s, &effects).country, "DE");
    form_mut(&mut s).focus(Field::Responsibilities);
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, key(' '));
    update(&mut s, code(KeyCode::Down));
    update(&mut s, key(' '));
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).draft.responsibilities.len(), 2, "multi-select");
}

#[test]
fn switching_to_a_lead_shows_lead_fields() {
    let mut s = open();
    form_mut(&mut s).focus(Field::Kind);
    update(&mut s, key(' '));
    assert_eq!(form(&s).draft.kind, DraftKind::Lead);
    let fields = pc_inbox::compose::fields::fields(&form(&s).draft);
    assert!(fields.contains(&Field::SourceType) && !fields.contains(&Field::Company));
}

#[test]
fn spend_rows_and_contacts_can_be_added_and_removed_within_limits() {
    let mut s = open();
    form_mut(&mut s).focus(Field::AddContact);
    update(&mut s, code(KeyCode::Enter));
    form_mut(&mut s).focus(Field::AddContact);
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).draft.contacts.len(), 3);
    let fields = pc_inbox::compose::fields::fields(&form(&s).draft);
    assert!(
        !fields.contains(&Field::AddContact),
        "at most three contacts"
    );
    form_mut(&mut s).focus(Field::RemoveContact(1));
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).draft.contacts.len(), 3, "removing asks first");
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).draft.contacts.len(), 2);
    form_mut(&mut s).focus(Field::AddSpend);
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).draft.spend.len(), 2);
}

#[test]
fn submit_waits_until_every_field_is_valid() {
    let mut s = open();
    let effects = update(&mut s, ctrl_s());
    assert!(effects.is_empty(), "{effects:?}");
    assert!(form(&s).submit_attempted);
    assert_eq!(
        form(&s).field(),
        Field::Engagement,
        "focus goes to the first problem"
    );
    assert_eq!(form(&s).problem(Field::Company).unwrap(), "Required");
}

#[test]
fn a_valid_draft_is_sent_once_with_its_client_token() {
    let mut s = open();
    fill_valid(&mut s);
    let token = form(&s).draft.client_token.clone();
    let effects = update(&mut s, ctrl_s());
    let [Effect::CreateInvitation {
        engagement_id,
        client_token,
        invitation,
    }] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (engagement_id.as_str(), client_token),
        ("eng-00000000000001", &token)
    );
    assert_eq!(invitation.receiver.account_id, "444455556666");
    assert!(
        update(&mut s, ctrl_s()).is_empty(),
        "no second request while the first is out"
    );
}

#[test]
fn service_field_errors_land_on_their_fields_and_keep_the_input() {
    let mut s = open();
    fill_valid(&mut s);
    let token = form(&s).draft.client_token.clone();
    update(&mut s, ctrl_s());
    let err = ServiceError::Validation {
        message: "1 validation error detected".into(),
        fields: vec![FieldError {
            field: Some("Invitation.Payload.OpportunityInvitation.SenderContacts[0].Email".into()),
            message: "Email domain is not allowed".into(),
            code: "INVALID_STRING_FORMAT".into(),
        }],
    };
    update(
        &mut s,
        Msg::Create(CreateMsg::Created {
            client_token: token,
            result: Err(err),
        }),
    );
    let f = form(&s);
    assert!(!f.submitting);
    assert_eq!(f.field(), Field::ContactEmail(0));
    assert_eq!(
        f.problem(Field::ContactEmail(0)).unwrap(),
        "Email domain is not allowed"
    );
    assert_eq!(f.draft.contacts[0].email, "anna@northwind.example");
    type_text(&mut s, "x");
    assert!(
        form(&s).problem(Field::ContactEmail(0)).is_none(),
        "editing the field clears the service's complaint"
    );
}

#[test]
fn other_failures_show_the_message_and_allow_a_retry_with_the_same_token() {
    let mut s = open();
    fill_valid(&mut s);
    let token = form(&s).draft.client_token.clone();
    update(&mut s, ctrl_s());
    let err = ServiceError::Throttled {
        message: "Rate exceeded".into(),
    };
    update(
        &mut s,
        Msg::Create(CreateMsg::Created {
            client_token: token.clone(),
            result: Err(err),
        }),
    );
    assert!(form(&s)
        .server
        .get(&None)
        .unwrap()
        .contains("Rate exceeded"));
    let effects = update(&mut s, ctrl_s());
    let [Effect::CreateInvitation { client_token, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(client_token, &token);
}

#[test]
fn success_closes_the_form_drops_the_draft_and_shows_the_invitation_under_sent() {
    let mut s = open();
    fill_valid(&mut s);
    let token = form(&s).draft.client_token.clone();
    update(&mut s, ctrl_s());
    let created = CreatedInvitation {
        id: "engi-0000000000002".into(),
        arn: "arn:x".into(),
    };
    let effects = update(
        &mut s,
        Msg::Create(CreateMsg::Created {
            client_token: token,
            result: Ok(created),
        }),
    );
    assert!(s.modals.is_empty());
    assert!(s.draft.is_none());
    assert!(effects.contains(&Effect::SaveDraft(None)));
    assert_eq!(s.side(), Participant::Sent);
    let generation = s.list_generation();
    update(
        &mut s,
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(fixtures::sent_page(0..5, false)),
        }),
    );
    assert_eq!(s.selected().unwrap().id, "engi-0000000000002");
}

#[test]
fn esc_keeps_the_draft_and_n_brings_it_back() {
    let mut s = open();
    update(&mut s, code(KeyCode::Down));
    type_text(&mut s, "444455556666");
    let token = form(&s).draft.client_token.clone();
    update(&mut s, code(KeyCode::Esc));
    assert!(s.modals.is_empty());
    assert_eq!(s.draft.as_ref().unwrap().receiver_account, "444455556666");
    update(&mut s, key('n'));
    let f = form(&s);
    assert!(f.restored);
    assert_eq!(
        (f.draft.receiver_account.as_str(), &f.draft.client_token),
        ("444455556666", &token)
    );
}

#[test]
fn discarding_removes_the_draft() {
    let mut s = open();
    type_text(&mut s, "x");
    form_mut(&mut s).focus(Field::Discard);
    assert!(
        update(&mut s, code(KeyCode::Enter)).is_empty(),
        "asks first"
    );
    assert_eq!(form(&s).armed, Some(Field::Discard));
    assert!(fixtures::screen_text(&s)
        .contains("Discard this draft — press Enter again to confirm, any other key keeps it"));
    let effects = update(&mut s, code(KeyCode::Enter));
    assert_eq!(effects, [Effect::SaveDraft(None)]);
    assert!(s.modals.is_empty() && s.draft.is_none());
}

#[test]
fn destructive_buttons_ask_first_and_any_other_key_keeps_the_data() {
    let mut s = open();
    form_mut(&mut s).draft.spend.push(Default::default());
    form_mut(&mut s).focus(Field::RemoveSpend(0));
    let spends = form(&s).draft.spend.len();
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, key(' '));
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(
        form(&s).draft.spend.len(),
        spends,
        "Space is not a second press"
    );
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(form(&s).draft.spend.len(), spends - 1);
}

#[test]
fn moving_stops_at_the_ends_instead_of_wrapping_onto_discard() {
    let mut s = open();
    update(&mut s, code(KeyCode::Up));
    assert_eq!(form(&s).field(), Field::Engagement);
    for _ in 0..200 {
        update(&mut s, code(KeyCode::Down));
    }
    assert_eq!(form(&s).field(), Field::Discard);
    update(&mut s, code(KeyCode::Down));
    assert_eq!(form(&s).field(), Field::Discard, "no wrap to the top");
}

#[test]
fn after_a_picker_choice_the_focus_stays_on_the_field() {
    let mut s = open();
    form_mut(&mut s).focus(Field::Industry);
    update(&mut s, code(KeyCode::Enter));
    for c in "retail".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let f = form(&s);
    assert!(f.picker.is_none());
    assert_eq!(
        (f.field(), f.draft.industry.as_str()),
        (Field::Industry, "Retail")
    );
}

#[test]
fn a_field_passed_without_an_edit_shows_no_problem_until_a_send() {
    let mut s = open();
    update(&mut s, code(KeyCode::Tab));
    update(&mut s, code(KeyCode::Tab));
    assert!(form(&s).problem(Field::Engagement).is_none());
    assert!(form(&s).problem(Field::ReceiverAccount).is_none());
    update(&mut s, ctrl_s());
    assert_eq!(
        form(&s).problem(Field::Engagement).unwrap(),
        "Pick the engagement to invite to"
    );
}

#[test]
fn a_target_date_must_be_after_today() {
    let mut s = open();
    form_mut(&mut s).focus(Field::TargetDate);
    type_text(&mut s, "2026-11-26");
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(
        form(&s).problem(Field::TargetDate).unwrap(),
        "Must be after today (2026-11-26)"
    );
}

#[test]
fn the_message_and_business_problem_take_several_lines() {
    let mut s = open();
    form_mut(&mut s).focus(Field::Message);
    type_text(&mut s, "Hello");
    update(&mut s, code(KeyCode::Enter));
    let effects = type_text(&mut s, "second line");
    assert_eq!(form(&s).field(), Field::Message, "Enter starts a line");
    let saved = settle(&mut s, &effects);
    assert_eq!(saved.message, "Hello\nsecond line");
    update(&mut s, code(KeyCode::Up));
    update(&mut s, key('!'));
    assert_eq!(
        form(&s).draft.message,
        "Hello!\nsecond line",
        "↑ moved in the text"
    );
    update(&mut s, Msg::Paste("a\r\nb".into()));
    assert_eq!(form(&s).draft.message, "Hello!a\nb\nsecond line");
    update(&mut s, Msg::Paste(",\rteam\tplease".into()));
    assert_eq!(
        form(&s).draft.message,
        "Hello!a\nb,\nteam please\nsecond line",
        "a lone CR is a line break and a tab a space: nothing hidden is sent"
    );
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(form(&s).field(), Field::Kind, "Tab leaves the field");
    let screen = fixtures::screen_text(&s);
    assert!(screen.contains("Hello!a (+3 more lines)"), "{screen}");
}

#[test]
fn ctrl_e_saves_the_draft_hands_the_field_to_the_editor_and_takes_its_text_back() {
    let mut s = open();
    form_mut(&mut s).focus(Field::BusinessProblem);
    type_text(&mut s, "draft");
    let effects = update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL)),
    );
    let [Effect::SaveDraft(Some(saved)), edit] = effects.as_slice() else {
        panic!("saved before the editor takes the terminal: {effects:?}")
    };
    assert_eq!(saved.business_problem, "draft");
    assert_eq!(
        edit,
        &Effect::EditText {
            field: Field::BusinessProblem,
            text: "draft".into()
        }
    );
    let effects = update(
        &mut s,
        Msg::Create(CreateMsg::TextEdited {
            field: Field::BusinessProblem,
            result: Ok("The stores' servers reach end of life.\nBudget is approved.\n".into()),
        }),
    );
    let saved = settle(&mut s, &effects);
    assert_eq!(
        saved.business_problem,
        "The stores' servers reach end of life.\nBudget is approved."
    );
    assert_eq!(
        form(&s).draft.business_problem,
        "The stores' servers reach end of life.\nBudget is approved."
    );
    assert_eq!(form(&s).edited_text(), form(&s).draft.business_problem);
    update(
        &mut s,
        Msg::Create(CreateMsg::TextEdited {
            field: Field::BusinessProblem,
            result: Err("`nano` could not start".into()),
        }),
    );
    assert!(s.notices.latest().unwrap().text.contains("nano"));
    assert!(
        form(&s).draft.business_problem.ends_with("approved."),
        "kept"
    );
}
