//! The heart of the app, free of terminal and network IO.
//!
//! The flow is one-way: terminal events and service replies arrive as [`Msg`]s; the pure
//! [`update`] changes the [`State`] and returns [`Effect`]s; the runtime runs those effects on
//! tokio tasks and feeds their results back as new messages; `ui` draws the state. A key press
//! goes: `runtime` → `Msg::Key` → [`update::update`] → `keymap` → one `on_*` function.

pub mod accept;
mod actions;
mod create;
mod details;
mod effect;
mod filters;
pub mod form;
mod list;
mod msg;
pub mod reject;
mod state;
pub mod update;

pub use accept::{Accept, AcceptPhase, Accepts, PollSchedule, SavedAccepts};
pub use details::{DetailCache, DetailEntry};
pub use effect::{Effect, Priority};
pub use filters::{FilterMenu, Filters, PayloadChoice};
pub use list::InvitationList;
pub use msg::Msg;
pub use reject::{RejectDialog, RejectFocus};
pub use state::{
    Clock, ConfirmAccept, Focus, Level, Notice, Overlay, Settings, State, DEFAULT_CONSOLE_URL,
};
pub use update::update;
