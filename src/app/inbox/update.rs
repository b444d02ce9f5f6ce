//! Where the inbox's replies go: each to the part that asked for it (the list, the views'
//! counts, the watch, the store's cache, the linked opportunity).

use super::{on_cached_view, on_detail, on_page, on_settled, InboxMsg};
use crate::app::{cache, opportunities, views, watch, Effect, State};
/// Hands an inbox reply to the part that asked for it.
pub(in crate::app) fn update(state: &mut State, msg: InboxMsg) -> Vec<Effect> {
    match msg {
        InboxMsg::PageLoaded { generation, result } => {
            let mut effects = on_page(state, generation, result);
            if state.memory.offline {
                // The service could not be reached: the watch looks again soon.
                effects.extend(watch::retry_soon(state));
            }
            effects
        }
        InboxMsg::DetailLoaded {
            id,
            generation,
            result,
        } => {
            views::detail_answered(state, &id);
            let mut effects = on_detail(state, id, generation, result);
            effects.extend(views::fetch_sort_details(state, false));
            effects
        }
        InboxMsg::SelectionSettled { epoch } => on_settled(state, epoch),
        InboxMsg::CachedView { generation, result } => on_cached_view(state, generation, result),
        InboxMsg::CachedDetails {
            generation,
            details,
        } => cache::on_cached_details(state, generation, details),
        InboxMsg::CachedSide { side, result } => views::on_cached_side(state, side, result),
        InboxMsg::SideListed { side, result } => views::on_side_listed(state, side, result),
        InboxMsg::WatchTick { timer } => watch::on_tick(state, timer),
        InboxMsg::Looked(result) => watch::on_page(state, result),
        InboxMsg::OpportunityLoaded {
            invitation_id,
            result,
        } => opportunities::on_loaded(state, invitation_id, result.map(|o| o.map(|o| *o))),
    }
}
