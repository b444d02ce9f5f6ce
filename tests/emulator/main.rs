//! The emulator's tests, one binary so the SDK links once: the real SDK client (and raw signed
//! HTTP) against the emulator on 127.0.0.1, for the wire protocol, every operation, quotas,
//! faults and hostile requests.

#[path = "../common/mod.rs"]
mod common;

mod emulator_accounts;
mod emulator_connections;
mod emulator_contexts;
mod emulator_engagements;
mod emulator_errors;
mod emulator_faults;
mod emulator_from_opportunity;
mod emulator_hostile;
mod emulator_invitations;
mod emulator_listing;
mod emulator_opportunities;
mod emulator_page_bytes;
mod emulator_protocol;
mod emulator_session_tokens;
mod emulator_sigv4;
mod emulator_sts;
mod emulator_tasks;
