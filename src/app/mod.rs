//! The heart of the app, free of terminal, drawing and network IO.
//!
//! The flow is one-way: terminal events and service replies arrive as [`Msg`]s; the pure
//! [`update`] changes the [`State`] and returns [`Effect`]s; the runtime runs those effects on
//! tokio tasks and feeds their results back as new messages; `ui` draws the state.
//!
//! A key press goes: `runtime` → `Msg::Key` → [`update`] → `keys` → the one mode that has the
//! keyboard, in [`modes`]: each mode's file lists every key it takes. A reply goes to the
//! feature that asked for it: each feature (`sync`, every read of invitations; `tasks`,
//! `create`, `engage`, `engagements`) has its own message enum and `update`, and [`update`]
//! routes to them.

mod actions;
pub mod bulk;
pub mod consent;
mod create;
mod details;
mod effect;
pub mod engage;
pub mod engagements;
pub mod form;
mod inbox;
mod keys;
mod list;
pub mod modes;
mod msg;
mod notices;
pub mod opportunities;
pub mod pipeline;
mod polling;
mod state;
pub mod sync;
pub mod tasks;
mod text;
pub mod update;
pub mod views;

pub use crate::domain::{Clock, PollSchedule};
pub use bulk::{BulkItem, BulkKind, BulkQueue, ItemState};
pub use create::CreateMsg;
pub use details::{DetailCache, DetailEntry};
pub use effect::{Effect, Priority, Remember};
pub use engage::EngageMsg;
pub use engagements::EngagementMsg;
pub use list::{InvitationList, RowFacts};
pub use modes::Modal;
pub use msg::Msg;
pub use notices::{Level, Notice, Notices, Topic};
pub use state::{
    Focus, Geometry, Settings, State, Watch, DEFAULT_CONSOLE_URL, DEFAULT_OPPORTUNITY_URL,
};
pub use sync::Memory;
pub use sync::{Stored, SyncMsg};
pub use tasks::TaskMsg;
pub use update::update;
