//! `pc-inbox status [--output text|json]`: what this origin (endpoint, catalog, identity) has
//! asked of the service today against the account's daily quotas, when it last looked at the
//! service successfully, and the state of the local store. It sends no request.

use std::io::Write;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::show::ShowFormat;
use super::{CommandResult, Failure};
use crate::domain::{Requests, DAILY_READS, DAILY_WRITES};
use crate::store::{DataDir, DATABASE};

/// Options of `pc-inbox status`.
#[derive(Debug, Clone, clap::Args)]
pub struct StatusArgs {
    /// `json` prints one object: Origin, Day, Reads and Writes ({Used, Quota}), LastLook and
    /// Store ({Path, State, Schema, Bytes}).
    #[arg(long, value_enum, default_value = "text")]
    pub output: ShowFormat,
}

/// What `status` found.
#[derive(Debug, Clone, PartialEq)]
struct Status {
    day: NaiveDate,
    requests: Requests,
    last_look: Option<DateTime<Utc>>,
    schema: Option<usize>,
    /// `None` when the store is fine; else why it cannot be used.
    problem: Option<String>,
    warnings: Vec<String>,
}

/// Reads the counts of `data`'s origin for today, from its store.
fn gather(data: &DataDir, now: DateTime<Utc>) -> Status {
    let day = now.date_naive();
    let mut status = Status {
        day,
        requests: Requests::default(),
        last_look: None,
        schema: None,
        problem: None,
        warnings: Vec::new(),
    };
    let read = data.open().and_then(|opened| {
        status.warnings = opened.warnings;
        let store = opened.store;
        status.schema = Some(store.schema_version()?);
        status.requests = store.requests_on(day)?;
        status.last_look = store.last_look()?;
        Ok(())
    });
    status.problem = read.err().map(|e| e.to_string());
    status
}

/// Prints the status of `data`'s origin; a store that cannot be used is said, and fails.
pub fn run(data: &DataDir, args: &StatusArgs, out: &mut dyn Write) -> CommandResult {
    let status = gather(data, Utc::now());
    for warning in &status.warnings {
        eprintln!("pc-inbox: warning: {warning}");
    }
    let file = data.path().join(DATABASE);
    let bytes = std::fs::metadata(&file).map(|m| m.len()).ok();
    match args.output {
        ShowFormat::Json => {
            let value = to_json(data, &status, bytes);
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&value).expect("json")
            )?;
        }
        ShowFormat::Text => {
            let origin = data.origin();
            let look = status.last_look.map_or("never".to_string(), |at| {
                let ago = (Utc::now() - at).num_minutes();
                format!("{} ({ago} min ago)", at.format("%Y-%m-%d %H:%M:%S UTC"))
            });
            let state = status.problem.as_deref().unwrap_or("ok");
            writeln!(
                out,
                "Origin     {} · catalog {} · {}",
                origin.endpoint, origin.catalog, origin.identity
            )?;
            writeln!(
                out,
                "Today      {} (UTC day {})",
                status.requests.against_quota(),
                status.day
            )?;
            writeln!(out, "Last look  {look}")?;
            writeln!(
                out,
                "Store      {} · {state}{}",
                file.display(),
                status
                    .schema
                    .map(|v| format!(" · schema {v}"))
                    .unwrap_or_default()
            )?;
        }
    }
    match status.problem {
        Some(problem) => Err(Failure::Usage(format!(
            "the local store cannot be used: {problem}"
        ))),
        None => Ok(()),
    }
}

fn to_json(data: &DataDir, status: &Status, bytes: Option<u64>) -> Value {
    let origin = data.origin();
    json!({
        "Origin": {
            "Endpoint": origin.endpoint,
            "Catalog": origin.catalog,
            "Identity": origin.identity,
        },
        "Day": status.day.to_string(),
        "Reads": { "Used": status.requests.reads, "Quota": DAILY_READS },
        "Writes": { "Used": status.requests.writes, "Quota": DAILY_WRITES },
        "LastLook": status
            .last_look
            .map(|at| at.to_rfc3339_opts(SecondsFormat::Secs, true)),
        "Store": {
            "Path": data.path().join(DATABASE),
            "State": status.problem.as_deref().unwrap_or("ok"),
            "Schema": status.schema,
            "Bytes": bytes,
        },
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn reads_todays_counts_and_the_last_look_of_its_origin_only() {
        let dir = tempfile::tempdir().unwrap();
        let now = DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap();
        let data = DataDir::at(dir.path());
        let mut store = data.open().unwrap().store;
        let counted = Requests {
            reads: 42,
            writes: 2,
        };
        store
            .count_requests(&BTreeMap::from([(now.date_naive(), counted)]))
            .unwrap();
        store.looked(now).unwrap();
        let status = gather(&data, now);
        assert_eq!(status.requests, counted);
        assert_eq!(status.last_look, Some(now));
        assert_eq!(status.problem, None);
        assert!(status.schema.is_some());

        let other = data.clone().for_origin(crate::store::Origin {
            identity: "someone else".into(),
            ..crate::store::Origin::default()
        });
        let theirs = gather(&other, now);
        assert_eq!(theirs.requests, Requests::default());
        assert_eq!(theirs.last_look, None);
    }
}
