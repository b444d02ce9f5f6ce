//! The pure reducer: `update(&mut State, Msg) -> Vec<Effect>`. No IO happens here. Keys go to
//! [`super::keys`]; replies go to the part of the app that asked for them.

use super::pipeline::Pipeline;
use super::{
    actions, bulk, cache, consent, create, engage, engagements, inbox, keys, modes, opportunities,
    tasks, views, watch, Effect, Level, Msg, State,
};

/// The effects to run when the app starts: the first page, and following the tasks an
/// earlier run left.
pub fn init(state: &mut State) -> Vec<Effect> {
    let mut effects = inbox::reload(state);
    effects.extend(views::count_other_side(state));
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
    let rows_may_change = !matches!(
        msg,
        Msg::Key(_)
            | Msg::Paste(_)
            | Msg::Tick { .. }
            | Msg::DetailMeasured { .. }
            | Msg::Resize(_)
            | Msg::Shown(_)
            | Msg::SelectionSettled { .. }
            | Msg::WatchTick
    );
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
        Msg::PageLoaded { generation, result } => inbox::on_page(state, generation, result),
        Msg::DetailLoaded {
            id,
            generation,
            result,
        } => {
            views::detail_answered(state, &id);
            let mut effects = inbox::on_detail(state, id, generation, result);
            effects.extend(views::fetch_sort_details(state, false));
            effects
        }
        Msg::SelectionSettled { epoch } => inbox::on_settled(state, epoch),
        Msg::WatchTick => watch::on_tick(state),
        Msg::PendingListed(result) => watch::on_page(state, result),
        Msg::DraftSettled { epoch } => create::on_draft_settled(state, epoch),
        Msg::TaskStarted {
            work,
            claimed,
            result,
            found,
        } => tasks::update::on_started(state, work, claimed, result, found),
        Msg::TaskPolled {
            work,
            task_id,
            result,
        } => tasks::update::on_polled(state, work, task_id, result),
        Msg::RunningTasks { kind, result } => tasks::update::on_running(state, kind, result),
        Msg::Rejected {
            invitation_id,
            reason,
            result,
        } => actions::on_rejected(state, invitation_id, reason, result),
        Msg::CachedView { generation, result } => inbox::on_cached_view(state, generation, result),
        Msg::CachedSide { side, result } => views::on_cached_side(state, side, result),
        Msg::SideListed { side, result } => views::on_side_listed(state, side, result),
        Msg::OpportunityLoaded {
            invitation_id,
            result,
        } => opportunities::on_loaded(state, invitation_id, result),
        Msg::CachedDetails {
            generation,
            details,
        } => cache::on_cached_details(state, generation, details),
        Msg::JournalRead(result) => modes::journal::on_read(state, result),
        Msg::EngagementsLoaded(result) => create::on_engagements(state, result),
        Msg::InvitationCreated {
            client_token,
            result,
        } => create::on_created(state, client_token, result),
        Msg::TextEdited { field, result } => create::on_text_edited(state, field, result),
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
        Msg::OpportunitiesLoaded(result) => engage::on_opportunities(state, result),
        Msg::OpportunityRead { id, result } => engage::on_read(state, id, result),
        Msg::MembersLoaded {
            engagement_id,
            result,
        } => engagements::on_members(state, engagement_id, result),
        Msg::EngagementRead { id, result } => engagements::on_engagement(state, id, result),
        Msg::Terminate => {
            state.quit = true;
            Vec::new()
        }
    }
}
