//! The whole app on a `TestBackend`: the production loop (`App::step`, as `runtime::drive` runs
//! it) with the real effect runner and the real SDK client against the emulator. Keys go in
//! through the terminal event stream, as a user's would.
#![allow(dead_code)]

use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, KeyCode};
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use pc_inbox::app::{Msg, PollSchedule, Settings, State};
use pc_inbox::emulator::Emulator;
use pc_inbox::keymap::Keymap;
use pc_inbox::runtime::{self, App, Options, Signal};
use pc_inbox::service::{Paced, PartnerCentral, RequestTally};
use pc_inbox::store::DataDir;
use pc_inbox::ui::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use super::common;
use super::fixtures;

/// The app with a test terminal (160×48 unless started with [`Headless::start_on`]).
pub struct Headless {
    app: App,
    pub terminal: Terminal<TestBackend>,
    keys: UnboundedSender<std::io::Result<Event>>,
    events: UnboundedReceiver<std::io::Result<Event>>,
    signals: futures::stream::Pending<Signal>,
}

impl Deref for Headless {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Headless {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

/// Settings with quick polls, for tests; the selection stays where an action leaves it.
pub fn settings() -> Settings {
    Settings {
        poll: PollSchedule {
            first: Duration::from_millis(50),
            cap: Duration::from_millis(200),
        },
        debounce: Duration::from_millis(10),
        // The tests follow the invitation they act on (moving on is tested in
        // reducer_triage.rs).
        auto_advance: false,
        ..fixtures::settings()
    }
}

impl Headless {
    /// Stops the app, waiting until its local state is written.
    pub fn stop(self) {
        self.app.finish();
    }

    pub async fn start(emulator: &Emulator, data: &DataDir) -> Self {
        Self::start_with(emulator, data, Keymap::default()).await
    }

    pub async fn start_with(emulator: &Emulator, data: &DataDir, keymap: Keymap) -> Self {
        let client = Arc::new(common::client_in_process(emulator).await);
        Self::start_on(client, data, settings(), keymap, (160, 48))
    }

    /// The app on the emulator, its requests paced and counted in the tally returned, as
    /// `pc-inbox` runs it.
    pub async fn counting(emulator: &Emulator, data: &DataDir) -> (Self, Arc<RequestTally>) {
        let tally = Arc::new(RequestTally::default());
        let client = Paced::new(
            common::client_in_process(emulator)
                .await
                .counting(tally.clone()),
            runtime::QUOTA,
        );
        let options = Options {
            tally: tally.clone(),
            ..Options::new(
                settings(),
                Keymap::default(),
                Theme::plain(),
                Some(data.clone()),
            )
        };
        (
            Self::start_with_options(Arc::new(client), options, (160, 48)),
            tally,
        )
    }

    /// The app on the emulator, looking at it every `interval`, on a terminal of `size`.
    pub async fn watching(
        emulator: &Emulator,
        data: &DataDir,
        interval: Duration,
        size: (u16, u16),
    ) -> Self {
        let settings = Settings {
            watch: pc_inbox::app::Watch {
                interval,
                ..Default::default()
            },
            ..settings()
        };
        let client = Arc::new(common::client_in_process(emulator).await);
        Self::start_on(client, data, settings, Keymap::default(), size)
    }

    /// The app on `client`, with `settings`, on a terminal of `size` (columns, rows).
    pub fn start_on(
        client: Arc<dyn PartnerCentral>,
        data: &DataDir,
        settings: Settings,
        keymap: Keymap,
        size: (u16, u16),
    ) -> Self {
        let options = Options::new(settings, keymap, Theme::plain(), Some(data.clone()));
        Self::start_with_options(client, options, size)
    }

    /// The app on `client` with `options`, its clock following paused tokio time.
    fn start_with_options(
        client: Arc<dyn PartnerCentral>,
        options: Options,
        size: (u16, u16),
    ) -> Self {
        let started = tokio::time::Instant::now();
        let base = fixtures::now();
        let options = Options {
            now: Box::new(move || {
                base + chrono::Duration::from_std(started.elapsed()).expect("small")
            }),
            ..options
        };
        let app = App::start(client, options, size);
        let (keys, events) = unbounded();
        Headless {
            app,
            terminal: Terminal::new(TestBackend::new(size.0, size.1)).unwrap(),
            keys,
            events,
            signals: futures::stream::pending(),
        }
    }

    /// Applies a message that is not a key, as if it came from the effects.
    pub fn apply(&mut self, msg: Msg) {
        assert!(!matches!(msg, Msg::Key(_)), "keys go through press");
        self.app.apply(msg);
    }

    /// A key press, through the terminal event stream; handled before this returns.
    pub async fn press(&mut self, key: Msg) {
        let Msg::Key(key) = key else {
            panic!("not a key: {key:?}")
        };
        self.keys.unbounded_send(Ok(Event::Key(key))).unwrap();
        self.app
            .step(&mut self.terminal, &mut self.events, &mut self.signals)
            .await
            .unwrap();
    }

    /// The next reply of the effects, not yet applied.
    pub async fn next(&mut self) -> Msg {
        tokio::time::timeout(Duration::from_secs(20), self.app.next_reply())
            .await
            .expect("a message within 20 s")
            .unwrap()
    }

    /// Runs the loop until `done` holds.
    pub async fn until(&mut self, what: &str, done: impl Fn(&State) -> bool) {
        self.until_within(Duration::from_secs(20), what, done).await
    }

    /// Runs the loop until `done` holds, for at most `limit` (of tokio time).
    pub async fn until_within(
        &mut self,
        limit: Duration,
        what: &str,
        done: impl Fn(&State) -> bool,
    ) {
        let deadline = tokio::time::Instant::now() + limit;
        while !done(&self.app.state) {
            tokio::time::timeout_at(
                deadline,
                self.app
                    .step(&mut self.terminal, &mut self.events, &mut self.signals),
            )
            .await
            .unwrap_or_else(|_| panic!("timed out: {what}"))
            .unwrap();
        }
    }

    /// Runs the loop until every page of the first listing is in the store and on screen.
    pub async fn until_loaded(&mut self) {
        self.until("the first load", |s| {
            s.list.pages() > 0 && s.list.next_token().is_none() && s.settled()
        })
        .await
    }

    /// Runs the loop for `span` of tokio time, whatever happens.
    pub async fn run_for(&mut self, span: Duration) {
        let deadline = tokio::time::Instant::now() + span;
        while let Ok(step) = tokio::time::timeout_at(
            deadline,
            self.app
                .step(&mut self.terminal, &mut self.events, &mut self.signals),
        )
        .await
        {
            step.unwrap();
        }
    }

    /// The screen as text.
    pub fn screen(&mut self) -> String {
        self.app.draw(&mut self.terminal).unwrap();
        fixtures::buffer_text(self.terminal.backend().buffer())
    }

    /// Opens the create form once the list and the engagements are in; returns the id of an
    /// engagement the demo account created.
    pub async fn open_form(&mut self) -> String {
        use pc_inbox::app::Modal;
        self.until("rows", |s| s.list.loaded() > 0).await;
        self.press(fixtures::key('n')).await;
        self.until(
            "engagements",
            |s| matches!(s.top(), Some(Modal::Create(f)) if !f.engagements.loading),
        )
        .await;
        let Some(Modal::Create(form)) = self.state.top() else {
            unreachable!("checked above")
        };
        let own = form
            .engagements
            .items
            .iter()
            .find(|e| e.created_by.as_deref() == Some("111122223333"));
        own.expect("the seed has engagements of the demo account")
            .id
            .clone()
    }

    /// The open create form.
    pub fn form(&mut self) -> &mut pc_inbox::app::form::InvitationForm {
        match self.app.state.modals.last_mut() {
            Some(pc_inbox::app::Modal::Create(form)) => form,
            other => panic!("no form open: {other:?}"),
        }
    }

    /// Moves the selection to an invitation (the list must contain it).
    pub async fn select(&mut self, id: &str) {
        self.until("rows", |s| s.list.loaded() > 0).await;
        self.press(fixtures::code(KeyCode::Home)).await;
        for _ in 0..100 {
            if self.state.selected().is_some_and(|r| r.id == id) {
                return;
            }
            self.press(fixtures::key('j')).await;
        }
        panic!("{id} not in the list");
    }

    /// Selects an invitation and accepts it through the confirmation.
    /// `E`, then the opportunity `id` chosen in the picker (typed to narrow it, then Enter).
    pub async fn pick_opportunity(&mut self, id: &str) {
        use pc_inbox::app::engage::Stage;
        use pc_inbox::app::Modal;
        self.press(fixtures::key('E')).await;
        self.until("the opportunities listed", |s| {
            matches!(s.top(), Some(Modal::Engage(d)) if matches!(&d.stage, Stage::Pick(p) if !p.loading))
        })
        .await;
        for c in id.chars() {
            self.press(fixtures::key(c)).await;
        }
        self.press(fixtures::code(KeyCode::Enter)).await;
    }

    pub async fn accept(&mut self, id: &str) {
        self.select(id).await;
        self.press(fixtures::key('a')).await;
        self.press(fixtures::key('y')).await;
    }
}
