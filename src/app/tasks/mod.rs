//! The reducer's one task machine, for every write the service answers with a task (accept,
//! engage): a start with a client token the local store claims first, polls on one schedule
//! until COMPLETE or FAILED, a journal row per change, and what survives a restart. Only the
//! words ([`words`]) and what a completed task means for the rest of the app (a row accepted,
//! an engagement ready: `update::completed`) differ by kind.

mod msg;
mod runs;
pub(super) mod update;
mod words;

pub use msg::TaskMsg;
pub use runs::{Phase, Run, Tasks};
