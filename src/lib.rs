//! pc-inbox: a terminal inbox for AWS Partner Central engagement invitations.
//!
//! - [`domain`]: our own types for invitations, tasks and engagements.
//! - [`service`]: the [`service::PartnerCentral`] trait and its AWS SDK adapter.
//! - [`emulator`]: a local Partner Central that speaks the real wire protocol.
//! - [`config`]: the user's TOML configuration.

pub mod config;
pub mod domain;
pub mod emulator;
pub mod service;
