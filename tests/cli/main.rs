//! The command line's tests, one binary so the SDK links once: the real `pc-inbox` binary run
//! against an emulator in the test process, with a private HOME.

#[path = "../common/mod.rs"]
mod common;

mod cli_bulk;
mod cli_commands;
mod cli_doctor;
mod cli_emulator_faults;
mod cli_list_pace;
mod cli_opportunities;
mod cli_status;
mod cli_store;
mod cli_triage;
mod cli_watch;
mod config_views;
