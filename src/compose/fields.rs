//! The form's fields: which ones show for a draft, their labels, how each is edited, and where
//! each one's text lives in the draft.

use super::draft::{Draft, DraftKind};

/// Most sender contacts and spend rows the service takes.
pub const MAX_CONTACTS: usize = 3;
pub const MAX_SPEND: usize = 10;

/// One row of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Engagement,
    ReceiverAccount,
    ReceiverAlias,
    Message,
    Kind,
    Company,
    Industry,
    Country,
    Website,
    ProjectTitle,
    BusinessProblem,
    TargetDate,
    SpendAmount(usize),
    SpendCurrency(usize),
    SpendTarget(usize),
    RemoveSpend(usize),
    AddSpend,
    Responsibilities,
    ContactEmail(usize),
    ContactFirst(usize),
    ContactLast(usize),
    ContactTitle(usize),
    ContactPhone(usize),
    RemoveContact(usize),
    AddContact,
    LeadCompany,
    LeadIndustry,
    LeadCountry,
    LeadWebsite,
    LeadMaturity,
    LeadSegment,
    SourceType,
    SourceName,
    SourceId,
    UseCase,
    ContactBusinessTitle,
    Submit,
    Discard,
}

/// A list to pick from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Engagement,
    Industry,
    Country,
    Currency,
    Responsibilities,
}

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editor {
    Text,
    Pick(PickerKind),
    Toggle,
    Button,
}

impl Field {
    /// The label shown left of the value.
    pub fn label(self) -> String {
        use Field::*;
        match self {
            Engagement => "Engagement".into(),
            ReceiverAccount => "Receiver account".into(),
            ReceiverAlias => "Receiver alias".into(),
            Message => "Message".into(),
            Kind => "Payload".into(),
            Company | LeadCompany => "Company".into(),
            Industry | LeadIndustry => "Industry".into(),
            Country | LeadCountry => "Country".into(),
            Website | LeadWebsite => "Website".into(),
            ProjectTitle => "Title".into(),
            BusinessProblem => "Business problem".into(),
            TargetDate => "Target completion".into(),
            SpendAmount(i) => format!("#{} Amount/month", i + 1),
            SpendCurrency(_) => "   Currency".into(),
            SpendTarget(_) => "   Target company".into(),
            RemoveSpend(i) => format!("   Remove spend #{}", i + 1),
            AddSpend => "+ Add a spend row".into(),
            Responsibilities => "Your receiver's role".into(),
            ContactEmail(i) => format!("#{} Email", i + 1),
            ContactFirst(_) => "   First name".into(),
            ContactLast(_) => "   Last name".into(),
            ContactTitle(_) => "   Business title".into(),
            ContactPhone(_) => "   Phone".into(),
            RemoveContact(i) => format!("   Remove contact #{}", i + 1),
            AddContact => "+ Add a contact".into(),
            LeadMaturity => "AWS maturity".into(),
            LeadSegment => "Market segment".into(),
            SourceType => "Source type".into(),
            SourceName => "Source name".into(),
            SourceId => "Source id".into(),
            UseCase => "Use case".into(),
            ContactBusinessTitle => "Contact's title".into(),
            Submit => "Send invitation".into(),
            Discard => "Discard this draft".into(),
        }
    }

    /// True for a text field that takes several lines (Enter starts a new line).
    pub fn multiline(self) -> bool {
        matches!(self, Field::Message | Field::BusinessProblem)
    }

    /// True for a button whose press cannot be undone: it asks for a second press.
    pub fn destructive(self) -> bool {
        matches!(
            self,
            Field::Discard | Field::RemoveSpend(_) | Field::RemoveContact(_)
        )
    }

    /// How the field is edited.
    pub fn editor(self) -> Editor {
        use Field::*;
        match self {
            Engagement => Editor::Pick(PickerKind::Engagement),
            Industry => Editor::Pick(PickerKind::Industry),
            Country | LeadCountry => Editor::Pick(PickerKind::Country),
            SpendCurrency(_) => Editor::Pick(PickerKind::Currency),
            Responsibilities => Editor::Pick(PickerKind::Responsibilities),
            Kind => Editor::Toggle,
            RemoveSpend(_) | AddSpend | RemoveContact(_) | AddContact | Submit | Discard => {
                Editor::Button
            }
            _ => Editor::Text,
        }
    }

    /// The list item a field belongs to (a spend row or a contact).
    pub fn index(self) -> Option<usize> {
        use Field::*;
        match self {
            SpendAmount(i) | SpendCurrency(i) | SpendTarget(i) | RemoveSpend(i) => Some(i),
            ContactEmail(i) | ContactFirst(i) | ContactLast(i) | ContactTitle(i)
            | ContactPhone(i) | RemoveContact(i) => Some(i),
            _ => None,
        }
    }

    /// The section heading that starts at this field.
    pub fn section(self) -> Option<&'static str> {
        use Field::*;
        match self {
            Engagement => Some("Invitation"),
            Company => Some("Customer"),
            ProjectTitle => Some("Project"),
            SpendAmount(0) | AddSpend => Some("Expected customer spend"),
            Responsibilities => Some("Receiver responsibilities"),
            ContactEmail(0) => Some("Sender contacts (1–3)"),
            LeadCompany => Some("Lead customer"),
            SourceType => Some("Interaction"),
            Submit => Some(""),
            _ => None,
        }
    }
}

/// The fields a draft shows, in order.
pub fn fields(draft: &Draft) -> Vec<Field> {
    use Field::*;
    let mut f = vec![Engagement, ReceiverAccount, ReceiverAlias, Message, Kind];
    match draft.kind {
        DraftKind::Opportunity => {
            f.extend([
                Company,
                Industry,
                Country,
                Website,
                ProjectTitle,
                BusinessProblem,
                TargetDate,
            ]);
            for i in 0..draft.spend.len() {
                f.extend([
                    SpendAmount(i),
                    SpendCurrency(i),
                    SpendTarget(i),
                    RemoveSpend(i),
                ]);
            }
            if draft.spend.len() < MAX_SPEND {
                f.push(AddSpend);
            }
            f.push(Responsibilities);
            for i in 0..draft.contacts.len() {
                f.extend([
                    ContactEmail(i),
                    ContactFirst(i),
                    ContactLast(i),
                    ContactTitle(i),
                    ContactPhone(i),
                ]);
                if draft.contacts.len() > 1 {
                    f.push(RemoveContact(i));
                }
            }
            if draft.contacts.len() < MAX_CONTACTS {
                f.push(AddContact);
            }
        }
        DraftKind::Lead => f.extend([
            LeadCompany,
            LeadIndustry,
            LeadCountry,
            LeadWebsite,
            LeadMaturity,
            LeadSegment,
            SourceType,
            SourceName,
            SourceId,
            UseCase,
            ContactBusinessTitle,
        ]),
    }
    f.extend([Submit, Discard]);
    f
}

/// The draft's text behind a text or picker field.
pub fn text_mut(draft: &mut Draft, field: Field) -> Option<&mut String> {
    use Field::*;
    Some(match field {
        Engagement => &mut draft.engagement_id,
        ReceiverAccount => &mut draft.receiver_account,
        ReceiverAlias => &mut draft.receiver_alias,
        Message => &mut draft.message,
        Company => &mut draft.company,
        Industry => &mut draft.industry,
        Country => &mut draft.country,
        Website => &mut draft.website,
        ProjectTitle => &mut draft.project_title,
        BusinessProblem => &mut draft.business_problem,
        TargetDate => &mut draft.target_date,
        SpendAmount(i) => &mut draft.spend.get_mut(i)?.amount,
        SpendCurrency(i) => &mut draft.spend.get_mut(i)?.currency,
        SpendTarget(i) => &mut draft.spend.get_mut(i)?.target_company,
        ContactEmail(i) => &mut draft.contacts.get_mut(i)?.email,
        ContactFirst(i) => &mut draft.contacts.get_mut(i)?.first_name,
        ContactLast(i) => &mut draft.contacts.get_mut(i)?.last_name,
        ContactTitle(i) => &mut draft.contacts.get_mut(i)?.title,
        ContactPhone(i) => &mut draft.contacts.get_mut(i)?.phone,
        LeadCompany => &mut draft.lead_company,
        LeadIndustry => &mut draft.lead_industry,
        LeadCountry => &mut draft.lead_country,
        LeadWebsite => &mut draft.lead_website,
        LeadMaturity => &mut draft.lead_maturity,
        LeadSegment => &mut draft.lead_segment,
        SourceType => &mut draft.source_type,
        SourceName => &mut draft.source_name,
        SourceId => &mut draft.source_id,
        UseCase => &mut draft.use_case,
        ContactBusinessTitle => &mut draft.contact_title,
        Kind | Responsibilities | RemoveSpend(_) | AddSpend | RemoveContact(_) | AddContact
        | Submit | Discard => return None,
    })
}

/// The value as shown in the form. It reads through `text_mut`, so it takes a scratch copy of
/// the draft: a frame clones the draft once rather than once per field.
pub fn shown(copy: &mut Draft, field: Field) -> String {
    match field {
        Field::Kind => match copy.kind {
            DraftKind::Opportunity => "Opportunity".into(),
            DraftKind::Lead => "Lead".into(),
        },
        Field::Engagement if !copy.engagement_id.is_empty() => {
            format!("{} · {}", copy.engagement_title, copy.engagement_id)
        }
        Field::Responsibilities => copy.responsibilities.join(", "),
        Field::Country | Field::LeadCountry => {
            let code = text_mut(copy, field).cloned().unwrap_or_default();
            match crate::domain::countries::country_name(&code) {
                Some(name) => format!("{name} ({code})"),
                None => code,
            }
        }
        _ => text_mut(copy, field).cloned().unwrap_or_default(),
    }
}
