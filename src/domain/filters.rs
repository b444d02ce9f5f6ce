use super::{InvitationStatus, ListQuery, Participant, PayloadKind, SortOrder};

/// Which payload types to list: the config file's `payload` (`all`, `opportunity`, `lead`,
/// `account-planning`) and the command line's `--payload` (the same but `all`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum PayloadChoice {
    #[default]
    #[value(skip)]
    All,
    Opportunity,
    Lead,
    AccountPlanning,
}

impl PayloadChoice {
    /// Every choice, in menu order.
    pub const ALL: [PayloadChoice; 4] = [
        PayloadChoice::All,
        PayloadChoice::Opportunity,
        PayloadChoice::Lead,
        PayloadChoice::AccountPlanning,
    ];

    /// The payload types it lists (empty: every type).
    pub fn kinds(self) -> Vec<PayloadKind> {
        match self {
            PayloadChoice::All => Vec::new(),
            PayloadChoice::Opportunity => vec![PayloadKind::Opportunity],
            PayloadChoice::Lead => vec![PayloadKind::Lead],
            PayloadChoice::AccountPlanning => vec![PayloadKind::AccountPlanning],
        }
    }

    /// The choice that lists exactly `kinds`; `All` for anything else.
    pub fn of(kinds: &[PayloadKind]) -> Self {
        Self::ALL
            .into_iter()
            .find(|c| c.kinds() == kinds)
            .unwrap_or_default()
    }

    /// Its name in the plural, e.g. `account plans`; `None` for every type.
    pub fn plural(self) -> Option<&'static str> {
        match self {
            PayloadChoice::All => None,
            PayloadChoice::Opportunity => Some("opportunities"),
            PayloadChoice::Lead => Some("leads"),
            PayloadChoice::AccountPlanning => Some("account plans"),
        }
    }
}

/// The service-side filters of the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    /// Empty means every status.
    pub statuses: Vec<InvitationStatus>,
    pub payload: PayloadChoice,
    pub sort: SortOrder,
}

impl Filters {
    /// The ListEngagementInvitations query for a view.
    pub fn query(&self, view: Participant, page_size: u32) -> ListQuery {
        let mut q = ListQuery::new(view);
        q.statuses = self.statuses.clone();
        q.payload_kinds = self.payload.kinds();
        q.sort = self.sort;
        q.page_size = Some(page_size);
        q
    }

    /// A short description for the status line, e.g. `pending · leads · oldest first`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.statuses.is_empty() {
            parts.push("all statuses".to_string());
        } else {
            let names: Vec<String> = self
                .statuses
                .iter()
                .map(|s| s.as_wire().to_lowercase())
                .collect();
            parts.push(names.join("+"));
        }
        parts.extend(self.payload.plural().map(str::to_string));
        parts.push(
            match self.sort {
                SortOrder::NewestFirst => "newest first",
                SortOrder::OldestFirst => "oldest first",
            }
            .into(),
        );
        parts.join(" · ")
    }
}

/// The URL of an invitation in the Partner Central console: the template with `{id}` and
/// `{catalog}` filled in.
pub fn console_url(template: &str, catalog: &str, id: &str) -> String {
    template.replace("{id}", id).replace("{catalog}", catalog)
}
