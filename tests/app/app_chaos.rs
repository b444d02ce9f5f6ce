//! The chaos test: a scripted session of the whole app (the production loop, effect runner and
//! SDK client with the app's own retry settings) against an emulator that fails 20 % of
//! requests, throttles 20 %, drops the connection of 5 % (before or after the operation) and
//! delays every answer by 50–300 ms. The user accepts 5 invitations, rejects 5, creates 2,
//! quits while the accept tasks still run, and starts again on the same data directory; like a
//! user, the script retries what the app says failed. At the end, a fault-free view of the
//! service must show one task per accept, each reject applied with its reason, and one
//! invitation per create; and no failure may have lost what was typed. Five seeds, on paused
//! tokio time; it prints a table of the faults met.

use crate::common;
use crate::fixtures;
use crate::headless;

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::KeyCode;
use headless::Headless;
use pc_inbox::app::tasks::Phase;
use pc_inbox::app::{ItemState, Modal, PollSchedule, Settings};
use pc_inbox::domain::{InvitationStatus, ListQuery, Participant, TaskFilter, TaskKind};
use pc_inbox::emulator::{Emulator, EmulatorConfig, FaultCounts, Faults};
use pc_inbox::keymap::Keymap;
use pc_inbox::service::aws::{AwsPartnerCentral, ClientSettings};
use pc_inbox::service::PartnerCentral;
use pc_inbox::store::DataDir;

const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];
/// Tries of one action before the session counts it as stuck.
const TRIES: usize = 12;
/// How long (tokio time) one step of the script may take.
const STEP: Duration = Duration::from_secs(600);

fn chaos(seed: u64) -> EmulatorConfig {
    EmulatorConfig {
        faults: Faults {
            latency: Some("50-300".parse().unwrap()),
            fail_rate: 0.2,
            throttle_rate: 0.2,
            reset_rate: 0.05,
            seed,
            ..Faults::default()
        },
        // Long enough that the tasks still run when the user quits.
        accept_delay: Duration::from_secs(30),
        ..common::config(0)
    }
}

/// The app as `pc-inbox` builds it: the SDK's standard retries, the default poll schedule.
async fn start(emulator: &Emulator, data: &DataDir) -> Headless {
    let settings = ClientSettings {
        max_attempts: ClientSettings::default().max_attempts,
        ..common::settings(emulator, "test", "test")
    };
    let client = AwsPartnerCentral::connect_with(&settings, Some(emulator.http_client())).await;
    let app_settings = Settings {
        poll: PollSchedule::default(),
        ..headless::settings()
    };
    // A small terminal: drawing is most of the test's work.
    Headless::start_on(
        Arc::new(client),
        data,
        app_settings,
        Keymap::default(),
        (100, 30),
    )
}

/// One seed's outcome.
struct Report {
    seed: u64,
    /// Tokio time the session took.
    took: Duration,
    /// Accepts still running when the user quit, which the restart picked up.
    resumed: usize,
    injected: FaultCounts,
    /// Failures the app showed, which the user retried.
    retried: u32,
    duplicates: usize,
    /// Journal rows that said an action started, completed or rejected a second time.
    journal_duplicates: usize,
    problems: Vec<String>,
}

/// The user at the keyboard: acts, reads the screen's state, retries what failed.
struct User {
    app: Headless,
    retried: u32,
    problems: Vec<String>,
}

impl User {
    /// Waits until the received list is loaded and the inbox online; `r` when it is not.
    async fn ready(&mut self) {
        if self.app.state.side() != Participant::Received {
            self.app.press(fixtures::key('1')).await;
        }
        for _ in 0..TRIES {
            self.app
                .until_within(STEP, "the listing", |s| !s.list.loading)
                .await;
            let s = &self.app.state;
            if s.list.loaded() > 0 && !s.memory.offline && s.list.failed.is_none() {
                return;
            }
            self.retried += 1;
            self.app.press(fixtures::key('r')).await;
        }
        panic!("the list never loaded");
    }

    /// Notes what went wrong (also on stderr, as it happens) and closes any dialog left open.
    fn problem(&mut self, what: String) {
        eprintln!("chaos problem: {what}; open: {:?}", self.app.state.top());
        self.problems.push(what);
    }

    /// Moves the selection to `id`, which the loaded list must hold.
    async fn select(&mut self, id: &str) {
        let s = &self.app.state;
        assert!(
            s.list.contains(id) && s.top().is_none(),
            "cannot select {id}: view {:?}, {} rows, open {:?}, accept {:?}, failed {:?}, offline {}",
            s.side(),
            s.list.loaded(),
            s.top(),
            s.tasks().get(TaskKind::Accept, id),
            s.list.failed,
            s.memory.offline,
        );
        self.app.select(id).await;
    }

    fn phase(&self, id: &str) -> Option<Phase> {
        self.app
            .state
            .tasks()
            .get(TaskKind::Accept, id)
            .map(|a| a.phase.clone())
    }

    /// `a`, then the confirm key until the confirmation takes it.
    async fn press_accept(&mut self, id: &str) {
        self.ready().await;
        self.select(id).await;
        self.app.press(fixtures::key('a')).await;
        for _ in 0..TRIES {
            if !matches!(self.app.state.top(), Some(Modal::Confirm(_))) {
                return;
            }
            self.app.press(fixtures::key('y')).await;
        }
    }

    /// Accepts until the service has a task for it (or the app gives up on it).
    async fn accept(&mut self, id: &str) {
        for _ in 0..TRIES {
            self.press_accept(id).await;
            self.app
                .until_within(STEP, "the start's answer", |s| {
                    s.tasks()
                        .get(TaskKind::Accept, id)
                        .is_none_or(|a| a.phase != Phase::Starting)
                })
                .await;
            match self.phase(id) {
                Some(Phase::Running { .. } | Phase::Complete { .. }) => return,
                Some(Phase::Failed { .. }) => self.retried += 1,
                other => {
                    self.problem(format!("accept {id}: {other:?}"));
                    return;
                }
            }
        }
        self.problem(format!("accept {id}: stuck"));
    }

    /// Rejects with a typed reason, through its hold; when it fails, `x` again must bring the
    /// reason back, and the retry goes from there.
    async fn reject(&mut self, id: &str, reason: &str) {
        self.ready().await;
        self.select(id).await;
        self.app.press(fixtures::key('x')).await;
        self.app.press(fixtures::code(KeyCode::Tab)).await;
        self.app.press(fixtures::code(KeyCode::Tab)).await;
        for c in reason.chars() {
            self.app.press(fixtures::key(c)).await;
        }
        self.app.press(fixtures::code(KeyCode::Enter)).await;
        let mut last = None;
        for _ in 0..TRIES {
            self.app.press(fixtures::code(KeyCode::Enter)).await;
            self.app
                .until_within(STEP, "the reject's answer", |s| {
                    s.bulk.as_ref().is_some_and(|q| q.finished())
                })
                .await;
            let state = self.app.state.bulk.as_ref().and_then(|q| q.state_of(id));
            match state {
                Some(ItemState::Done | ItemState::Skipped(_)) => return,
                Some(ItemState::Failed(e)) => last = Some(e.clone()),
                other => {
                    self.problem(format!("reject {id}: {other:?}"));
                    return;
                }
            }
            self.retried += 1;
            self.ready().await;
            self.select(id).await;
            self.app.press(fixtures::key('x')).await;
            let Some(Modal::Reject(dialog)) = self.app.state.top() else {
                self.problem(format!("reject {id}: x opened no dialog"));
                return;
            };
            if dialog.reason.value() != reason {
                self.problem(format!(
                    "reject {id}: the reason became {:?}",
                    dialog.reason.value()
                ));
                return;
            }
            self.app.press(fixtures::code(KeyCode::BackTab)).await;
        }
        self.problems
            .push(format!("reject {id}: stuck, last error {last:?}"));
    }

    /// Opens the form until the engagements are in; the engagement to invite to.
    async fn open_form(&mut self) -> String {
        for _ in 0..TRIES {
            self.ready().await;
            self.app.press(fixtures::key('n')).await;
            self.app
                .until_within(
                    STEP,
                    "the engagements",
                    |s| !matches!(s.top(), Some(Modal::Create(f)) if f.engagements.loading),
                )
                .await;
            if !matches!(self.app.state.top(), Some(Modal::Create(_))) {
                panic!("n opened no form: {:?}", self.app.state.top());
            }
            let own = self
                .app
                .form()
                .engagements
                .items
                .iter()
                .find(|e| e.created_by.as_deref() == Some("111122223333"));
            if let Some(own) = own {
                return own.id.clone();
            }
            self.retried += 1;
            self.app.press(fixtures::code(KeyCode::Esc)).await;
        }
        panic!("the engagements never loaded");
    }

    /// Fills the form and sends it until it goes through.
    async fn create(&mut self, message: &str) {
        let engagement = self.open_form().await;
        let draft = &mut self.app.form().draft;
        fixtures::fill_valid(draft, &engagement);
        draft.message = message.to_string();
        for _ in 0..TRIES {
            self.app.press(fixtures::ctrl('s')).await;
            self.app
                .until_within(
                    STEP,
                    "the create's answer",
                    |s| !matches!(s.top(), Some(Modal::Create(f)) if f.submitting),
                )
                .await;
            let Some(Modal::Create(form)) = self.app.state.top() else {
                return;
            };
            if form.draft.message != message {
                self.problem(format!(
                    "create: the message became {:?}",
                    form.draft.message
                ));
                return;
            }
            self.retried += 1;
            if self.app.state.memory.offline {
                self.app.press(fixtures::code(KeyCode::Esc)).await;
                self.open_form().await;
            }
        }
        self.problem(format!("create {message:?}: stuck"));
    }

    /// After a restart: waits for every accept to complete, accepting again what the app
    /// says was interrupted.
    async fn finish_accepts(&mut self, ids: &[String]) {
        self.ready().await;
        for id in ids {
            for _ in 0..TRIES {
                self.app
                    .until_within(STEP, "the accept task", |s| {
                        s.tasks()
                            .get(TaskKind::Accept, id)
                            .is_none_or(|a| !a.phase.is_active())
                    })
                    .await;
                match self.phase(id) {
                    // Done before the restart (and forgotten), or since.
                    None | Some(Phase::Complete { .. }) => break,
                    Some(Phase::Failed { .. }) => {
                        self.retried += 1;
                        self.accept(id).await;
                    }
                    other => {
                        self.problem(format!("accept {id} after restart: {other:?}"));
                        break;
                    }
                }
            }
        }
    }
}

/// Sent invitations whose message is `message`, on a fault-free view of the service.
async fn sent_with(clean: &AwsPartnerCentral, message: &str) -> usize {
    let mut query = ListQuery::new(Participant::Sent);
    query.page_size = Some(100);
    let mut found = 0;
    let mut token = None;
    loop {
        let page = clean.list_invitations(&query, token).await.unwrap();
        for row in &page.items {
            let detail = clean.get_invitation(&row.id).await.unwrap();
            found += usize::from(detail.message.as_deref() == Some(message));
        }
        token = page.next_token;
        if token.is_none() {
            return found;
        }
    }
}

async fn session(seed: u64) -> Report {
    let began = tokio::time::Instant::now();
    let emulator = common::start(chaos(seed)).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let accepted: Vec<String> = (0..5).map(common::acceptable).collect();
    let rejected: Vec<(String, String)> = (5..10)
        .map(|n| (common::acceptable(n), format!("Chaos {seed}: reason {n}")))
        .collect();
    let messages: Vec<String> = (0..2)
        .map(|n| format!("Chaos {seed}: invitation {n}"))
        .collect();

    let mut user = User {
        app: start(&emulator, &data).await,
        retried: 0,
        problems: Vec::new(),
    };
    for id in &accepted {
        user.accept(id).await;
    }
    for (id, reason) in &rejected {
        user.reject(id, reason).await;
    }
    for message in &messages {
        user.create(message).await;
    }
    let User {
        app,
        retried,
        problems,
    } = user;
    let resumed = app.state.tasks().active(TaskKind::Accept).count();
    app.stop();

    let mut user = User {
        app: start(&emulator, &data).await,
        retried,
        problems,
    };
    user.finish_accepts(&accepted).await;
    user.app.stop();

    let injected = emulator.faults_injected();
    let clean = common::client_without_faults(&emulator).await;
    let mut problems = user.problems;
    let mut duplicates = 0;
    for id in &accepted {
        let tasks = clean
            .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
            .await
            .unwrap();
        duplicates += tasks.len().saturating_sub(1);
        if tasks.is_empty() {
            problems.push(format!("accept {id}: no task on the service"));
        }
        let status = clean.get_invitation(id).await.unwrap().summary.status;
        if status != Some(InvitationStatus::Accepted) {
            problems.push(format!("accept {id}: the service says {status:?}"));
        }
    }
    for (id, reason) in &rejected {
        let detail = clean.get_invitation(id).await.unwrap();
        if detail.summary.status != Some(InvitationStatus::Rejected)
            || detail.rejection_reason.as_deref() != Some(reason.as_str())
        {
            problems.push(format!(
                "reject {id}: the service says {:?} {:?}",
                detail.summary.status, detail.rejection_reason
            ));
        }
    }
    for message in &messages {
        let found = sent_with(&clean, message).await;
        duplicates += found.saturating_sub(1);
        if found == 0 {
            problems.push(format!("create {message:?}: not on the service"));
        }
    }
    let journal_duplicates = check_journal(&data, &accepted, &rejected, &mut problems);
    Report {
        seed,
        took: began.elapsed(),
        resumed,
        injected,
        retried: user.retried,
        duplicates,
        journal_duplicates,
        problems,
    }
}

/// The journal tells the truth: per accept one `AcceptStarted` that succeeded at most (a
/// retry or a restart is `AcceptResumed`) and one `AcceptCompleted`; per reject one that
/// succeeded. Returns the rows too many; a row missing is a problem.
fn check_journal(
    data: &DataDir,
    accepted: &[String],
    rejected: &[(String, String)],
    problems: &mut Vec<String>,
) -> usize {
    use pc_inbox::domain::journal::{Action, Outcome};
    let entries = data.open().unwrap().store.journal(None).unwrap();
    let rows = |id: &str, action: Action| {
        entries
            .iter()
            .filter(|e| {
                e.invitation_id.as_deref() == Some(id)
                    && e.action == action
                    && e.outcome == Outcome::Succeeded
            })
            .count()
    };
    let mut extra = 0;
    for id in accepted {
        let (started, completed) = (
            rows(id, Action::AcceptStarted),
            rows(id, Action::AcceptCompleted),
        );
        extra += started.saturating_sub(1) + completed.saturating_sub(1);
        if completed == 0 {
            problems.push(format!("accept {id}: no AcceptCompleted row"));
        }
    }
    for (id, _) in rejected {
        let done = rows(id, Action::Reject);
        extra += done.saturating_sub(1);
        if done == 0 {
            problems.push(format!("reject {id}: no Reject row that succeeded"));
        }
    }
    extra
}

#[tokio::test(start_paused = true)]
async fn under_faults_nothing_is_lost_and_nothing_is_done_twice() {
    let mut reports = Vec::new();
    for seed in SEEDS {
        reports.push(session(seed).await);
    }
    println!(
        "seed | injected | 500 | 503 | throttled | reset before | reset after | survived | \
         shown and retried | duplicates | journal duplicates | resumed | tokio time"
    );
    for r in &reports {
        let i = &r.injected;
        let survived = if r.problems.is_empty() { i.total() } else { 0 };
        println!(
            "{:>4} | {:>8} | {:>3} | {:>3} | {:>9} | {:>12} | {:>11} | {:>8} | {:>17} | {:>10} | {:>18} | {:>7} | {:>8.0?}",
            r.seed,
            i.total(),
            i.internal,
            i.unavailable,
            i.throttled,
            i.reset_before,
            i.reset_after,
            survived,
            r.retried,
            r.duplicates,
            r.journal_duplicates,
            r.resumed,
            r.took
        );
    }
    for r in &reports {
        assert!(r.injected.total() > 0, "seed {}: no fault met", r.seed);
        assert_eq!(r.duplicates, 0, "seed {}: duplicates", r.seed);
        assert_eq!(
            r.journal_duplicates, 0,
            "seed {}: journal rows twice",
            r.seed
        );
        assert!(r.problems.is_empty(), "seed {}: {:#?}", r.seed, r.problems);
    }
}
