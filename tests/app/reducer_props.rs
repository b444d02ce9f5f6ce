//! Property tests of the reducer: random sequences of key presses, resizes (down to 0×0) and
//! service replies, from random starting states with or without rows and with any dialog open,
//! through the real `update`. After every message the selection is on a visible row that is on
//! screen (or there is none when no row is visible), at most one dialog is open (help may sit on
//! top of it), the marks are a subset of the rows, a bulk action has one write out at most, and
//! the screen draws without panicking at the terminal's size. Consent: the test draws before
//! every key, as the runtime does, and no write leaves `update` that the last frame drawn did
//! not ask about (nor does the reducer even try: its last-line guard never has to drop one).

use crate::fixtures;
use pc_inbox::app::{CreateMsg, SyncMsg, TaskMsg};

use chrono::Duration;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use fixtures::settled as update;
use pc_inbox::app::consent::Write;
use pc_inbox::app::Effect;
use pc_inbox::app::{Modal, Msg, State};
use pc_inbox::compose::draft::Draft;
use pc_inbox::compose::fields::Field;
use pc_inbox::domain::journal::{Action as Done, Entry, Outcome};
use pc_inbox::domain::SavedTask;
use pc_inbox::domain::{
    CachedRow, CachedView, EngagementSummary, InvitationDetail, InvitationStatus, Page, Task,
    TaskKind, TaskStatus,
};
use pc_inbox::keymap::Keymap;
use pc_inbox::service::{CreatedInvitation, FieldError, ServiceError};
use pc_inbox::ui;
use proptest::prelude::*;
use proptest::sample::select;

/// Terminal sizes: the tiny ones that break layouts, common ones, and now and then any size
/// up to 250×80 (layouts are cached per size, so most cases reuse a few).
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        6 => select(vec![
            (0, 0),
            (1, 1),
            (10, 3),
            (20, 5),
            (39, 11),
            (40, 12),
            (41, 13),
            (60, 20),
            (80, 24),
            (100, 30),
            (119, 40),
            (120, 40),
            (160, 48),
            (250, 80),
        ]),
        1 => (0..=250u16, 0..=80u16),
    ]
}

/// Every key some mode binds, as a terminal reports it.
fn bound_keys() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = Keymap::default()
        .bindings()
        .iter()
        .flat_map(|b| b.keys.iter().map(|k| KeyEvent::new(k.code, k.modifiers)))
        .collect();
    keys.dedup();
    keys
}

fn key_event() -> impl Strategy<Value = KeyEvent> {
    let special = select(vec![
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(1),
        KeyCode::F(5),
    ]);
    let modifiers = select(vec![
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ]);
    prop_oneof![
        6 => select(bound_keys()),
        3 => any::<char>().prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        3 => special.prop_map(|code| KeyEvent::new(code, KeyModifiers::NONE)),
        1 => (proptest::char::range('a', 'z'), modifiers)
            .prop_map(|(c, m)| KeyEvent::new(KeyCode::Char(c), m)),
        1 => select(bound_keys()).prop_map(|mut k| {
            k.kind = KeyEventKind::Release;
            k
        }),
    ]
}

fn service_error() -> impl Strategy<Value = ServiceError> {
    let text = "[ -~]{0,30}";
    prop_oneof![
        text.prop_map(|message| ServiceError::Network { message }),
        text.prop_map(|message| ServiceError::Throttled { message }),
        text.prop_map(|message| ServiceError::NotFound { message }),
        text.prop_map(|message| ServiceError::Conflict { message }),
        (text, proptest::option::of("[A-Za-z.\\[\\]0-9]{0,30}")).prop_map(|(message, field)| {
            ServiceError::Validation {
                message: message.clone(),
                fields: vec![FieldError {
                    field,
                    message,
                    code: "INVALID_VALUE".into(),
                }],
            }
        }),
        text.prop_map(|message| ServiceError::Service {
            code: Some("InternalServerException".into()),
            message
        }),
    ]
}

/// Which invitation a reply is about: the selected one, or any of the first few hundred.
#[derive(Debug, Clone)]
enum Target {
    Selected,
    Row(usize),
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![Just(Target::Selected), (0..300usize).prop_map(Target::Row)]
}

/// A reply's tag: the current generation or epoch, or an older one that must be dropped.
fn current() -> impl Strategy<Value = bool> {
    prop_oneof![4 => Just(true), 1 => Just(false)]
}

/// Something that happens to the app, before it is made a message for the state it meets.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    Paste(String),
    Resize((u16, u16)),
    Tick(i64),
    Measured(usize),
    Page {
        current: bool,
        result: Result<(usize, usize, bool, u8), ServiceError>,
    },
    Detail {
        target: Target,
        current: bool,
        result: Result<u8, ServiceError>,
    },
    Cached {
        current: bool,
        rows: (usize, usize),
        unread: bool,
    },
    CachedDetails(Vec<usize>),
    Settled(bool),
    AcceptStarted(Target, Result<u8, ServiceError>),
    TaskPolled(Target, Result<u8, ServiceError>),
    RunningTasks(Result<Vec<usize>, ServiceError>),
    Rejected(Target, Result<(), ServiceError>),
    Engagements(Result<usize, ServiceError>),
    Created(bool, Result<(), ServiceError>),
    TextEdited(usize, Result<String, String>),
    Opened(bool),
    StorageFailed,
    Journal(Result<usize, String>),
}

fn step() -> impl Strategy<Value = Step> {
    let task = || prop_oneof![Just(0u8), Just(1), Just(2), Just(3)];
    prop_oneof![
        30 => key_event().prop_map(Step::Key),
        1 => "\\PC{0,20}".prop_map(Step::Paste),
        3 => size().prop_map(Step::Resize),
        1 => (0..100_000i64).prop_map(Step::Tick),
        1 => (0..400usize).prop_map(Step::Measured),
        3 => (current(), prop_oneof![
            4 => (0..300usize, 0..120usize, any::<bool>(), any::<u8>()).prop_map(Ok),
            1 => service_error().prop_map(Err),
        ]).prop_map(|(current, result)| Step::Page { current, result }),
        2 => (target(), current(), prop_oneof![
            3 => any::<u8>().prop_map(Ok),
            1 => service_error().prop_map(Err),
        ]).prop_map(|(target, current, result)| Step::Detail { target, current, result }),
        1 => (current(), (0..300usize, 0..120usize), any::<bool>())
            .prop_map(|(current, rows, unread)| Step::Cached { current, rows, unread }),
        1 => proptest::collection::vec(0..300usize, 0..5).prop_map(Step::CachedDetails),
        1 => current().prop_map(Step::Settled),
        1 => (target(), prop_oneof![task().prop_map(Ok), service_error().prop_map(Err)])
            .prop_map(|(t, r)| Step::AcceptStarted(t, r)),
        1 => (target(), prop_oneof![task().prop_map(Ok), service_error().prop_map(Err)])
            .prop_map(|(t, r)| Step::TaskPolled(t, r)),
        1 => prop_oneof![
            proptest::collection::vec(0..300usize, 0..4).prop_map(Ok),
            service_error().prop_map(Err),
        ].prop_map(Step::RunningTasks),
        1 => (target(), prop_oneof![Just(Ok(())), service_error().prop_map(Err)])
            .prop_map(|(t, r)| Step::Rejected(t, r)),
        1 => prop_oneof![(0..30usize).prop_map(Ok), service_error().prop_map(Err)]
            .prop_map(Step::Engagements),
        1 => (any::<bool>(), prop_oneof![Just(Ok(())), service_error().prop_map(Err)])
            .prop_map(|(ours, r)| Step::Created(ours, r)),
        1 => (0..40usize, prop_oneof!["\\PC{0,40}".prop_map(Ok), "[ -~]{0,20}".prop_map(Err)])
            .prop_map(|(f, r)| Step::TextEdited(f, r)),
        1 => any::<bool>().prop_map(Step::Opened),
        1 => Just(Step::StorageFailed),
        1 => prop_oneof![(0..30usize).prop_map(Ok), "[ -~]{0,20}".prop_map(Err)]
            .prop_map(Step::Journal),
    ]
}

fn engagement(i: usize) -> EngagementSummary {
    EngagementSummary {
        id: format!("eng-{i:014}"),
        arn: None,
        title: Some(format!("Engagement {i}")),
        created_at: None,
        created_by: Some("111122223333".into()),
        member_count: Some(1),
        modified_at: None,
        context_types: vec![],
    }
}

fn entries(n: usize) -> Vec<Entry> {
    (0..n)
        .map(|i| {
            Entry::new(Done::Reject, Outcome::Succeeded, fixtures::now())
                .invitation(fixtures::summary(i).id)
                .detail(Some("Other".into()))
        })
        .collect()
}

/// Row `i` with a status from `variant` (pages may change a row's status or date).
fn row(i: usize, variant: u8) -> pc_inbox::domain::InvitationSummary {
    let mut s = fixtures::summary(i);
    match variant % 8 {
        0 => s.status = Some(InvitationStatus::Rejected),
        1 => s.invitation_date = None,
        2 => s.invitation_date = s.invitation_date.map(|d| d + Duration::hours(7)),
        3 => s.engagement_title = None,
        _ => {}
    }
    s
}

fn detail(i: usize, kind: u8) -> InvitationDetail {
    match kind % 3 {
        0 => fixtures::opportunity(i),
        1 => fixtures::lead(i),
        _ => fixtures::unknown(i),
    }
}

fn task(id: &str, kind: u8) -> Task {
    let status = match kind {
        0 => TaskStatus::InProgress,
        1 => TaskStatus::Complete,
        2 => TaskStatus::Failed,
        _ => TaskStatus::Unknown("PAUSED".into()),
    };
    Task {
        kind: TaskKind::Accept,
        engagement_id: None,
        snapshot_job_id: None,
        id: "task-0000000000001".into(),
        arn: None,
        status,
        message: Some("The task ended".into()),
        reason_code: Some("SomeReason".into()),
        opportunity_id: Some("O1234567".into()),
        invitation_id: Some(id.into()),
        start_time: Some(fixtures::now()),
    }
}

fn id_of(s: &State, target: &Target) -> String {
    match target {
        Target::Selected => s
            .selected()
            .map_or_else(|| fixtures::summary(0).id, |r| r.id.clone()),
        Target::Row(i) => fixtures::summary(*i).id,
    }
}

fn cached_view(rows: (usize, usize), unread: bool) -> CachedView {
    CachedView {
        rows: (rows.0..rows.0 + rows.1)
            .map(|i| CachedRow {
                summary: fixtures::summary(i),
                customer: (i % 2 == 0).then(|| "Globex Corporation".into()),
                spend: (i % 3 == 0).then_some(i as f64 * 1000.0),
                unread: unread && i % 3 == 0,
            })
            .collect(),
        as_of: Some(fixtures::now()),
        visited: true,
    }
}

/// The message a step becomes in the state it meets: replies carry the tags the state asked
/// with (or older ones), and name the selected invitation or another.
fn message(s: &State, step: Step) -> Msg {
    let generation = |current: bool, now: u64| if current { now } else { now.wrapping_sub(1) };
    match step {
        Step::Key(key) => Msg::Key(key),
        Step::Paste(text) => Msg::Paste(text),
        Step::Resize(size) => Msg::Resize(ui::geometry(size, s.geometry.detail_lines)),
        Step::Tick(seconds) => Msg::Tick {
            now: s.clock.now + Duration::seconds(seconds),
        },
        Step::Measured(lines) => Msg::DetailMeasured { lines },
        Step::Page { current, result } => Msg::Sync(SyncMsg::PageLoaded {
            generation: generation(current, s.list_generation()),
            result: result.map(|(start, len, more, variant)| Page {
                items: (start..start + len).map(|i| row(i, variant)).collect(),
                next_token: more.then(|| format!("token-{start}")),
            }),
        }),
        Step::Detail {
            target,
            current,
            result,
        } => {
            let id = id_of(s, &target);
            let index = id[5..].parse().unwrap_or(0);
            Msg::Sync(SyncMsg::DetailLoaded {
                id,
                generation: generation(current, s.details.generation()),
                result: result.map(|kind| Box::new(detail(index, kind))),
            })
        }
        Step::Cached {
            current,
            rows,
            unread,
        } => Msg::Sync(SyncMsg::CachedView {
            generation: generation(current, s.list_generation()),
            result: Ok(cached_view(rows, unread)),
        }),
        Step::CachedDetails(ids) => Msg::Sync(SyncMsg::CachedDetails {
            generation: s.details.generation(),
            details: ids.into_iter().map(|i| detail(i, i as u8)).collect(),
        }),
        Step::Settled(current) => Msg::Sync(SyncMsg::SelectionSettled {
            epoch: generation(current, s.selection_epoch()),
        }),
        Step::AcceptStarted(target, result) => {
            let id = id_of(s, &target);
            let result = result.map(|kind| task(&id, kind));
            Msg::Task(TaskMsg::Started {
                work: (TaskKind::Accept, id),
                claimed: None,
                result,
                found: false,
            })
        }
        Step::TaskPolled(target, result) => {
            let id = id_of(s, &target);
            let result = result.map(|kind| task(&id, kind));
            Msg::Task(TaskMsg::Polled {
                work: (TaskKind::Accept, id),
                task_id: "task-0000000000001".into(),
                result,
            })
        }
        Step::RunningTasks(result) => Msg::Task(TaskMsg::Running {
            kind: TaskKind::Accept,
            result: result.map(|ids| {
                ids.into_iter()
                    .map(|i| task(&fixtures::summary(i).id, 0))
                    .collect()
            }),
        }),
        Step::Rejected(target, result) => Msg::Rejected {
            invitation_id: id_of(s, &target),
            reason: "Other".into(),
            result,
        },
        Step::Engagements(result) => {
            Msg::Create(CreateMsg::EngagementsLoaded(result.map(|n| Page {
                items: (0..n).map(engagement).collect(),
                next_token: None,
            })))
        }
        Step::Created(ours, result) => {
            let token = s
                .modals
                .iter()
                .find_map(|m| match m {
                    Modal::Create(form) if ours => Some(form.draft.client_token.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| "pc-inbox-other-draft-1".into());
            Msg::Create(CreateMsg::Created {
                client_token: token,
                result: result.map(|()| CreatedInvitation {
                    id: "engi-0000000009999".into(),
                    arn: "arn:aws:partnercentral:engi-0000000009999".into(),
                }),
            })
        }
        Step::TextEdited(n, result) => Msg::Create(CreateMsg::TextEdited {
            field: field(n),
            result,
        }),
        Step::Opened(ok) => Msg::Opened {
            url: "https://console.example/engi-0".into(),
            result: if ok { Ok(()) } else { Err("no browser".into()) },
        },
        Step::StorageFailed => Msg::StorageFailed("disk full".into()),
        Step::Journal(result) => Msg::JournalRead(result.map(entries)),
    }
}

/// Form fields an editor may return text for, including repeated fields past the last one.
fn field(n: usize) -> Field {
    let simple = [
        Field::Engagement,
        Field::ReceiverAccount,
        Field::ReceiverAlias,
        Field::Message,
        Field::Company,
        Field::Website,
        Field::ProjectTitle,
        Field::BusinessProblem,
        Field::TargetDate,
        Field::LeadCompany,
    ];
    match n {
        n if n < simple.len() => simple[n],
        n if n < 20 => Field::SpendAmount(n - simple.len()),
        n if n < 30 => Field::ContactEmail(n - 20),
        n => Field::ContactPhone(n - 30),
    }
}

/// What is open when the sequence starts.
#[derive(Debug, Clone, Copy)]
enum Opened {
    Nothing,
    DetailPane,
    Help,
    HelpOverForm,
    Filters,
    Reject,
    Confirm,
    Form,
    Picker,
    Search,
    Journal,
    Notices,
}

/// A starting state, built cheaply from a few messages.
#[derive(Debug, Clone)]
struct Start {
    size: (u16, u16),
    rows: usize,
    more: bool,
    from_cache: bool,
    accepts: bool,
    draft: bool,
    search: String,
    opened: Opened,
    /// The product's default views (Pending first) instead of the tests' two.
    default_views: bool,
}

fn start() -> impl Strategy<Value = Start> {
    (
        size(),
        prop_oneof![Just(0usize), 1..8usize, 8..150usize],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![3 => Just(String::new()), 1 => "[a-z0-9 ü]{1,4}"],
        select(vec![
            Opened::Nothing,
            Opened::DetailPane,
            Opened::Help,
            Opened::HelpOverForm,
            Opened::Filters,
            Opened::Reject,
            Opened::Confirm,
            Opened::Form,
            Opened::Picker,
            Opened::Search,
            Opened::Journal,
            Opened::Notices,
        ]),
        any::<bool>(),
    )
        .prop_map(
            |(size, rows, more, from_cache, accepts, draft, search, opened, default_views)| Start {
                size,
                rows,
                more,
                from_cache,
                accepts,
                draft,
                search,
                opened,
                default_views,
            },
        )
}

fn press(s: &mut State, code: KeyCode) {
    update(s, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn build(start: &Start) -> State {
    let settings = if start.default_views {
        pc_inbox::app::Settings::default()
    } else {
        fixtures::settings()
    };
    let (mut s, _) = fixtures::state_with(settings, start.size);
    if start.accepts {
        let mut saved = Vec::new();
        for (i, task_id) in [(0, Some("task-0000000000001")), (1, None)] {
            let record = SavedTask {
                client_token: format!("token-{i}"),
                task_id: task_id.map(str::to_string),
                title: None,
                started: fixtures::now(),
            };
            saved.push((TaskKind::Accept, fixtures::summary(i).id, record));
        }
        s.restore_tasks(saved, "props".into());
    }
    if start.draft {
        let mut draft = Draft::new("pc-inbox-props-draft-1".into());
        fixtures::fill_valid(&mut draft, "eng-00000000000001");
        s.draft = Some(draft);
    }
    let generation = s.list_generation();
    let msg = if start.from_cache {
        Msg::Sync(SyncMsg::CachedView {
            generation,
            result: Ok(cached_view((0, start.rows), true)),
        })
    } else {
        Msg::Sync(SyncMsg::PageLoaded {
            generation,
            result: Ok(fixtures::page(0..start.rows, start.more)),
        })
    };
    update(&mut s, msg);
    if !start.search.is_empty() {
        update(&mut s, fixtures::key('/'));
        for c in start.search.chars() {
            update(&mut s, fixtures::key(c));
        }
        press(&mut s, KeyCode::Enter);
    }
    let open_form = |s: &mut State| {
        update(s, fixtures::key('n'));
        update(
            s,
            Msg::Create(CreateMsg::EngagementsLoaded(Ok(Page {
                items: (0..3).map(engagement).collect(),
                next_token: None,
            }))),
        );
    };
    match start.opened {
        Opened::Nothing => {}
        Opened::DetailPane => press(&mut s, KeyCode::Tab),
        Opened::Help => press(&mut s, KeyCode::F(1)),
        Opened::HelpOverForm => {
            open_form(&mut s);
            press(&mut s, KeyCode::F(1));
        }
        Opened::Filters => {
            update(&mut s, fixtures::key('f'));
        }
        Opened::Reject => {
            update(&mut s, fixtures::key('x'));
        }
        Opened::Confirm => {
            update(&mut s, fixtures::key('a'));
        }
        Opened::Form => open_form(&mut s),
        Opened::Picker => {
            open_form(&mut s);
            press(&mut s, KeyCode::Enter);
        }
        Opened::Search => {
            update(&mut s, fixtures::key('/'));
        }
        Opened::Journal => {
            update(&mut s, fixtures::key('J'));
            update(&mut s, Msg::JournalRead(Ok(entries(12))));
        }
        Opened::Notices => {
            update(&mut s, fixtures::key('!'));
        }
    }
    s
}

/// The invariants that must hold after every message.
fn check(s: &State) -> Result<(), TestCaseError> {
    let (cursor, visible) = s.list.position();
    if visible == 0 {
        prop_assert!(s.selected().is_none(), "a selection with no visible rows");
    } else {
        prop_assert!(
            cursor < visible,
            "the cursor {cursor} is past the {visible} visible rows"
        );
        prop_assert!(s.selected().is_some(), "no selection among {visible} rows");
        let on_screen = s.list.window(s.geometry.list_rows).filter(|(sel, _)| *sel);
        prop_assert_eq!(on_screen.count(), 1, "the selected row is not on screen");
    }
    let dialogs = s
        .modals
        .iter()
        .filter(|m| !matches!(m, Modal::Help(_)))
        .count();
    let helps = s
        .modals
        .iter()
        .filter(|m| matches!(m, Modal::Help(_)))
        .count();
    prop_assert_eq!(
        s.list.mark_count(),
        s.list.marked().len(),
        "a mark on an invitation that is not in the list"
    );
    if let Some(queue) = &s.bulk {
        let out = queue
            .items()
            .iter()
            .filter(|i| i.state == pc_inbox::app::ItemState::Sending)
            .count();
        prop_assert!(out <= 1, "{out} bulk writes out at once");
    }
    prop_assert!(dialogs <= 1, "{dialogs} dialogs open: {:?}", s.modals);
    prop_assert!(helps <= 1, "{helps} help overlays open");
    if helps == 1 {
        prop_assert!(
            matches!(s.top(), Some(Modal::Help(_))),
            "help is open under a dialog"
        );
    }
    Ok(())
}

/// No effect sends a write the last frame did not ask about, and the reducer's guard did not
/// have to drop one.
fn check_consent(s: &State, asked: &[Write], effects: &[Effect]) -> Result<(), TestCaseError> {
    for write in effects.iter().filter_map(Effect::write) {
        prop_assert!(
            asked.contains(&write),
            "{write:?} was sent, but the last frame asked about {asked:?}"
        );
    }
    let dropped = s
        .notices
        .newest_first()
        .find(|n| n.text.contains("was not on screen"));
    prop_assert!(dropped.is_none(), "the guard dropped a write: {dropped:?}");
    Ok(())
}

/// A test terminal at the state's size, made again when the size changes, and what its last
/// frame asked the user about.
struct Screen(ratatui::Terminal<ratatui::backend::TestBackend>, Vec<Write>);

impl Screen {
    fn new() -> Self {
        Screen(
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(0, 0)).unwrap(),
            Vec::new(),
        )
    }

    /// Draws the state into a cleared frame of its size, as the runtime does (without the
    /// terminal output, which does not depend on the state), and reports back the writes it
    /// asked about and the detail's height, when they changed.
    fn draw(&mut self, s: &mut State) {
        let (width, height) = s.geometry.size;
        if self.0.backend().buffer().area.as_size() != (width, height).into() {
            self.0 =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
        }
        self.0.current_buffer_mut().reset();
        let mut frame = self.0.get_frame();
        let drawn = ui::draw(&mut frame, s, &ui::Theme::colored());
        self.1 = drawn.asked;
        if self.1 != s.shown() {
            update(s, Msg::Shown(self.1.clone()));
        }
        if drawn.detail_lines != s.geometry.detail_lines {
            update(
                s,
                Msg::DetailMeasured {
                    lines: drawn.detail_lines,
                },
            );
        }
    }
}

/// Drawing is most of the cost of a case: the screen is drawn at the start, before every key
/// (as the runtime does), after every resize, after every `DRAW_EVERY`th message and after
/// the last one.
const DRAW_EVERY: usize = 5;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    /// Every message keeps the invariants, and every state draws.
    #[test]
    fn any_sequence_keeps_the_invariants(
        start in start(),
        steps in proptest::collection::vec(step(), 0..=40),
    ) {
        let mut s = build(&start);
        let mut screen = Screen::new();
        check(&s)?;
        screen.draw(&mut s);
        let last = steps.len();
        for (n, step) in steps.into_iter().enumerate() {
            let resized = matches!(step, Step::Resize(_));
            let msg = message(&s, step);
            if matches!(msg, Msg::Key(_) | Msg::Paste(_)) {
                screen.draw(&mut s);
            }
            let effects = update(&mut s, msg);
            check_consent(&s, &screen.1, &effects)?;
            check(&s)?;
            if resized || n % DRAW_EVERY == 0 || n + 1 == last {
                screen.draw(&mut s);
                check(&s)?;
            }
        }
    }
}
