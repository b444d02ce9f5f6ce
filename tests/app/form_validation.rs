//! Live validation checks only the field that changed: after any sequence of edits through the
//! reducer (typing, deleting, pasting, moving, toggles and buttons), the problems the form shows
//! equal a check of the whole draft, and one field's check equals the whole check's problem for
//! that field for every text field and a table of telling values.

use crate::fixtures;

use crossterm::event::KeyCode;
use fixtures::update;
use fixtures::{code, key};
use pc_inbox::app::form::InvitationForm;
use pc_inbox::app::{Modal, Msg, State};
use pc_inbox::compose::draft::{Draft, DraftKind};
use pc_inbox::compose::fields::{fields, text_mut, Field};
use pc_inbox::compose::validate::{problem, problems};
use proptest::prelude::*;

/// Values that meet or break each field's rules.
fn values() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        "x",
        "Contoso",
        "444455556666",
        "12345",
        "anna@northwind.example",
        "anna-at-example",
        "+41 44 555 01 01",
        "0170 1234",
        "https://www.contoso.example",
        "not a url",
        "2027-06-30",
        "2026-11-26",
        "2027-02-30",
        "12000",
        "12.345",
        "US",
        "tab\tinside",
        "Kühn bakery\nsecond line",
        "The data centre lease ends next year.",
    ]
    .map(String::from)
    .to_vec();
    v.extend([19, 20, 81, 121, 256, 2001].map(|n| "x".repeat(n)));
    v
}

/// An opportunity draft with every field valid, two spend rows and two contacts.
fn valid() -> Draft {
    let mut d = Draft::new("tok".into());
    fixtures::fill_valid(&mut d, "eng-00000000000001");
    d.spend.push(d.spend[0].clone());
    d.contacts.push(d.contacts[0].clone());
    for (field, value) in [
        (Field::LeadCompany, "Northwind"),
        (Field::ContactBusinessTitle, "CTO"),
        (Field::LeadCountry, "DE"),
        (Field::SourceType, "Event"),
        (Field::SourceName, "re:Invent"),
        (Field::SourceId, "evt-1"),
    ] {
        *text_mut(&mut d, field).unwrap() = value.into();
    }
    d
}

#[test]
fn one_fields_check_equals_the_whole_check_for_that_field() {
    let today = fixtures::now().date_naive();
    for kind in [DraftKind::Opportunity, DraftKind::Lead] {
        for base in [valid(), Draft::new("tok".into())] {
            let base = Draft { kind, ..base };
            for field in fields(&base) {
                if text_mut(&mut base.clone(), field).is_none() {
                    continue;
                }
                for value in values() {
                    let mut d = base.clone();
                    *text_mut(&mut d, field).unwrap() = value.clone();
                    assert_eq!(
                        problem(&d, today, field).as_ref(),
                        problems(&d, today).get(&Some(field)),
                        "{kind:?} {field:?} = {value:?}"
                    );
                }
            }
        }
    }
}

/// One step of a user's session in the form.
#[derive(Debug, Clone)]
enum Edit {
    Type(char),
    Key(KeyCode),
    Paste(String),
    /// Focus the n-th field shown (modulo their number).
    Focus(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => prop::sample::select(vec!['a', '1', '4', '@', '.', '-', ' ', '+', ':', '/', 'é', '\t'])
            .prop_map(Edit::Type),
        3 => prop::sample::select(vec![
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Left,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Enter,
            KeyCode::Up,
            KeyCode::Down,
        ])
        .prop_map(Edit::Key),
        2 => prop::sample::select(values()).prop_map(Edit::Paste),
        2 => any::<usize>().prop_map(Edit::Focus),
    ]
}

/// The inbox with the create form open, on a blank or a valid draft.
fn open(valid_draft: bool) -> State {
    let mut s = fixtures::loaded((160, 48), 3, false);
    update(&mut s, key('n'));
    if valid_draft {
        let form = form(&mut s).expect("the form is open");
        form.draft = valid();
        form.recheck();
    }
    s
}

fn form(s: &mut State) -> Option<&mut InvitationForm> {
    s.modals.iter_mut().rev().find_map(|m| match m {
        Modal::Create(f) => Some(&mut **f),
        _ => None,
    })
}

fn apply(s: &mut State, edit: Edit) {
    let msg = match edit {
        Edit::Type(c) => key(c),
        Edit::Key(k) => code(k),
        Edit::Paste(text) => Msg::Paste(text),
        Edit::Focus(n) => {
            if let Some(form) = form(s).filter(|f| f.picker.is_none()) {
                let shown = fields(&form.draft);
                form.focus(shown[n % shown.len()]);
            }
            return;
        }
    };
    update(s, msg);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn problems_after_any_edits_equal_a_check_of_the_whole_draft(
        valid_draft in any::<bool>(),
        edits in prop::collection::vec(edit(), 1..60),
    ) {
        let mut s = open(valid_draft);
        for edit in edits {
            apply(&mut s, edit);
        }
        if let Some(form) = form(&mut s) {
            let whole = problems(&form.draft, form.today);
            prop_assert_eq!(&form.problems, &whole);
        }
    }
}
