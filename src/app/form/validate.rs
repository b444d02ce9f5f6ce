//! Checks a draft the way the service will: the model's constraints (required members,
//! patterns, lengths, enums, list sizes) on the request it would send, plus what the SDK and the
//! issue require on top. Also maps the service's field paths back onto form fields.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::draft::{Draft, DraftKind};
use super::fields::Field;
use crate::model::{create_invitation_request, model};

/// Problems by field; `None` for problems that belong to no field.
pub type Problems = BTreeMap<Option<Field>, String>;

/// Every problem with the draft, with a reason a person understands; `today` bounds the
/// target date.
pub fn problems(draft: &Draft, today: NaiveDate) -> Problems {
    let mut out = Problems::new();
    let mut add = |field: Field, message: &str| {
        out.entry(Some(field))
            .or_insert_with(|| message.to_string());
    };
    if draft.engagement_id.is_empty() {
        add(Field::Engagement, "Pick the engagement to invite to");
    }
    let account = draft.receiver_account.trim();
    if account.len() != 12 || !account.chars().all(|c| c.is_ascii_digit()) {
        add(
            Field::ReceiverAccount,
            "The receiver's 12-digit AWS account id",
        );
    }
    match draft.kind {
        DraftKind::Opportunity => {
            let date = draft.target_date.trim();
            match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
                Err(_) if !date.is_empty() => add(Field::TargetDate, "Not a date: use YYYY-MM-DD"),
                Ok(day) if day <= today => {
                    add(Field::TargetDate, &format!("Must be after today ({today})"))
                }
                _ => {}
            }
            for (i, s) in draft.spend.iter().enumerate() {
                if s.amount.trim().is_empty() {
                    add(Field::SpendAmount(i), "Required");
                }
            }
            if draft.contacts.is_empty() {
                add(Field::AddContact, "Add at least one sender contact");
            }
            if draft.responsibilities.is_empty() {
                add(Field::Responsibilities, "Pick at least one");
            }
        }
        DraftKind::Lead => {
            for (field, value) in [
                (Field::LeadCompany, &draft.lead_company),
                (Field::ContactBusinessTitle, &draft.contact_title),
                (Field::LeadCountry, &draft.lead_country),
                (Field::SourceType, &draft.source_type),
                (Field::SourceName, &draft.source_name),
                (Field::SourceId, &draft.source_id),
            ] {
                if value.trim().is_empty() {
                    add(field, "Required");
                }
            }
        }
    }
    let request =
        create_invitation_request("AWS", &draft.engagement_id, "token", &draft.invitation());
    match model().validate("CreateEngagementInvitationRequest", &request) {
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

/// The form field behind a member path of CreateEngagementInvitationRequest, as the model
/// validator and the service's ValidationException name them.
pub fn field_for_path(path: &str) -> Option<Field> {
    use Field::*;
    let (base, index) = split_index(path);
    let field = match base.as_str() {
        "EngagementIdentifier" => Engagement,
        "Invitation.Message" => Message,
        "Invitation.Receiver.Account.AwsAccountId" => ReceiverAccount,
        "Invitation.Receiver.Account.Alias" => ReceiverAlias,
        p => {
            if let Some(rest) = p.strip_prefix("Invitation.Payload.OpportunityInvitation.") {
                match rest {
                    "Customer.CompanyName" => Company,
                    "Customer.Industry" => Industry,
                    "Customer.CountryCode" => Country,
                    "Customer.WebsiteUrl" => Website,
                    "Project.Title" => ProjectTitle,
                    "Project.BusinessProblem" => BusinessProblem,
                    "Project.TargetCompletionDate" => TargetDate,
                    "Project.ExpectedCustomerSpend[].Amount" => SpendAmount(index?),
                    "Project.ExpectedCustomerSpend[].CurrencyCode" => SpendCurrency(index?),
                    "Project.ExpectedCustomerSpend[].TargetCompany" => SpendTarget(index?),
                    "Project.ExpectedCustomerSpend" => AddSpend,
                    "ReceiverResponsibilities" | "ReceiverResponsibilities[]" => Responsibilities,
                    "SenderContacts[].Email" => ContactEmail(index?),
                    "SenderContacts[].FirstName" => ContactFirst(index?),
                    "SenderContacts[].LastName" => ContactLast(index?),
                    "SenderContacts[].BusinessTitle" => ContactTitle(index?),
                    "SenderContacts[].Phone" => ContactPhone(index?),
                    "SenderContacts" => AddContact,
                    _ => return None,
                }
            } else if let Some(rest) = p.strip_prefix("Invitation.Payload.LeadInvitation.") {
                match rest {
                    "Customer.CompanyName" => LeadCompany,
                    "Customer.Industry" => LeadIndustry,
                    "Customer.CountryCode" => LeadCountry,
                    "Customer.WebsiteUrl" => LeadWebsite,
                    "Customer.AwsMaturity" => LeadMaturity,
                    "Customer.MarketSegment" => LeadSegment,
                    "Interaction.SourceType" => SourceType,
                    "Interaction.SourceName" => SourceName,
                    "Interaction.SourceId" => SourceId,
                    "Interaction.Usecase" => UseCase,
                    "Interaction.ContactBusinessTitle" => ContactBusinessTitle,
                    _ => return None,
                }
            } else {
                return None;
            }
        }
    };
    Some(field)
}

/// `A.B[2].C` → (`A.B[].C`, Some(2)).
fn split_index(path: &str) -> (String, Option<usize>) {
    match (path.find('['), path.find(']')) {
        (Some(open), Some(close)) if close > open => {
            let index = path[open + 1..close].parse().ok();
            (format!("{}[]{}", &path[..open], &path[close + 1..]), index)
        }
        _ => (path.to_string(), None),
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

    #[test]
    fn service_paths_map_back_to_fields() {
        assert_eq!(
            field_for_path("Invitation.Payload.OpportunityInvitation.SenderContacts[2].Email"),
            Some(Field::ContactEmail(2))
        );
        assert_eq!(
            field_for_path("Invitation.Receiver.Account.AwsAccountId"),
            Some(Field::ReceiverAccount)
        );
        assert_eq!(
            field_for_path("Invitation.Payload.LeadInvitation.Interaction.Usecase"),
            Some(Field::UseCase)
        );
        assert_eq!(field_for_path("Catalog"), None);
    }
}
