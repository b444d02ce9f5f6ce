//! The imperative shell: owns the terminal, turns terminal events, replies and signals into
//! messages, runs `update`, hands effects to the [`effects::EffectRunner`], draws.
//!
//! [`drive`] is the event loop. It is generic over the terminal backend, the terminal event
//! stream and the signal stream, so tests run this very loop on a `TestBackend` with keys of
//! their own, under paused tokio time.

mod effects;
mod engage;
mod reads;
mod restore;
mod signals;
pub mod store_worker;
mod system;
mod tasks;

use crate::app::{CreateMsg, SyncMsg};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Local, Offset, Utc};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, EventStream};
use futures::{Stream, StreamExt};
use ratatui::backend::Backend;
use ratatui::Terminal;
use tokio::sync::mpsc;
use tokio::time::Interval;

use crate::app::{update, Clock, Effect, Level, Msg, Settings, State};
use crate::compose::fields::Field;
use crate::domain::TaskKind;
use crate::keymap::Keymap;
use crate::service::{PartnerCentral, Quota, RequestTally};
use crate::store::DataDir;
use crate::ui::{self, Theme};
pub use effects::EffectRunner;
pub use reads::ReadQueue;
pub use signals::{termination_signals, Signal};
pub use system::Launch;

/// Reads the app has out at once; their pace is the service's read bucket.
pub const READS_IN_FLIGHT: usize = 4;

/// The inbox's share of the account's quota, for the one bucket of each class that paces it
/// ([`crate::service::Paced`]): 8 reads a second leave room for the partner's other clients (a
/// CRM connector, a colleague's inbox); writes are the service's one a second.
pub const QUOTA: Quota = Quota {
    reads_per_second: 8.0,
    writes_per_second: 1.0,
};

/// Where the app reads the time.
pub type Now = Box<dyn Fn() -> DateTime<Utc> + Send>;

/// Edits text in the user's editor, with the terminal handed over until it exits.
pub type TextEditor = Box<dyn Fn(&str) -> Result<String, String> + Send>;

/// What the inbox starts with.
pub struct Options {
    pub settings: Settings,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Where the local store is kept; `None` keeps nothing.
    pub data: Option<DataDir>,
    /// Problems found in the config file, shown when the inbox opens.
    pub warnings: Vec<String>,
    /// Reads out at once (the service's pacing keeps them under the quota).
    pub reads_in_flight: usize,
    /// The clock: the system's, or in tests one that follows paused tokio time.
    pub now: Now,
    /// How `o` starts a browser.
    pub launch: Launch,
    /// How Ctrl-e edits a form field.
    pub editor: TextEditor,
    /// Where the service's requests are counted (the service wrapper counts into it), for the
    /// store's daily count.
    pub tally: Arc<RequestTally>,
}

impl Options {
    /// Options with the system clock and the default read rate.
    pub fn new(settings: Settings, keymap: Keymap, theme: Theme, data: Option<DataDir>) -> Self {
        Options {
            settings,
            keymap,
            theme,
            data,
            warnings: Vec::new(),
            reads_in_flight: READS_IN_FLIGHT,
            now: Box::new(Utc::now),
            launch: Launch::from_env(),
            editor: Box::new(system::edit_in_editor),
            tally: Arc::default(),
        }
    }
}

/// The running app: its state, the effect runner and the channel replies come back on.
pub struct App {
    pub state: State,
    pub theme: Theme,
    runner: EffectRunner,
    rx: mpsc::UnboundedReceiver<Msg>,
    ticks: Interval,
    now: Now,
    editor: TextEditor,
    /// A field to edit in the user's editor, once the current messages are applied.
    pending_edit: Option<(Field, String)>,
    /// The signal that ended the loop, if one did.
    signalled: Option<Signal>,
}

impl App {
    /// Builds the app for a terminal of `size`, restores what an earlier run left in the data
    /// directory (the cached rows of the first view are read before the first frame), and
    /// starts the first effects (the first page, resuming accepts).
    pub fn start(service: Arc<dyn PartnerCentral>, options: Options, size: (u16, u16)) -> App {
        let now = (options.now)();
        let clock = Clock {
            now,
            offset: if options.settings.utc {
                Utc.fix()
            } else {
                Local::now().offset().fix()
            },
        };
        let mut state = State::new(
            options.settings,
            options.keymap,
            clock,
            ui::geometry(size, 0),
        );
        let store = restore::open(&mut state, options.data.as_ref());
        restore::restore(&mut state, store.as_ref());
        for warning in &options.warnings {
            state.notify(Level::Error, format!("Config file: {warning}"));
        }
        let mut cached = None;
        let mut effects = Vec::new();
        for effect in update::init(&mut state) {
            match (effect, &store) {
                (Effect::ReadCachedView { generation, query }, Some(store)) => {
                    cached = Some((generation, store.view(&query).map_err(|e| e.to_string())));
                }
                (effect, _) => effects.push(effect),
            }
        }
        let (tx, rx) = mpsc::unbounded_channel();
        let runner = EffectRunner::new(
            service,
            tx,
            options.reads_in_flight,
            store,
            (options.launch, options.tally),
        );
        let mut app = App {
            state,
            theme: options.theme,
            runner,
            rx,
            ticks: tokio::time::interval(Duration::from_millis(200)),
            now: options.now,
            editor: options.editor,
            pending_edit: None,
            signalled: None,
        };
        if let Some((generation, result)) = cached {
            app.apply(Msg::Sync(SyncMsg::CachedView { generation, result }));
        }
        for effect in effects {
            app.run(effect);
        }
        app
    }

    /// Applies one message and starts the effects it asks for.
    pub fn apply(&mut self, msg: Msg) {
        for effect in update(&mut self.state, msg) {
            self.run(effect);
        }
    }

    fn run(&mut self, effect: Effect) {
        if let Some(Effect::EditText { field, text }) = self.runner.run(effect) {
            self.pending_edit = Some((field, text));
        }
    }

    /// One turn of the loop: draw, wait for the next message, then apply it with every reply
    /// already waiting. The user's keys come first when several things are ready.
    pub async fn step<B, E, S>(
        &mut self,
        terminal: &mut Terminal<B>,
        events: &mut E,
        signals: &mut S,
    ) -> std::io::Result<()>
    where
        B: Backend,
        E: Stream<Item = std::io::Result<Event>> + Unpin,
        S: Stream<Item = Signal> + Unpin,
    {
        self.draw(terminal)?;
        let msg = tokio::select! {
            biased;
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Paste(text))) => Msg::Paste(text),
                Some(Ok(Event::Resize(width, height))) => Msg::Resize(ui::geometry(
                    (width, height),
                    self.state.geometry.detail_lines,
                )),
                Some(Ok(_)) => return Ok(()),
                Some(Err(e)) => return Err(e),
                None => Msg::Terminate,
            },
            Some(msg) = self.rx.recv() => msg,
            _ = self.ticks.tick() => Msg::Tick { now: (self.now)() },
            Some(signal) = signals.next() => {
                self.signalled = Some(signal);
                Msg::Terminate
            }
        };
        self.apply(msg);
        while let Ok(more) = self.rx.try_recv() {
            self.apply(more);
        }
        if let Some((field, text)) = self.pending_edit.take() {
            let result = (self.editor)(&text);
            let other = |e: B::Error| std::io::Error::other(e.to_string());
            let size = terminal.size().map_err(other)?;
            terminal
                .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
                .map_err(other)?;
            self.apply(Msg::Create(CreateMsg::TextEdited { field, result }));
        }
        Ok(())
    }

    /// Draws a frame, and tells the reducer when the selected detail's height changed.
    pub fn draw<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> std::io::Result<()> {
        let mut drawn = None;
        terminal
            .draw(|frame| drawn = Some(ui::draw(frame, &self.state, &self.theme)))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let Some(drawn) = drawn else { return Ok(()) };
        if drawn.asked != self.state.shown {
            self.apply(Msg::Shown(drawn.asked));
        }
        if drawn.detail_lines != self.state.geometry.detail_lines {
            self.apply(Msg::DetailMeasured {
                lines: drawn.detail_lines,
            });
        }
        Ok(())
    }

    /// The next reply from the effects, without applying it: for tests that stand in for the
    /// network (a reply lost on the way).
    pub async fn next_reply(&mut self) -> Option<Msg> {
        self.rx.recv().await
    }

    /// The signal that ended the loop, if one did.
    pub fn signalled(&self) -> Option<Signal> {
        self.signalled
    }

    /// Waits until local state is written; call before exiting.
    pub fn finish(self) {
        self.runner.finish();
    }
}

/// The event loop proper: steps until the user quits or a signal ends it.
pub async fn drive<B, E, S>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut events: E,
    mut signals: S,
) -> std::io::Result<()>
where
    B: Backend,
    E: Stream<Item = std::io::Result<Event>> + Unpin,
    S: Stream<Item = Signal> + Unpin,
{
    while !app.state.quit {
        app.step(terminal, &mut events, &mut signals).await?;
    }
    Ok(())
}

/// How the inbox ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Accepts still running when it ended.
    pub running: usize,
    /// Writes agreed to but never sent (held or queued): the next start asks about them.
    pub unsent: Option<String>,
    /// The signal that ended it; `None` when the user quit.
    pub signal: Option<Signal>,
}

/// Runs the inbox until the user quits or a signal of [`Signal::ALL`] ends it. The terminal is
/// restored and local state written on return, on error, on those signals (caught before the
/// terminal is touched) and, through ratatui's panic hook, on panic. Bracketed paste is on, so
/// a paste arrives as text, never as keys.
pub async fn run(service: Arc<dyn PartnerCentral>, options: Options) -> std::io::Result<Outcome> {
    let signals = termination_signals()?;
    let mut terminal = ratatui::try_init()?;
    crossterm::execute!(std::io::stdout(), EnableBracketedPaste)?;
    let result = async {
        let size = terminal.size()?;
        let mut app = App::start(service, options, (size.width, size.height));
        let result = drive(&mut terminal, &mut app, EventStream::new(), signals).await;
        let outcome = Outcome {
            running: app.state.tasks.active(TaskKind::Accept).count(),
            unsent: app
                .state
                .bulk
                .as_ref()
                .filter(|q| q.unsent() > 0)
                .map(|q| q.describe(q.unsent())),
            signal: app.signalled(),
        };
        app.finish();
        result.map(|()| outcome)
    }
    .await;
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    let _ = terminal.show_cursor();
    ratatui::restore();
    result
}
