//! The engage dialog's state: where it is (picking, confirming, following the task) and the
//! opportunity picker. A leaf: the modal stack holds it without knowing the engage's logic.

use tui_input::Input;

use crate::domain::Opportunity;

/// The open engage dialog.
#[derive(Debug, Clone)]
pub struct EngageDialog {
    pub stage: Stage,
}

/// Where the dialog is.
#[derive(Debug, Clone)]
pub enum Stage {
    /// Choosing the opportunity.
    Pick(OpportunityPicker),
    /// "Start an engagement from this opportunity?" The opportunity's detail replaces the
    /// summary once read.
    Confirm(Box<Opportunity>),
    /// Following the task of [`State::engaging`](crate::app::State::engaging).
    Progress,
}

/// The partner's opportunities, loaded page by page, narrowed by typing.
#[derive(Debug, Clone, Default)]
pub struct OpportunityPicker {
    pub rows: Vec<Opportunity>,
    pub loading: bool,
    pub error: Option<String>,
    pub query: Input,
    /// Position among the rows that match the query.
    pub cursor: usize,
}

impl OpportunityPicker {
    /// The rows whose id, customer or stage contain the typed text.
    pub fn matches(&self) -> Vec<&Opportunity> {
        let query = self.query.value().to_lowercase();
        self.rows
            .iter()
            .filter(|o| {
                query.is_empty()
                    || [Some(&o.id), o.customer.as_ref(), o.stage.as_ref()]
                        .into_iter()
                        .flatten()
                        .any(|t| t.to_lowercase().contains(&query))
            })
            .collect()
    }
}
