//! The scriptable subcommands (`list`, `show`, `accept`, `reject`, `create`, `engagements`,
//! `members`, `opportunities`, `opportunity show`, `engage`, `journal`, `triage`, `watch`,
//! `status`, `doctor`):
//! the same service layer as the inbox, results on stdout, errors on stderr, and exit codes a
//! script can branch on.

pub mod accept;
mod bulk;
pub mod create;
pub mod doctor;
pub mod engage;
pub mod engagements;
mod invitation_file;
pub mod journal;
pub mod list;
pub mod members;
pub mod opportunities;
pub mod output;
pub mod reject;
pub mod show;
pub mod status;
pub mod task;
pub mod triage;
pub mod watch;

use std::fmt;
use std::process::ExitCode;

use crate::domain::journal::Entry;
use crate::service::{RequestTally, ServiceError};
use crate::store::Store;

/// Why a command failed, and so its exit code.
#[derive(Debug)]
pub enum Failure {
    /// The service refused or could not be reached, or the command was used wrongly: exit 1.
    Service(ServiceError),
    Usage(String),
    /// The input (a file, a reason, an id) is not acceptable: exit 2.
    BadInput(String),
    /// The accept task ended FAILED: exit 3.
    TaskFailed(String),
    /// Whoever read the output stopped reading (`| head`): not an error.
    OutputClosed,
}

/// Every exit status of `pc-inbox`, with what it means (for the man page).
pub const EXIT_STATUS: [(u8, &str); 4] = [
    (
        0,
        "Done. Also when whoever read the output stopped reading (e.g. `| head`).",
    ),
    (
        1,
        "The service failed or could not be reached, or pc-inbox was used wrongly: an unknown \
         option, an unreadable configuration file, a terminal error. doctor: a check failed.",
    ),
    (
        2,
        "Bad input: an invalid invitation file, rejection reason or --limit.",
    ),
    (3, "accept --wait, engage --wait: the task ended FAILED."),
];

impl Failure {
    /// The process exit code (one of [`EXIT_STATUS`]).
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            Failure::Service(_) | Failure::Usage(_) => 1,
            Failure::BadInput(_) => 2,
            Failure::TaskFailed(_) => 3,
            Failure::OutputClosed => 0,
        })
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Service(e) => write!(f, "{e}"),
            Failure::Usage(m) | Failure::BadInput(m) | Failure::TaskFailed(m) => write!(f, "{m}"),
            Failure::OutputClosed => write!(f, "the output was closed"),
        }
    }
}

impl From<ServiceError> for Failure {
    fn from(e: ServiceError) -> Self {
        Failure::Service(e)
    }
}

impl From<crate::store::Error> for Failure {
    fn from(e: crate::store::Error) -> Self {
        Failure::Usage(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::OutputClosed
        } else {
            Failure::Usage(format!("could not write the output: {e}"))
        }
    }
}

/// Adds an entry to the journal when there is a local store. The action already happened, so
/// a journal that cannot be written is a warning on stderr, not a failure.
pub fn record(store: Option<&mut Store>, entry: Entry) {
    if let Some(store) = store {
        if let Err(e) = store.journal_append(&entry) {
            eprintln!("pc-inbox: warning: the journal could not be written: {e}");
        }
    }
}

/// Adds the requests counted in `tally` to the store's daily count; a store that cannot take
/// them only earns a warning.
pub fn count_requests(store: Option<&mut Store>, tally: &RequestTally) {
    let counted = tally.take();
    if let (Some(store), false) = (store, counted.is_empty()) {
        if let Err(e) = store.count_requests(&counted) {
            eprintln!("pc-inbox: warning: the requests made could not be counted: {e}");
        }
    }
}

/// Result of a command.
pub type CommandResult = Result<(), Failure>;

/// Output formats for listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exit_code_is_documented() {
        let failures = [
            Failure::Service(ServiceError::Throttled {
                message: String::new(),
            }),
            Failure::Usage(String::new()),
            Failure::BadInput(String::new()),
            Failure::TaskFailed(String::new()),
            Failure::OutputClosed,
        ];
        let documented: Vec<ExitCode> = EXIT_STATUS
            .iter()
            .map(|(code, _)| ExitCode::from(*code))
            .collect();
        for failure in failures {
            assert!(documented.contains(&failure.exit_code()), "{failure:?}");
        }
    }
}
