//! `pc-inbox reject ID... --reason TEXT`: rejects each invitation under the write quota,
//! journals each outcome, and prints one line (or JSON object) per id.

use std::io::Write;

use chrono::Utc;
use serde_json::{json, Value};

use super::bulk::{read_ids, Progress, Tally};
use super::output::write_json;
use super::show::ShowFormat;
use super::{record, CommandResult, Failure};
use crate::domain::journal::{Action, Entry, Outcome};
use crate::domain::reject::reason_problem;
use crate::service::{PartnerCentral, ServiceResult};
use crate::store::Store;

/// Options of `pc-inbox reject`.
#[derive(Debug, Clone, clap::Args)]
pub struct RejectArgs {
    /// The invitations' ids (engi-…) or ARNs; `-` reads them from stdin, one per line.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Why: 1–80 printable characters, e.g. "Unable to support". Rejecting is irreversible.
    #[arg(long)]
    pub reason: String,
    /// `json` prints an object per id ({"Id", "Status"} or {"Id", "Error"}); an array for
    /// several ids.
    #[arg(long, value_enum, default_value = "text")]
    pub output: ShowFormat,
}

/// Checks a rejection reason as the service would, before anything is sent.
pub fn check_reason(reason: &str) -> Result<(), Failure> {
    if reason.is_empty() {
        return Err(Failure::BadInput(
            "--reason is empty: give 1–80 printable characters, e.g. --reason \"Unable to support\""
                .into(),
        ));
    }
    match reason_problem(reason) {
        Some(problem) => Err(Failure::BadInput(format!("--reason: {problem}"))),
        None => Ok(()),
    }
}

/// Rejects one invitation and journals the outcome; `why` adds to the journal's detail
/// (e.g. the triage rule that asked for it).
pub async fn reject_one(
    service: &dyn PartnerCentral,
    id: &str,
    reason: &str,
    why: Option<&str>,
    store: Option<&mut Store>,
) -> ServiceResult<()> {
    let result = service.reject_invitation(id, Some(reason)).await;
    let outcome = if result.is_ok() {
        Outcome::Succeeded
    } else {
        Outcome::Failed
    };
    let mut detail = reason.to_string();
    if let Some(why) = why {
        detail = format!("{detail} ({why})");
    }
    if let Err(e) = &result {
        detail = format!("{detail}: {e}");
    }
    record(
        store,
        Entry::new(Action::Reject, outcome, Utc::now())
            .invitation(id)
            .detail(Some(detail)),
    );
    result
}

/// Rejects every id in turn, paced by the service's write quota.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &RejectArgs,
    mut store: Option<&mut Store>,
    out: &mut dyn Write,
) -> CommandResult {
    check_reason(&args.reason)?;
    let ids = read_ids(&args.ids, &mut std::io::stdin().lock())?;
    let progress = Progress::new("Rejecting", ids.len());
    let mut tally = Tally::new("rejects", ids.len());
    let mut objects = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        progress.at(n + 1);
        let result = reject_one(service, id, &args.reason, None, store.as_deref_mut()).await;
        match args.output {
            ShowFormat::Json => objects.push(match &result {
                Ok(()) => json!({"Id": id, "Status": "REJECTED", "RejectionReason": args.reason}),
                Err(e) => json!({"Id": id, "Error": e.to_string()}),
            }),
            ShowFormat::Text if result.is_ok() => writeln!(out, "Rejected {id}")?,
            ShowFormat::Text => {}
        }
        if let Err(e) = result {
            tally.fail(id, e.into());
        }
    }
    progress.done();
    if args.output == ShowFormat::Json {
        write_objects(out, objects)?;
    }
    tally.finish()
}

/// One JSON object as it is, several as an array.
pub fn write_objects(out: &mut dyn Write, mut objects: Vec<Value>) -> std::io::Result<()> {
    if objects.len() == 1 {
        write_json(out, &objects.remove(0))
    } else {
        write_json(out, &objects)
    }
}
