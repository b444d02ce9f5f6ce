//! `pc-inbox doctor [--output text|json]`: whether this setup works, one check a line with its
//! verdict: whom the credentials belong to (STS), the endpoint, region and catalog, whether the
//! service answers and how fast, the store's health, today's requests against the daily
//! quotas, and the payload types the service sent that this build does not know. Every check
//! runs whatever the others found; a FAIL makes the exit status 1.

mod check;
mod checks;

use std::io::Write;

use chrono::Utc;
use serde_json::{Map, Value};

use super::show::ShowFormat;
use super::{CommandResult, Failure};
use crate::service::{CallerIdentity, PartnerCentral, RequestTally};
use crate::store::DataDir;
use check::{Check, Verdict};

/// Options of `pc-inbox doctor`.
#[derive(Debug, Clone, clap::Args)]
pub struct DoctorArgs {
    /// `json` prints one object: Healthy, and Identity, Endpoint, Service, PayloadTypes, Store
    /// and Quotas, each with its Verdict (ok, warn, FAIL, skip), Message and figures.
    #[arg(long, value_enum, default_value = "text")]
    pub output: ShowFormat,
}

/// Where requests go: what the endpoint check reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub endpoint: String,
    pub region: String,
    pub catalog: String,
}

/// What the doctor examines.
pub struct Doctor<'a> {
    /// The paced client every command uses, counting its requests in `tally`.
    pub service: &'a dyn PartnerCentral,
    pub identity: &'a dyn CallerIdentity,
    pub target: Target,
    /// The origin's data directory; `None` when the home directory is not known.
    pub data: Option<&'a DataDir>,
    /// Where `service` counts its requests, which the store then takes.
    pub tally: &'a RequestTally,
}

/// Runs every check and prints them: in text a line each as it is done, in JSON one object at
/// the end. Fails when a check did.
pub async fn run(doctor: &Doctor<'_>, args: &DoctorArgs, out: &mut dyn Write) -> CommandResult {
    let mut report = Report {
        format: args.output,
        out,
        checks: Vec::new(),
    };
    report.add(checks::identity(doctor.identity).await)?;
    report.add(checks::endpoint(&doctor.target))?;
    let service = checks::service(doctor.service).await;
    let answered = service.verdict != Verdict::Fail;
    report.add(service)?;
    report.add(checks::payload_types(doctor.service, answered).await)?;
    let (store, quotas) = checks::store_and_quotas(doctor.data, doctor.tally, Utc::now());
    report.add(store)?;
    report.add(quotas)?;
    report.finish()
}

/// The checks so far, and where they go.
struct Report<'o> {
    format: ShowFormat,
    out: &'o mut dyn Write,
    checks: Vec<Check>,
}

impl Report<'_> {
    /// Takes a check; in text, prints its line at once.
    fn add(&mut self, check: Check) -> CommandResult {
        if self.format == ShowFormat::Text {
            writeln!(self.out, "{}", check.line())?;
            self.out.flush()?;
        }
        self.checks.push(check);
        Ok(())
    }

    /// Prints the JSON object, if that is the format, and names the checks that failed.
    fn finish(self) -> CommandResult {
        let failed: Vec<&str> = self
            .checks
            .iter()
            .filter(|c| c.verdict == Verdict::Fail)
            .map(|c| c.subject.into())
            .collect();
        if self.format == ShowFormat::Json {
            let mut object = Map::new();
            object.insert("Healthy".into(), Value::from(failed.is_empty()));
            for check in &self.checks {
                object.insert(check.subject.to_string(), check.json());
            }
            let text = serde_json::to_string_pretty(&Value::Object(object)).expect("json");
            writeln!(self.out, "{text}")?;
        }
        match failed.as_slice() {
            [] => Ok(()),
            [one] => Err(Failure::Usage(format!("the {one} check failed"))),
            many => Err(Failure::Usage(format!(
                "{} checks failed: {}",
                many.len(),
                many.join(", ")
            ))),
        }
    }
}
