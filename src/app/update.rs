//! The pure reducer: `update(&mut State, Msg) -> Vec<Effect>`. No IO happens here. Keys go to
//! [`super::keys`]; replies go to the part of the app that asked for them.

use super::pipeline::Pipeline;
use super::sync::watch;
use super::{
    actions, bulk, consent, create, engage, engagements, inbox, keys, modes, sync, tasks, views,
    Effect, Level, Msg, State,
};

/// The effects to run when the app starts: the first page, and following the tasks an
/// earlier run left.
pub fn init(state: &mut State) -> Vec<Effect> {
    let mut effects = sync::reload(state);
    effects.extend(sync::count_other_side(state));
    effects.extend(tasks::update::resume(state));
    effects.extend(bulk::resume(state));
    effects.extend(engage::resume(state));
    effects.extend(watch::start(state));
    effects
}

/// Applies one message and returns the work it asks for. When the app is to quit, a draft
/// with unsaved changes is saved first. No write leaves here that the last frame drawn did
/// not ask about ([`consent`]).
pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let notices_before = state.notices.pushed();
    let from_user = matches!(msg, Msg::Key(_) | Msg::Paste(_));
    let rows_may_change = match &msg {
        Msg::Key(_)
        | Msg::Paste(_)
        | Msg::Tick { .. }
        | Msg::DetailMeasured { .. }
        | Msg::Resize(_)
        | Msg::Shown(_) => false,
        Msg::Sync(msg) => msg.may_change_rows(),
        _ => true,
    };
    let mut effects = apply(state, msg);
    views::recount(state);
    if rows_may_change || state.pipeline.stale(state) {
        state.pipeline = Pipeline::of(state);
    }
    if !from_user && state.notices.pushed() != notices_before {
        state.interrupted = true;
    }
    if state.quit {
        effects.extend(create::flush(state));
    }
    consent::screen(state, &mut effects);
    effects
}

fn apply(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => keys::on_key(state, key),
        Msg::Paste(text) => keys::on_paste(state, &text),
        Msg::Resize(geometry) => {
            state.geometry = geometry;
            inbox::resized(state)
        }
        Msg::DetailMeasured { lines } => {
            state.geometry.detail_lines = lines;
            inbox::clamp_detail_scroll(state);
            Vec::new()
        }
        Msg::Tick { now } => {
            state.clock.now = now;
            state.spinner = state.spinner.wrapping_add(1);
            bulk::on_tick(state)
        }
        Msg::Shown(asked) => {
            state.shown = asked;
            Vec::new()
        }
        Msg::Sync(msg) => sync::update(state, msg),
        Msg::Task(msg) => tasks::update::update(state, msg),
        Msg::Create(msg) => create::update(state, msg),
        Msg::Engage(msg) => engage::update(state, msg),
        Msg::Engagement(msg) => engagements::update(state, msg),
        Msg::Rejected {
            invitation_id,
            reason,
            result,
        } => actions::on_rejected(state, invitation_id, reason, result),
        Msg::JournalRead(result) => modes::journal::on_read(state, result),
        Msg::RequestsToday(requests) => {
            state.memory.requests_today = Some(requests);
            Vec::new()
        }
        Msg::Opened { url, result } => match result {
            Ok(()) => Vec::new(),
            Err(why) => {
                state.notify(
                    Level::Info,
                    format!("Link copied — no browser ({why}): {url}"),
                );
                vec![Effect::Copy(url)]
            }
        },
        Msg::StorageFailed(error) => {
            state.notify(
                Level::Error,
                format!("Could not save pc-inbox's state: {error}"),
            );
            Vec::new()
        }
        Msg::Terminate => {
            state.quit = true;
            Vec::new()
        }
    }
}
