//! `pc-inbox reject ID --reason TEXT`.

use std::io::Write;

use chrono::Utc;

use super::{record, CommandResult, Failure};
use crate::app::modes::reject::reason_problem;
use crate::domain::journal::{Action, Entry, Outcome};
use crate::service::PartnerCentral;
use crate::store::Store;

/// Options of `pc-inbox reject`.
#[derive(Debug, Clone, clap::Args)]
pub struct RejectArgs {
    /// The invitation's id (engi-…) or ARN.
    pub id: String,
    /// Why: 1–80 printable characters, e.g. "Unable to support". Rejecting is irreversible.
    #[arg(long)]
    pub reason: String,
}

/// Rejects the invitation and journals the outcome in `store`.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &RejectArgs,
    store: Option<&mut Store>,
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
    let result = service
        .reject_invitation(&args.id, Some(&args.reason))
        .await;
    let outcome = if result.is_ok() {
        Outcome::Succeeded
    } else {
        Outcome::Failed
    };
    let detail = match &result {
        Ok(()) => args.reason.clone(),
        Err(e) => format!("{}: {e}", args.reason),
    };
    record(
        store,
        Entry::new(Action::Reject, outcome, Utc::now())
            .invitation(&args.id)
            .detail(Some(detail)),
    );
    result?;
    writeln!(out, "Rejected {}", args.id)?;
    Ok(())
}
