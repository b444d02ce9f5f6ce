//! pc-inbox: a terminal inbox for AWS Partner Central engagement invitations.
//!
//! - [`domain`]: our own types for invitations, tasks and engagements.
//! - [`service`]: the [`service::PartnerCentral`] trait and its AWS SDK adapter.
//! - [`emulator`]: a local Partner Central that speaks the real wire protocol.
//! - [`model`]: the service model and a validator for requests against it.
//! - [`wire`]: the service's shapes as serde structs, shared by the emulator, the CLI and tests.
//! - [`config`]: the user's TOML configuration.
//! - [`commands`]: the scriptable subcommands (`list`, `show`, `accept`, ...).
//! - [`app`]: state, messages, effects and the pure `update` (the one-way flow).
//! - [`keymap`]: the one key table behind dispatch, the action bar and help.
//! - [`ui`]: drawing the state.
//! - [`sync`]: the sync engine's rules: what a look asks for, what it found, when the next.
//! - [`runtime`]: the terminal, the event loop and the effect runner.
//! - [`storage`]: files kept between runs (accept tokens, the invitation draft).
//! - [`logging`]: the log file.
//! - [`files`]: folders pc-inbox makes, with their modes whatever the umask.
//! - [`man`]: the man page, from the command line's definition and the keymap.

pub mod app;
pub mod commands;
pub mod compose;
pub mod config;
pub mod domain;
pub mod emulator;
pub mod files;
pub mod keymap;
pub mod logging;
pub mod man;
pub mod model;
pub mod rules;
pub mod runtime;
pub mod service;
pub mod store;
pub mod sync;
pub mod ui;
pub mod wire;
