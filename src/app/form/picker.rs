//! Choosing from a list with type-ahead: engagements, industries, countries, currencies and
//! (several at once) receiver responsibilities.

use tui_input::Input;

use crate::compose::fields::{Field, PickerKind};
use crate::domain::countries::COUNTRIES;
use crate::domain::EngagementSummary;
use crate::model::model;

/// One choice: the value stored in the draft and the text shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// An open picker for one field.
#[derive(Debug, Clone)]
pub struct Picker {
    pub field: Field,
    pub kind: PickerKind,
    pub query: Input,
    /// Position among the choices that match the query.
    pub cursor: usize,
    /// For the multi-select picker: the values ticked so far.
    pub ticked: Vec<String>,
}

impl Picker {
    pub fn new(field: Field, kind: PickerKind, ticked: Vec<String>) -> Self {
        Picker {
            field,
            kind,
            query: Input::default(),
            cursor: 0,
            ticked,
        }
    }

    /// Whether several values can be picked.
    pub fn multi(&self) -> bool {
        self.kind == PickerKind::Responsibilities
    }

    /// The choices matching the typed query.
    pub fn matches(&self, engagements: &[EngagementSummary]) -> Vec<Choice> {
        let query = self.query.value().to_lowercase();
        choices(self.kind, engagements)
            .into_iter()
            .filter(|c| query.is_empty() || c.label.to_lowercase().contains(&query))
            .collect()
    }
}

/// Every choice of a picker.
pub fn choices(kind: PickerKind, engagements: &[EngagementSummary]) -> Vec<Choice> {
    let from_enum = |shape: &str| -> Vec<Choice> {
        model()
            .enum_values(shape)
            .iter()
            .map(|v| Choice {
                value: v.clone(),
                label: v.clone(),
            })
            .collect()
    };
    match kind {
        PickerKind::Engagement => engagements
            .iter()
            .map(|e| Choice {
                value: e.id.clone(),
                label: format!(
                    "{} · {} · created by {}",
                    e.title.as_deref().unwrap_or("(untitled)"),
                    e.id,
                    e.created_by.as_deref().unwrap_or("?")
                ),
            })
            .collect(),
        PickerKind::Industry => from_enum("Industry"),
        PickerKind::Currency => from_enum("CurrencyCode"),
        PickerKind::Responsibilities => from_enum("ReceiverResponsibility"),
        PickerKind::Country => {
            let allowed = model().enum_values("CountryCode");
            let mut list: Vec<Choice> = COUNTRIES
                .iter()
                .filter(|(code, _)| allowed.iter().any(|a| a == code))
                .map(|(code, name)| Choice {
                    value: code.to_string(),
                    label: format!("{name} ({code})"),
                })
                .collect();
            list.sort_by(|a, b| a.label.cmp(&b.label));
            list
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_type_ahead_matches_names_and_codes() {
        let mut p = Picker::new(Field::Country, PickerKind::Country, Vec::new());
        p.query = Input::new("germ".into());
        assert_eq!(p.matches(&[])[0].value, "DE");
        p.query = Input::new("(jp)".into());
        assert_eq!(p.matches(&[])[0].label, "Japan (JP)");
    }

    #[test]
    fn enums_come_from_the_service_model() {
        assert!(choices(PickerKind::Currency, &[])
            .iter()
            .any(|c| c.value == "EUR"));
        assert!(choices(PickerKind::Industry, &[])
            .iter()
            .any(|c| c.value == "Financial Services"));
        assert_eq!(choices(PickerKind::Responsibilities, &[]).len(), 9);
    }
}
