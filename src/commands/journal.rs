//! `pc-inbox journal [--since DATE] [--output table|json|csv]`: what was done, oldest first.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};

use super::output::{write_csv, write_json, write_table};
use super::{CommandResult, Failure, Format};
use crate::domain::journal::{Entry, Outcome};
use crate::store::Store;

/// Options of `pc-inbox journal`.
#[derive(Debug, Clone, clap::Args)]
pub struct JournalArgs {
    /// Only entries from this day (YYYY-MM-DD, UTC) or time (RFC 3339) on.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<DateTime<Utc>>,
    #[arg(long, value_enum, default_value = "table")]
    pub output: Format,
}

/// A day (midnight UTC) or an RFC 3339 time.
fn parse_since(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc());
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("“{text}” is not a date: use YYYY-MM-DD or 2026-11-26T14:02:00Z"))
}

const HEADER: [&str; 11] = [
    "Time",
    "Action",
    "Outcome",
    "InvitationId",
    "OpportunityId",
    "TaskId",
    "ClientToken",
    "Detail",
    "Identity",
    "Catalog",
    "Endpoint",
];

fn cells(e: &Entry) -> Vec<String> {
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        e.time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        format!("{:?}", e.action),
        match e.outcome {
            Outcome::Succeeded => "Succeeded".into(),
            Outcome::Failed => "Failed".into(),
        },
        text(&e.invitation_id),
        text(&e.opportunity_id),
        text(&e.task_id),
        text(&e.client_token),
        text(&e.detail),
        e.identity.clone(),
        e.catalog.clone(),
        e.endpoint.clone(),
    ]
}

/// Prints the journal `store` holds, of every endpoint, identity and catalog.
pub fn run(store: Option<&Store>, args: &JournalArgs, out: &mut dyn Write) -> CommandResult {
    let store = store.ok_or_else(|| {
        Failure::Usage("there is no data directory (no home directory?), so no journal".into())
    })?;
    let entries = store.journal(args.since)?;
    let rows: Vec<Vec<String>> = entries.iter().map(cells).collect();
    match args.output {
        Format::Json => write_json(out, &entries)?,
        Format::Csv => write_csv(out, &HEADER, &rows)?,
        Format::Table if entries.is_empty() => writeln!(out, "The journal is empty.")?,
        Format::Table => write_table(out, &HEADER, &rows)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_day_or_a_time() {
        assert_eq!(
            parse_since("2026-11-26").unwrap().to_rfc3339(),
            "2026-11-26T00:00:00+00:00"
        );
        assert_eq!(
            parse_since("2026-11-26T14:02:00+01:00")
                .unwrap()
                .to_rfc3339(),
            "2026-11-26T13:02:00+00:00"
        );
        assert!(parse_since("yesterday").unwrap_err().contains("YYYY-MM-DD"));
    }
}
