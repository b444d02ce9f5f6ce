//! The scriptable subcommands (`list`, `show`, `accept`, `reject`, `create`, `engagements`):
//! the same service layer as the inbox, results on stdout, errors on stderr, and exit codes a
//! script can branch on.

pub mod accept;
pub mod create;
pub mod engagements;
mod invitation_file;
pub mod list;
pub mod output;
pub mod reject;
pub mod show;

use std::fmt;
use std::process::ExitCode;

use crate::service::ServiceError;

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

impl Failure {
    /// The process exit code.
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

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::OutputClosed
        } else {
            Failure::Usage(format!("could not write the output: {e}"))
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
