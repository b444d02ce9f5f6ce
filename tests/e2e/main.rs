//! The slow tier: the real `pc-inbox` binary in a pseudo-terminal, its screen read with vt100.
//! One test binary, so it links once; `cargo test --test e2e` runs this tier alone and
//! `cargo test -- --skip e2e_` everything else.

#[path = "../common/mod.rs"]
mod common;
mod pty;

mod e2e_actions;
mod e2e_bulk;
mod e2e_config;
mod e2e_consent;
mod e2e_create;
mod e2e_engage;
mod e2e_errors;
mod e2e_inbox;
mod e2e_notices;
mod e2e_signals;
mod e2e_store;
