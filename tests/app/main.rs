//! The app's tests, one binary so the SDK links once: the pure reducer (keys, replies, property
//! tests of its invariants and of consent), screens drawn on ratatui's TestBackend, and the
//! production loop headless against the emulator on paused time.

#[path = "../common/mod.rs"]
mod common;
#[path = "../fixtures/mod.rs"]
mod fixtures;
#[path = "../headless/mod.rs"]
mod headless;

mod app_actions;
mod app_chaos;
mod app_draft;
mod app_faults;
mod app_store;
mod app_sync_model;
mod app_watch;
mod form_validation;
mod modes;
mod reducer;
mod reducer_actions;
mod reducer_cache;
mod reducer_consent;
mod reducer_create;
mod reducer_draft_save;
mod reducer_engage;
mod reducer_engagements;
mod reducer_opportunity;
mod reducer_props;
mod reducer_triage;
mod reducer_views;
mod reducer_watch;
mod screens;
mod wire_round_trip;
