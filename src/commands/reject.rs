//! `pc-inbox reject ID --reason TEXT`.

use std::io::Write;

use super::{CommandResult, Failure};
use crate::app::modes::reject::reason_problem;
use crate::service::PartnerCentral;

/// Options of `pc-inbox reject`.
#[derive(Debug, Clone, clap::Args)]
pub struct RejectArgs {
    /// The invitation's id (engi-…) or ARN.
    pub id: String,
    /// Why: 1–80 printable characters, e.g. "Unable to support". Rejecting is irreversible.
    #[arg(long)]
    pub reason: String,
}

pub async fn run(
    service: &dyn PartnerCentral,
    args: &RejectArgs,
    out: &mut dyn Write,
) -> CommandResult {
    if args.reason.is_empty() {
        return Err(Failure::BadInput(
            "--reason is empty: give 1–80 printable characters, e.g. --reason \"Unable to support\""
                .into(),
        ));
    }
    if let Some(problem) = reason_problem(&args.reason) {
        return Err(Failure::BadInput(format!("--reason: {problem}")));
    }
    service
        .reject_invitation(&args.id, Some(&args.reason))
        .await?;
    writeln!(out, "Rejected {}", args.id)?;
    Ok(())
}
