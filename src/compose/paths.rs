//! Where each form field's value goes in a CreateEngagementInvitationRequest, both ways: the
//! member path of a field (to check that member alone as it is typed) and the field behind a
//! path that the model validator or the service's ValidationException names.

use super::fields::Field;

/// One form field, or one per list item (the constructor of the item's field).
enum Slot {
    One(Field),
    Each(fn(usize) -> Field),
}

const OPPORTUNITY: &str = "Invitation.Payload.OpportunityInvitation.";
const LEAD: &str = "Invitation.Payload.LeadInvitation.";

/// Member paths (list items as `[]`) and their fields; the first path of a field is its own.
const PATHS: &[(&str, &str, Slot)] = {
    use Field::*;
    use Slot::*;
    &[
        ("", "EngagementIdentifier", One(Engagement)),
        ("", "Invitation.Message", One(Message)),
        (
            "",
            "Invitation.Receiver.Account.AwsAccountId",
            One(ReceiverAccount),
        ),
        ("", "Invitation.Receiver.Account.Alias", One(ReceiverAlias)),
        (OPPORTUNITY, "Customer.CompanyName", One(Company)),
        (OPPORTUNITY, "Customer.Industry", One(Industry)),
        (OPPORTUNITY, "Customer.CountryCode", One(Country)),
        (OPPORTUNITY, "Customer.WebsiteUrl", One(Website)),
        (OPPORTUNITY, "Project.Title", One(ProjectTitle)),
        (OPPORTUNITY, "Project.BusinessProblem", One(BusinessProblem)),
        (OPPORTUNITY, "Project.TargetCompletionDate", One(TargetDate)),
        (
            OPPORTUNITY,
            "Project.ExpectedCustomerSpend[].Amount",
            Each(SpendAmount),
        ),
        (
            OPPORTUNITY,
            "Project.ExpectedCustomerSpend[].CurrencyCode",
            Each(SpendCurrency),
        ),
        (
            OPPORTUNITY,
            "Project.ExpectedCustomerSpend[].TargetCompany",
            Each(SpendTarget),
        ),
        (OPPORTUNITY, "Project.ExpectedCustomerSpend", One(AddSpend)),
        (
            OPPORTUNITY,
            "ReceiverResponsibilities",
            One(Responsibilities),
        ),
        (
            OPPORTUNITY,
            "ReceiverResponsibilities[]",
            One(Responsibilities),
        ),
        (OPPORTUNITY, "SenderContacts[].Email", Each(ContactEmail)),
        (
            OPPORTUNITY,
            "SenderContacts[].FirstName",
            Each(ContactFirst),
        ),
        (OPPORTUNITY, "SenderContacts[].LastName", Each(ContactLast)),
        (
            OPPORTUNITY,
            "SenderContacts[].BusinessTitle",
            Each(ContactTitle),
        ),
        (OPPORTUNITY, "SenderContacts[].Phone", Each(ContactPhone)),
        (OPPORTUNITY, "SenderContacts", One(AddContact)),
        (LEAD, "Customer.CompanyName", One(LeadCompany)),
        (LEAD, "Customer.Industry", One(LeadIndustry)),
        (LEAD, "Customer.CountryCode", One(LeadCountry)),
        (LEAD, "Customer.WebsiteUrl", One(LeadWebsite)),
        (LEAD, "Customer.AwsMaturity", One(LeadMaturity)),
        (LEAD, "Customer.MarketSegment", One(LeadSegment)),
        (LEAD, "Interaction.SourceType", One(SourceType)),
        (LEAD, "Interaction.SourceName", One(SourceName)),
        (LEAD, "Interaction.SourceId", One(SourceId)),
        (LEAD, "Interaction.Usecase", One(UseCase)),
        (
            LEAD,
            "Interaction.ContactBusinessTitle",
            One(ContactBusinessTitle),
        ),
    ]
};

/// The form field behind a member path of CreateEngagementInvitationRequest, as the model
/// validator and the service's ValidationException name them.
pub fn field_for_path(path: &str) -> Option<Field> {
    let (base, index) = split_index(path);
    PATHS.iter().find_map(|(prefix, rest, slot)| {
        let matches = base.strip_prefix(prefix) == Some(rest);
        match slot {
            _ if !matches => None,
            Slot::One(field) => Some(*field),
            Slot::Each(item) => index.map(item),
        }
    })
}

/// The member path of a field's value in the request, e.g. `…SenderContacts[1].Email` for
/// `ContactEmail(1)`; `None` for buttons and the payload toggle.
pub fn path_of(field: Field) -> Option<String> {
    PATHS.iter().find_map(|(prefix, rest, slot)| match slot {
        Slot::One(f) if *f == field => Some(format!("{prefix}{rest}")),
        Slot::Each(item) => {
            let i = field.index()?;
            (item(i) == field).then(|| format!("{prefix}{}", rest.replace("[]", &format!("[{i}]"))))
        }
        Slot::One(_) => None,
    })
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
    use super::super::draft::{Draft, DraftKind};
    use super::super::fields::{fields, Editor};
    use super::*;

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
        assert_eq!(
            field_for_path("Invitation.Payload.OpportunityInvitation.ReceiverResponsibilities[0]"),
            Some(Field::Responsibilities)
        );
        assert_eq!(field_for_path("Catalog"), None);
        assert_eq!(
            field_for_path("Invitation.Payload.OpportunityInvitation.SenderContacts.Email"),
            None,
            "an item's field needs its index"
        );
    }

    #[test]
    fn every_field_with_a_value_has_a_path_that_leads_back_to_it() {
        let mut draft = Draft::new("t".into());
        draft.spend.push(Default::default());
        draft.contacts.push(Default::default());
        for kind in [DraftKind::Opportunity, DraftKind::Lead] {
            draft.kind = kind;
            for field in fields(&draft) {
                let path = path_of(field);
                match field.editor() {
                    Editor::Button | Editor::Toggle => continue,
                    _ => {}
                }
                let path = path.unwrap_or_else(|| panic!("{field:?} has a path"));
                assert_eq!(field_for_path(&path), Some(field), "{path}");
            }
        }
        assert_eq!(
            path_of(Field::SpendTarget(1)).as_deref(),
            Some("Invitation.Payload.OpportunityInvitation.Project.ExpectedCustomerSpend[1].TargetCompany")
        );
    }
}
