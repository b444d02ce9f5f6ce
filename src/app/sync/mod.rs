//! Every read of invitations the inbox makes, in one place, which decides what to ask for: the
//! store's rows at once, the pages of the side on screen (and further pages until the listing
//! is complete), the selection's detail and those of the rows on screen, the details a sort
//! needs, the other side's listing for the view counts, and the watch's looks on the sync
//! engine's rules ([`crate::sync`]). What it learns goes into the store ([`cache`]), and the
//! list shows the store's rows as the store answers ([`stored`]), never the service's
//! straight. Each reply comes back as a [`SyncMsg`], which [`update`] hands to the part that
//! asked for it.

pub mod cache;
mod details;
mod msg;
mod pages;
mod reads;
mod sides;
mod stored;
mod update;
pub mod watch;

pub use cache::Memory;
pub(super) use details::{prefetch, selection_changed};
pub use msg::{Stored, SyncMsg};
pub(super) use pages::{more_pages, refresh, reload};
pub use reads::Reads;
pub(super) use sides::{count_other_side, fetch_sort_details};
pub(super) use update::update;
