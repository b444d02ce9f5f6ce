use super::modes::Modal;
use super::tasks::Phase;
use super::views::Views;
use super::{DetailCache, InvitationList, Level, Memory, Notices, PollSchedule};
use crate::compose::draft::Draft;
use crate::domain::{Clock, InvitationStatus, InvitationSummary, Participant, TaskKind};
use crate::keymap::{Keymap, Mode};

/// Settings that do not change while the app runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Rows per ListEngagementInvitations page.
    pub page_size: u32,
    /// The catalog, for console links.
    pub catalog: String,
    /// How long the selection must rest before its detail is fetched.
    pub debounce: std::time::Duration,
    /// How long the create form's draft must rest before it is saved (it is also saved when
    /// the form closes and when the app quits).
    pub draft_save_delay: std::time::Duration,
    /// How often accept tasks are polled.
    pub poll: PollSchedule,
    /// How long a confirmed reject is held, undoable with `z`, before it is sent.
    pub reject_hold: std::time::Duration,
    /// Show dates in UTC instead of the local time zone.
    pub utc: bool,
    /// Where `o` opens an invitation: `{id}` and `{catalog}` are filled in.
    pub console_url: String,
    /// Where `o` opens the opportunity an accepted invitation created: `{id}` and `{catalog}`
    /// are filled in.
    pub opportunity_url: String,
    /// How the inbox watches for new and changed invitations.
    pub watch: Watch,
    /// After acting on one invitation, select the next one that can be acted on.
    pub auto_advance: bool,
    /// The triage rules the detail pane applies (the config's `rules` file), if any.
    pub rules: crate::rules::Rules,
    /// The named views, switched by keys; the inbox opens on the first.
    pub views: Vec<crate::domain::View>,
}

/// The config file's `[watch]`: how often the inbox looks for new and changed invitations
/// (zero turns it off) and how it announces arrivals besides the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Watch {
    pub interval: std::time::Duration,
    /// Ring the terminal bell.
    pub bell: bool,
    /// Send a desktop notification (OSC 9).
    pub notify: bool,
}

impl Default for Watch {
    fn default() -> Self {
        Watch {
            interval: std::time::Duration::from_secs(60),
            bell: false,
            notify: false,
        }
    }
}

/// The Partner Central console page of an invitation, unless the config file says otherwise.
pub const DEFAULT_CONSOLE_URL: &str =
    "https://console.aws.amazon.com/partnercentral/home?region=us-east-1#/engagement-invitations/{id}?catalog={catalog}";

/// The Partner Central console page of an opportunity, unless the config file says otherwise.
pub const DEFAULT_OPPORTUNITY_URL: &str =
    "https://console.aws.amazon.com/partnercentral/home?region=us-east-1#/opportunities/{id}?catalog={catalog}";

impl Default for Settings {
    fn default() -> Self {
        Settings {
            page_size: 100,
            catalog: "AWS".into(),
            debounce: std::time::Duration::from_millis(120),
            draft_save_delay: std::time::Duration::from_millis(500),
            poll: PollSchedule::default(),
            reject_hold: std::time::Duration::from_secs(5),
            utc: false,
            console_url: DEFAULT_CONSOLE_URL.into(),
            opportunity_url: DEFAULT_OPPORTUNITY_URL.into(),
            watch: Watch::default(),
            auto_advance: true,
            rules: crate::rules::Rules::default(),
            views: crate::domain::View::defaults(),
        }
    }
}

/// What the reducer needs to know of the screen, measured by the drawing side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// The terminal's columns and rows.
    pub size: (u16, u16),
    /// Invitation rows the list pane shows.
    pub list_rows: usize,
    /// Text rows inside the detail pane.
    pub detail_rows: usize,
    /// Rows the selected invitation's detail takes when wrapped (0 until drawn).
    pub detail_lines: usize,
    /// The terminal is large enough to draw the inbox; while it is not, keys do nothing but
    /// quit.
    pub fits: bool,
}

/// Which pane has the keyboard when no dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Detail,
}

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct State {
    pub settings: Settings,
    pub keymap: Keymap,
    pub clock: Clock,
    pub geometry: Geometry,
    /// The named views, the one on screen and their counts.
    pub views: Views,
    pub list: InvitationList,
    pub details: DetailCache,
    /// The opportunities accepted invitations created.
    pub opportunities: super::opportunities::Opportunities,
    /// What the local store holds: cached rows, what is new, whether the service is reachable.
    pub memory: Memory,
    /// Accepts and engages: their tokens, progress and what the store keeps of them.
    pub(crate) tasks: super::tasks::Tasks,
    /// The bulk action in progress, or the last one until the next starts.
    pub bulk: Option<super::BulkQueue>,
    /// The current view's pending count, what expires soon and what it is worth.
    pub pipeline: super::pipeline::Pipeline,
    /// What the views' reads wait for (sort details, the other side's listing).
    pub(crate) reads: super::sync::Reads,
    /// The inbox's own looks for new and changed invitations.
    pub watching: super::sync::watch::Watching,
    /// Members and contexts of engagements, as looked up.
    pub engagements: super::engagements::Engagements,
    /// The opportunity the engage dialog follows (its task is in `tasks`), until it is let go.
    pub(crate) engaging: Option<crate::domain::Opportunity>,
    /// The unsent invitation draft while the form is closed.
    pub draft: Option<Draft>,
    /// Select this invitation once a page brings it (after creating it).
    pub(crate) select_after_load: Option<String>,
    /// Differs between runs; makes client tokens unique.
    pub(crate) session: String,
    pub focus: Focus,
    pub(crate) detail_scroll: u16,
    /// Dialogs and prompts over the inbox; the last one gets the keys.
    pub modals: Vec<Modal>,
    /// The writes the last frame drawn asked the user about: the only ones that may be sent.
    pub(crate) shown: Vec<super::consent::Write>,
    pub notices: Notices,
    /// A notice came in from the background since the last key press: the next key must not
    /// press a button that cannot be undone.
    pub interrupted: bool,
    pub(crate) spinner: usize,
    /// Tags list requests; replies for an older generation are dropped.
    pub(crate) list_generation: u64,
    /// The next page reply starts a new full listing, merged into the rows on screen (refresh).
    pub(crate) replace_rows: bool,
    /// Bumped on every selection change, for debouncing detail fetches.
    pub(crate) selection_epoch: u64,
    /// Bumped on every change to the create form's draft, for debouncing its saves.
    pub(crate) draft_epoch: u64,
    pub quit: bool,
}

impl State {
    /// The list's generation: a page or cached view asked for before the last reload is
    /// dropped when it arrives.
    pub fn list_generation(&self) -> u64 {
        self.list_generation
    }

    /// Counts selection changes: a detail fetch waits until the selection rests.
    pub fn selection_epoch(&self) -> u64 {
        self.selection_epoch
    }

    /// How far the detail pane is scrolled.
    pub fn detail_scroll(&self) -> u16 {
        self.detail_scroll
    }

    /// Accepts and engages: their tokens, progress and what the store keeps of them.
    pub fn tasks(&self) -> &super::tasks::Tasks {
        &self.tasks
    }

    /// Takes the tasks an earlier run left (`session` makes this run's new tokens unique).
    pub fn restore_tasks(
        &mut self,
        saved: Vec<(TaskKind, String, crate::domain::SavedTask)>,
        session: String,
    ) {
        self.tasks = super::tasks::Tasks::restore(saved, session);
    }

    /// The opportunity the engage dialog follows.
    pub fn engaging(&self) -> Option<&crate::domain::Opportunity> {
        self.engaging.as_ref()
    }

    /// The writes the last frame drawn asked about.
    pub fn shown(&self) -> &[super::consent::Write] {
        &self.shown
    }

    /// The start state, on the first view.
    pub fn new(settings: Settings, keymap: Keymap, clock: Clock, geometry: Geometry) -> Self {
        let views = Views::new(settings.views.clone());
        let watching = super::sync::watch::Watching::new(settings.watch.interval);
        let mut list = InvitationList::default();
        list.set_view(views.active.clone(), clock.now, geometry.list_rows);
        State {
            settings,
            keymap,
            clock,
            geometry,
            views,
            list,
            details: DetailCache::default(),
            opportunities: Default::default(),
            engaging: None,
            engagements: Default::default(),
            memory: Memory::default(),
            tasks: super::tasks::Tasks::default(),
            bulk: None,
            pipeline: Default::default(),
            reads: Default::default(),
            watching,
            draft: None,
            select_after_load: None,
            session: "local".into(),
            focus: Focus::List,
            detail_scroll: 0,
            modals: Vec::new(),
            shown: Vec::new(),
            notices: Notices::default(),
            interrupted: false,
            spinner: 0,
            list_generation: 0,
            replace_rows: false,
            selection_epoch: 0,
            draft_epoch: 0,
            quit: false,
        }
    }

    /// The side of the view on screen: received or sent invitations.
    pub fn side(&self) -> Participant {
        self.views.active.side
    }

    /// The service query the list loads: every invitation of the side on screen, newest first
    /// (the view's filters and order are applied locally).
    pub fn query(&self) -> crate::domain::ListQuery {
        let mut query = crate::domain::ListQuery::new(self.side());
        query.page_size = Some(self.settings.page_size);
        query
    }

    /// True when the local store has answered every write of what the inbox learned: the
    /// list then shows all of it.
    pub fn settled(&self) -> bool {
        self.reads.settled()
    }

    /// The invitation under the cursor.
    pub fn selected(&self) -> Option<&InvitationSummary> {
        self.list.selected()
    }

    /// True when the last frame drawn asked the user about `write`.
    pub fn was_shown(&self, write: &super::consent::Write) -> bool {
        self.shown.contains(write)
    }

    /// The dialog or prompt that has the keyboard, if any.
    pub fn top(&self) -> Option<&Modal> {
        self.modals.last()
    }

    /// The mode whose keys apply now.
    pub fn mode(&self) -> Mode {
        match self.top() {
            Some(modal) => modal.mode(),
            None if self.focus == Focus::Detail => Mode::Detail,
            None => Mode::List,
        }
    }

    /// Adds a notice to the queue.
    pub fn notify(&mut self, level: Level, text: impl Into<String>) {
        self.notices.push(level, text, self.clock.now);
    }

    /// The key bound to a list action, as hints name it (e.g. `a`).
    pub fn list_key(&self, action: crate::keymap::Action) -> String {
        self.keymap.hint(Mode::List, action)
    }

    /// True while a page, or the detail of a row on screen, is on its way.
    pub fn busy(&self) -> bool {
        self.list.loading
            || self.list.window(self.geometry.list_rows).any(|(_, row)| {
                matches!(
                    self.details.get(&row.id),
                    Some(super::DetailEntry::Loading { .. })
                )
            })
    }

    /// The selected invitation, if it is a received, pending one that is not being accepted:
    /// the only kind that can be accepted or rejected.
    pub fn actionable(&self) -> Option<&InvitationSummary> {
        self.selected()
            .filter(|row| self.why_not_actionable(row).is_none())
    }

    /// Why an invitation cannot be accepted or rejected now, in a few words; `None` when it
    /// can.
    pub fn why_not_actionable(&self, row: &InvitationSummary) -> Option<String> {
        if self.side() != Participant::Received {
            return Some("sent by you".into());
        }
        if row.status != Some(InvitationStatus::Pending) {
            let status = row.status.as_ref().map_or("?", |s| s.as_wire());
            return Some(format!("not pending ({status})"));
        }
        if self
            .tasks
            .get(TaskKind::Accept, &row.id)
            .is_some_and(|a| a.phase.is_active())
        {
            return Some("being accepted".into());
        }
        None
    }

    /// The selected received invitation if its accept was interrupted (the start's answer
    /// never came): `a` sends the start again with the same token, whatever the row's status
    /// says by now, so that an accept the service did start is found and finished.
    pub fn resumable(&self) -> Option<&InvitationSummary> {
        self.selected().filter(|row| {
            self.side() == Participant::Received
                && self
                    .tasks
                    .get(TaskKind::Accept, &row.id)
                    .is_some_and(|a| matches!(a.phase, Phase::Failed { retry: true, .. }))
        })
    }
}
