//! Checks a draft the way the service will: the model's constraints (required members,
//! patterns, lengths, enums, list sizes) on the request it would send, plus what the SDK and the
//! issue require on top. The whole draft at once, or one text field alone as it is typed.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::draft::{Draft, DraftKind};
use super::fields::{fields, Field};
use super::paths::{field_for_path, path_of};
use crate::model::{create_invitation_request, model};

/// Problems by field; `None` for problems that belong to no field.
pub type Problems = BTreeMap<Option<Field>, String>;

/// The request body checked against the model.
const REQUEST: &str = "CreateEngagementInvitationRequest";

/// Every problem with the draft, with a reason a person understands; `today` bounds the
/// target date.
pub fn problems(draft: &Draft, today: NaiveDate) -> Problems {
    let mut out = Problems::new();
    for field in fields(draft) {
        if let Some(message) = own_rule(draft, today, field) {
            out.insert(Some(field), message);
        }
    }
    match model().validate(REQUEST, &request(draft)) {
        Ok(violations) => {
            for v in violations {
                let field = field_for_path(&v.field);
                let message = friendly(field, v.code, &v.message, draft);
                out.entry(field).or_insert(message);
            }
        }
        Err(mismatch) => {
            out.entry(None).or_insert(mismatch.0);
        }
    }
    out
}

/// The problem [`problems`] finds with a field whose value is one text (typed or picked),
/// checking that field alone: what a keystroke in it can change. Fields the draft does not
/// show have none.
pub fn problem(draft: &Draft, today: NaiveDate, field: Field) -> Option<String> {
    if !fields(draft).contains(&field) {
        return None;
    }
    if let Some(message) = own_rule(draft, today, field) {
        return Some(message);
    }
    let path = path_of(field)?;
    let violations = model()
        .validate_member(REQUEST, &request(draft), &path)
        .ok()?;
    let first = violations.first()?;
    Some(friendly(Some(field), first.code, &first.message, draft))
}

/// The request the draft would send.
fn request(draft: &Draft) -> serde_json::Value {
    create_invitation_request("AWS", &draft.engagement_id, "token", &draft.invitation())
}

/// What pc-inbox requires of a field beyond the model, or sooner than the service would say it.
fn own_rule(draft: &Draft, today: NaiveDate, field: Field) -> Option<String> {
    let blank = |value: &str| value.trim().is_empty();
    let required = |value: &str| blank(value).then(|| "Required".to_string());
    let opportunity = draft.kind == DraftKind::Opportunity;
    match field {
        Field::Engagement if draft.engagement_id.is_empty() => {
            Some("Pick the engagement to invite to".into())
        }
        Field::ReceiverAccount => {
            let account = draft.receiver_account.trim();
            (account.len() != 12 || !account.chars().all(|c| c.is_ascii_digit()))
                .then(|| "The receiver's 12-digit AWS account id".into())
        }
        Field::TargetDate if opportunity => {
            let date = draft.target_date.trim();
            match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
                Err(_) if !date.is_empty() => Some("Not a date: use YYYY-MM-DD".into()),
                Ok(day) if day <= today => Some(format!("Must be after today ({today})")),
                _ => None,
            }
        }
        Field::SpendAmount(i) if opportunity => required(&draft.spend.get(i)?.amount),
        Field::AddContact if opportunity && draft.contacts.is_empty() => {
            Some("Add at least one sender contact".into())
        }
        Field::Responsibilities if opportunity && draft.responsibilities.is_empty() => {
            Some("Pick at least one".into())
        }
        Field::LeadCompany if !opportunity => required(&draft.lead_company),
        Field::ContactBusinessTitle if !opportunity => required(&draft.contact_title),
        Field::LeadCountry if !opportunity => required(&draft.lead_country),
        Field::SourceType if !opportunity => required(&draft.source_type),
        Field::SourceName if !opportunity => required(&draft.source_name),
        Field::SourceId if !opportunity => required(&draft.source_id),
        _ => None,
    }
}

fn chars(draft: &Draft, field: Field) -> usize {
    let mut copy = draft.clone();
    super::fields::text_mut(&mut copy, field).map_or(0, |s| s.trim().chars().count())
}

/// A reason in plain words for a model violation on a field.
fn friendly(field: Option<Field>, code: &str, raw: &str, draft: &Draft) -> String {
    use Field::*;
    if code == "REQUIRED_FIELD_MISSING" {
        return "Required".into();
    }
    if code == "INVALID_ENUM_VALUE" {
        return "Pick one from the list".into();
    }
    let Some(field) = field else {
        return raw.to_string();
    };
    let n = chars(draft, field);
    let length = |min: usize, max: usize| {
        if n < min {
            if min == 1 {
                "Required".to_string()
            } else {
                format!("At least {min} characters (now {n})")
            }
        } else {
            format!("At most {max} characters (now {n})")
        }
    };
    match field {
        ContactEmail(_) => "Not an email address".into(),
        ContactPhone(_) => "Use the international format, e.g. +14155550100".into(),
        Website => "A web address, e.g. https://www.example.com".into(),
        TargetDate => "A date as YYYY-MM-DD".into(),
        SpendAmount(_) => "A number with at most 2 decimals, e.g. 12500.00".into(),
        BusinessProblem => length(20, 2000),
        Message => length(1, 255),
        ProjectTitle => length(1, 255),
        Company | LeadCompany => length(1, 120),
        SpendTarget(_) => length(1, 80),
        ReceiverAlias | ContactFirst(_) | ContactLast(_) | ContactTitle(_) => length(0, 80),
        LeadCountry => length(0, 10),
        _ => length(0, 255),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn valid() -> Draft {
        let mut d = Draft::new("tok".into());
        d.engagement_id = "eng-00000000000001".into();
        d.receiver_account = "444455556666".into();
        d.message = "Join us".into();
        d.company = "Contoso".into();
        d.industry = "Retail".into();
        d.country = "US".into();
        d.website = "https://www.contoso.example".into();
        d.project_title = "Migration".into();
        d.business_problem = "The data centre lease ends next year.".into();
        d.target_date = "2027-06-30".into();
        d.spend[0].amount = "12000".into();
        d.responsibilities = vec!["Services Partner".into()];
        d.contacts[0].email = "anna@northwind.example".into();
        d
    }

    #[test]
    fn a_complete_draft_has_no_problems() {
        assert_eq!(problems(&valid(), today()), Problems::new());
    }

    #[test]
    fn each_field_is_checked_with_a_reason() {
        let mut d = valid();
        d.receiver_account = "12345".into();
        d.contacts[0].email = "anna-at-example".into();
        d.contacts[0].phone = "0170 1234".into();
        d.business_problem = "too short".into();
        d.target_date = "2027-02-30".into();
        d.spend[0].amount = "12.345".into();
        d.website = "not a url".into();
        d.message = "x".repeat(256);
        let p = problems(&d, today());
        assert_eq!(
            p[&Some(Field::ReceiverAccount)],
            "The receiver's 12-digit AWS account id"
        );
        assert_eq!(p[&Some(Field::ContactEmail(0))], "Not an email address");
        assert_eq!(
            p[&Some(Field::ContactPhone(0))],
            "Use the international format, e.g. +14155550100"
        );
        assert_eq!(
            p[&Some(Field::BusinessProblem)],
            "At least 20 characters (now 9)"
        );
        assert_eq!(p[&Some(Field::TargetDate)], "Not a date: use YYYY-MM-DD");
        d.target_date = "2026-11-26".into();
        d.contacts[0].phone = "+41 44 555 01 01".into();
        let p = problems(&d, today());
        assert_eq!(
            p[&Some(Field::TargetDate)],
            "Must be after today (2026-11-26)"
        );
        assert!(
            !p.contains_key(&Some(Field::ContactPhone(0))),
            "spaces are fine"
        );
        let p = problems(&d, today());
        assert_eq!(
            p[&Some(Field::SpendAmount(0))],
            "A number with at most 2 decimals, e.g. 12500.00"
        );
        assert_eq!(
            p[&Some(Field::Website)],
            "A web address, e.g. https://www.example.com"
        );
        assert_eq!(p[&Some(Field::Message)], "At most 255 characters (now 256)");
    }

    #[test]
    fn leads_need_their_own_fields() {
        let mut d = valid();
        d.kind = DraftKind::Lead;
        let p = problems(&d, today());
        for f in [
            Field::LeadCompany,
            Field::ContactBusinessTitle,
            Field::LeadCountry,
            Field::SourceType,
        ] {
            assert_eq!(p[&Some(f)], "Required", "{f:?}");
        }
        assert!(
            !p.contains_key(&Some(Field::Company)),
            "opportunity fields do not count"
        );
    }

    #[test]
    fn every_text_field_has_a_bound_with_a_reason() {
        for kind in [DraftKind::Opportunity, DraftKind::Lead] {
            let mut base = valid();
            base.kind = kind;
            for field in super::super::fields::fields(&base) {
                if field.editor() != super::super::fields::Editor::Text {
                    continue;
                }
                let mut d = base.clone();
                *super::super::fields::text_mut(&mut d, field).unwrap() = "x".repeat(2001);
                let p = problems(&d, today());
                let reason = p
                    .get(&Some(field))
                    .unwrap_or_else(|| panic!("{field:?} takes 2001 characters"));
                assert!(!reason.is_empty());
            }
        }
    }
}
