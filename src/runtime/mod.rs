//! The imperative shell: owns the terminal, turns terminal events, replies and signals into
//! messages, runs `update`, hands effects to the [`effects::EffectRunner`], draws.

mod effects;
mod reads;
mod restore;
mod saver;
mod system;

use std::sync::Arc;
use std::time::Duration;

use chrono::{Local, Offset, Utc};
use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use ratatui::DefaultTerminal;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::mpsc;

use crate::app::{update, Clock, Msg, Settings, State};
use crate::keymap::Keymap;
use crate::service::PartnerCentral;
use crate::storage::DataDir;
use crate::ui::{self, Theme};
pub use effects::EffectRunner;
pub use reads::ReadQueue;

/// Reads per second the app allows itself: under the service's 10, with headroom.
pub const READS_PER_SECOND: f64 = 8.0;

/// What the inbox starts with.
pub struct Options {
    pub settings: Settings,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Where accept tokens and drafts are kept; `None` keeps nothing.
    pub data: Option<DataDir>,
    /// Problems found in the config file, shown when the inbox opens.
    pub warnings: Vec<String>,
}

/// Runs the inbox until the user quits. The terminal is restored on return, on error, on
/// SIGTERM/SIGHUP and (through ratatui's panic hook) on panic.
pub async fn run(service: Arc<dyn PartnerCentral>, options: Options) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, service, options).await;
    let _ = terminal.show_cursor();
    ratatui::restore();
    result
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    service: Arc<dyn PartnerCentral>,
    options: Options,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    let clock = Clock {
        now: Utc::now(),
        offset: if options.settings.utc {
            Utc.fix()
        } else {
            Local::now().offset().fix()
        },
    };
    let mut state = State::new(
        options.settings,
        options.keymap,
        options.theme,
        clock,
        (size.width, size.height),
    );
    restore::restore(&mut state, options.data.as_ref());
    if !options.warnings.is_empty() {
        state.notice = Some(crate::app::Notice {
            level: crate::app::Level::Error,
            text: format!("Config file: {}", options.warnings.join("; ")),
            since: clock.now,
        });
    }
    let (tx, mut rx) = mpsc::unbounded_channel();
    let runner = EffectRunner::new(service, tx, READS_PER_SECOND, options.data);
    let result = drive(terminal, &mut state, &runner, &mut rx).await;
    runner.finish();
    result
}

/// The event loop proper: draw, wait for the next message, update, run effects.
async fn drive(
    terminal: &mut DefaultTerminal,
    state: &mut State,
    runner: &EffectRunner,
    rx: &mut mpsc::UnboundedReceiver<Msg>,
) -> std::io::Result<()> {
    let mut events = EventStream::new();
    let mut ticks = tokio::time::interval(Duration::from_millis(200));
    let mut term = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    for effect in update::init(state) {
        runner.run(effect);
    }
    loop {
        terminal.draw(|frame| ui::draw(frame, state))?;
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Resize(width, height))) => Msg::Resize { width, height },
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err(e),
                None => Msg::Terminate,
            },
            Some(msg) = rx.recv() => msg,
            _ = ticks.tick() => Msg::Tick { now: Utc::now() },
            _ = term.recv() => Msg::Terminate,
            _ = hangup.recv() => Msg::Terminate,
        };
        let mut batch = vec![msg];
        while let Ok(more) = rx.try_recv() {
            batch.push(more);
        }
        for msg in batch {
            for effect in update(state, msg) {
                runner.run(effect);
            }
        }
        if state.quit {
            return Ok(());
        }
    }
}
