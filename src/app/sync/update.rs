//! Where the reads' replies go: each to the part that asked for it (the listing, the details,
//! the views' reads, the watch, the store's cache, the linked opportunity).

use super::details::{on_detail, on_settled};
use super::pages::{on_cached_view, on_page};
use super::{cache, sides, stored, watch, SyncMsg};
use crate::app::{opportunities, Effect, State};
/// Hands a read's reply to the part that asked for it.
pub(in crate::app) fn update(state: &mut State, msg: SyncMsg) -> Vec<Effect> {
    match msg {
        SyncMsg::PageLoaded { generation, result } => {
            let mut effects = on_page(state, generation, result);
            if state.memory.offline {
                // The service could not be reached: the watch looks again soon.
                effects.extend(watch::retry_soon(state));
            }
            effects
        }
        SyncMsg::DetailLoaded {
            id,
            generation,
            result,
        } => {
            sides::detail_answered(state, &id);
            let mut effects = on_detail(state, id, generation, result);
            effects.extend(sides::fetch_sort_details(state, false));
            effects
        }
        SyncMsg::SelectionSettled { epoch } => on_settled(state, epoch),
        SyncMsg::CachedView { generation, result } => on_cached_view(state, generation, result),
        SyncMsg::Stored(stored) => stored::on_stored(state, stored),
        SyncMsg::CachedDetails {
            generation,
            details,
        } => cache::on_cached_details(state, generation, details),
        SyncMsg::CachedSide { side, result } => sides::on_cached_side(state, side, result),
        SyncMsg::SideListed { side, result } => sides::on_side_listed(state, side, result),
        SyncMsg::WatchTick { timer } => watch::on_tick(state, timer),
        SyncMsg::Looked(result) => watch::on_page(state, result),
        SyncMsg::OpportunityLoaded {
            invitation_id,
            result,
        } => opportunities::on_loaded(state, invitation_id, result.map(|o| o.map(|o| *o))),
    }
}
