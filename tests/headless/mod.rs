//! The whole app minus the terminal, for integration tests: the reducer and the real effect
//! runner, with the real SDK client, against the emulator.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::KeyCode;
use pc_inbox::app::{update, Accepts, Msg, PollSchedule, SavedAccepts, Settings, State};
use pc_inbox::emulator::Emulator;
use pc_inbox::keymap::Keymap;
use pc_inbox::runtime::EffectRunner;
use pc_inbox::service::PartnerCentral;
use pc_inbox::storage::DataDir;
use pc_inbox::ui::Theme;
use tokio::sync::mpsc::UnboundedReceiver;

use super::common;
use super::fixtures;

/// The app without a terminal: state, reducer and the real effect runner.
pub struct Headless {
    pub state: State,
    pub runner: EffectRunner,
    rx: UnboundedReceiver<Msg>,
}

impl Headless {
    /// Stops the app, waiting until its local state is written.
    pub fn stop(self) {
        self.runner.finish();
    }

    pub async fn start(emulator: &Emulator, data: &DataDir) -> Self {
        let settings = Settings {
            poll: PollSchedule {
                first: Duration::from_millis(50),
                cap: Duration::from_millis(200),
            },
            debounce: Duration::from_millis(10),
            ..Settings::default()
        };
        let mut state = State::new(
            settings,
            Keymap::default(),
            Theme::plain(),
            fixtures::clock(),
            (160, 48),
        );
        state.accepts = Accepts::restore(data.load_accepts::<SavedAccepts>().unwrap(), uuid_like());
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let client: Arc<dyn PartnerCentral> = Arc::new(common::client(emulator).await);
        let runner = EffectRunner::new(client, tx, 50.0, Some(data.clone()));
        let mut app = Headless { state, runner, rx };
        for effect in pc_inbox::app::update::init(&mut app.state) {
            app.runner.run(effect);
        }
        app
    }

    pub fn apply(&mut self, msg: Msg) {
        for effect in update(&mut self.state, msg) {
            self.runner.run(effect);
        }
    }

    pub async fn next(&mut self) -> Msg {
        tokio::time::timeout(Duration::from_secs(20), self.rx.recv())
            .await
            .expect("a message within 20 s")
            .unwrap()
    }

    /// Processes messages until `done` holds.
    pub async fn until(&mut self, what: &str, done: impl Fn(&State) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while !done(&self.state) {
            let msg = tokio::time::timeout_at(deadline, self.rx.recv())
                .await
                .unwrap_or_else(|_| panic!("timed out: {what}"));
            self.apply(msg.unwrap());
        }
    }

    /// Opens the create form once the list and the engagements are in; returns the id of an
    /// engagement the demo account created.
    pub async fn open_form(&mut self) -> String {
        use pc_inbox::app::Overlay;
        self.until("rows", |s| s.list.loaded() > 0).await;
        self.apply(fixtures::key('n'));
        self.until(
            "engagements",
            |s| matches!(&s.overlay, Some(Overlay::Create(f)) if !f.engagements.loading),
        )
        .await;
        let Some(Overlay::Create(form)) = &self.state.overlay else {
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
        match &mut self.state.overlay {
            Some(pc_inbox::app::Overlay::Create(form)) => form,
            other => panic!("no form open: {other:?}"),
        }
    }

    /// Moves the selection to an invitation (the list must contain it).
    pub async fn select(&mut self, id: &str) {
        self.until("rows", |s| s.list.loaded() > 0).await;
        self.apply(fixtures::code(KeyCode::Home));
        for _ in 0..100 {
            if self.state.selected().is_some_and(|r| r.id == id) {
                return;
            }
            self.apply(fixtures::key('j'));
        }
        panic!("{id} not in the list");
    }
}

fn uuid_like() -> String {
    format!("t{}", std::process::id())
}
