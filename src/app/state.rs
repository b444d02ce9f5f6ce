use chrono::{DateTime, FixedOffset, Utc};
use tui_input::Input;

use super::form::draft::Draft;
use super::form::InvitationForm;
use super::{
    Accepts, DetailCache, FilterMenu, Filters, InvitationList, PollSchedule, RejectDialog,
};
use crate::domain::{InvitationStatus, InvitationSummary, Participant};
use crate::keymap::Keymap;
use crate::ui::Theme;

/// The current time and the zone dates are shown in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub offset: FixedOffset,
}

/// Settings that do not change while the app runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Rows per ListEngagementInvitations page.
    pub page_size: u32,
    /// The catalog, for console links.
    pub catalog: String,
    /// How long the selection must rest before its detail is fetched.
    pub debounce: std::time::Duration,
    /// How often accept tasks are polled.
    pub poll: PollSchedule,
    /// The view and the service-side filters the inbox opens with.
    pub view: Participant,
    pub filters: Filters,
    /// Show dates in UTC instead of the local time zone.
    pub utc: bool,
    /// Where `o` opens an invitation: `{id}` and `{catalog}` are filled in.
    pub console_url: String,
}

/// The Partner Central console page of an invitation, unless the config file says otherwise.
pub const DEFAULT_CONSOLE_URL: &str =
    "https://console.aws.amazon.com/partnercentral/home?region=us-east-1#/engagement-invitations/{id}?catalog={catalog}";

impl Default for Settings {
    fn default() -> Self {
        Settings {
            page_size: 50,
            catalog: "AWS".into(),
            debounce: std::time::Duration::from_millis(120),
            poll: PollSchedule::default(),
            view: Participant::Received,
            filters: Filters::default(),
            utc: false,
            console_url: DEFAULT_CONSOLE_URL.into(),
        }
    }
}

/// The "accept this invitation?" question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmAccept {
    pub invitation_id: String,
    pub title: String,
    pub customer: Option<String>,
    /// An earlier attempt failed.
    pub retry: bool,
    /// Which button Enter presses.
    pub accept_focused: bool,
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Detail,
}

/// A popup over the main screen.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    Filters(FilterMenu),
    ConfirmAccept(ConfirmAccept),
    Reject(RejectDialog),
    Create(Box<InvitationForm>),
}

/// How a notice reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Success,
    Error,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: Level,
    pub text: String,
    pub since: DateTime<Utc>,
}

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct State {
    pub settings: Settings,
    pub keymap: Keymap,
    pub theme: Theme,
    pub clock: Clock,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub view: Participant,
    pub filters: Filters,
    pub list: InvitationList,
    pub details: DetailCache,
    pub accepts: Accepts,
    /// The unsent invitation draft while the form is closed.
    pub draft: Option<Draft>,
    /// Select this invitation once a page brings it (after creating it).
    pub select_after_load: Option<String>,
    /// Differs between runs; makes client tokens unique.
    pub session: String,
    pub focus: Focus,
    pub detail_scroll: u16,
    /// The `/` prompt while it is being typed.
    pub search_input: Option<Input>,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    pub spinner: usize,
    /// Tags list requests; replies for an older generation are dropped.
    pub list_generation: u64,
    /// The next page reply replaces the rows instead of adding to them (refresh).
    pub replace_rows: bool,
    /// Bumped on every selection change, for debouncing detail fetches.
    pub selection_epoch: u64,
    pub quit: bool,
}

impl State {
    /// The start state: received invitations, all statuses, newest first.
    pub fn new(
        settings: Settings,
        keymap: Keymap,
        theme: Theme,
        clock: Clock,
        size: (u16, u16),
    ) -> Self {
        let (view, filters) = (settings.view, settings.filters.clone());
        State {
            settings,
            keymap,
            theme,
            clock,
            size,
            view,
            filters,
            list: InvitationList::default(),
            details: DetailCache::default(),
            accepts: Accepts::default(),
            draft: None,
            select_after_load: None,
            session: "local".into(),
            focus: Focus::List,
            detail_scroll: 0,
            search_input: None,
            overlay: None,
            notice: None,
            spinner: 0,
            list_generation: 0,
            replace_rows: false,
            selection_epoch: 0,
            quit: false,
        }
    }

    /// The invitation under the cursor.
    pub fn selected(&self) -> Option<&InvitationSummary> {
        self.list.selected()
    }

    /// True while a page, or the detail of a row on screen, is on its way.
    pub fn busy(&self) -> bool {
        self.list.loading
            || self
                .list
                .window(crate::ui::layout::list_rows(self.size))
                .any(|(_, row)| {
                    matches!(
                        self.details.get(&row.id),
                        Some(super::DetailEntry::Loading { .. })
                    )
                })
    }

    /// The selected invitation, if it is a received, pending one that is not being accepted:
    /// the only kind that can be accepted or rejected.
    pub fn actionable(&self) -> Option<&InvitationSummary> {
        self.selected().filter(|row| {
            self.view == Participant::Received
                && row.status == Some(InvitationStatus::Pending)
                && !self
                    .accepts
                    .get(&row.id)
                    .is_some_and(|a| a.phase.is_active())
        })
    }

    /// Whether a row matches the lower-cased search text: title, sender or, once its detail is
    /// known, customer.
    pub fn matches(details: &DetailCache, row: &InvitationSummary, search: &str) -> bool {
        let hit = |s: Option<&str>| s.is_some_and(|s| s.to_lowercase().contains(search));
        hit(row.engagement_title.as_deref())
            || hit(row.sender_company.as_deref())
            || hit(details
                .ready(&row.id)
                .and_then(|d| crate::ui::format::customer_name(d)))
    }
}
