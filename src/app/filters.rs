use crate::domain::{InvitationStatus, ListQuery, Participant, PayloadKind, SortOrder};

/// Which payload types to list: the config file's `payload` (`all`, `opportunity`, `lead`) and
/// the command line's `--payload` (`opportunity`, `lead`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum PayloadChoice {
    #[default]
    #[value(skip)]
    All,
    Opportunity,
    Lead,
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
        q.payload_kinds = match self.payload {
            PayloadChoice::All => Vec::new(),
            PayloadChoice::Opportunity => vec![PayloadKind::Opportunity],
            PayloadChoice::Lead => vec![PayloadKind::Lead],
        };
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
        match self.payload {
            PayloadChoice::All => {}
            PayloadChoice::Opportunity => parts.push("opportunities".into()),
            PayloadChoice::Lead => parts.push("leads".into()),
        }
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

/// The `f` menu: four status check boxes, then the payload choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterMenu {
    pub cursor: usize,
    pub statuses: [bool; 4],
    pub payload: PayloadChoice,
}

impl FilterMenu {
    /// Number of rows: four statuses and three payload choices.
    pub const ROWS: usize = 7;
    const PAYLOADS: [PayloadChoice; 3] = [
        PayloadChoice::All,
        PayloadChoice::Opportunity,
        PayloadChoice::Lead,
    ];

    /// The menu showing the current filters.
    pub fn open(filters: &Filters) -> Self {
        let mut statuses = [false; 4];
        for (i, s) in InvitationStatus::ALL.iter().enumerate() {
            statuses[i] = filters.statuses.contains(s);
        }
        FilterMenu {
            cursor: 0,
            statuses,
            payload: filters.payload,
        }
    }

    /// Toggles the status box or picks the payload choice under the cursor.
    pub fn toggle(&mut self) {
        match self.cursor {
            i @ 0..4 => self.statuses[i] = !self.statuses[i],
            i => self.payload = Self::PAYLOADS[i - 4],
        }
    }

    /// Row `i`'s label and whether it is on.
    pub fn row(&self, i: usize) -> (String, bool) {
        match i {
            0..4 => (
                InvitationStatus::ALL[i].as_wire().to_string(),
                self.statuses[i],
            ),
            _ => {
                let choice = Self::PAYLOADS[i - 4];
                let label = match choice {
                    PayloadChoice::All => "All payload types",
                    PayloadChoice::Opportunity => "Opportunities",
                    PayloadChoice::Lead => "Leads",
                };
                (label.to_string(), self.payload == choice)
            }
        }
    }

    /// The filters the menu describes, keeping the sort order.
    pub fn apply(&self, current: &Filters) -> Filters {
        Filters {
            statuses: InvitationStatus::ALL
                .iter()
                .zip(self.statuses)
                .filter(|(_, on)| *on)
                .map(|(s, _)| s.clone())
                .collect(),
            payload: self.payload,
            sort: current.sort,
        }
    }
}
