//! `pc-inbox opportunities` (every opportunity in the partner's pipeline, as a table, JSON or
//! CSV) and `pc-inbox opportunity show ID`.

use std::io::Write;

use serde_json::{json, Map, Value};

use super::output::{write_csv, write_json, write_table};
use super::show::ShowFormat;
use super::{CommandResult, Format};
use crate::domain::Opportunity;
use crate::service::PartnerCentral;
use crate::wire::Timestamp;

/// Options of `pc-inbox opportunities`.
#[derive(Debug, Clone, clap::Args)]
pub struct OpportunitiesArgs {
    /// `json` prints OpportunitySummary objects (the members pc-inbox reads).
    #[arg(long, value_enum, default_value = "table")]
    pub output: Format,
}

/// `pc-inbox opportunity …`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum OpportunityCommand {
    /// Show one opportunity (GetOpportunity).
    Show {
        /// The opportunity's id (O…).
        id: String,
        /// `json` prints GetOpportunity's member names (those pc-inbox reads).
        #[arg(long, value_enum, default_value = "text")]
        output: ShowFormat,
    },
}

/// The opportunity in GetOpportunity's member names (those the inbox reads; a summary has no
/// project title).
pub fn opportunity_json(o: &Opportunity) -> Value {
    let mut life = Map::new();
    for (name, value) in [
        ("Stage", &o.stage),
        ("ReviewStatus", &o.review_status),
        ("NextSteps", &o.next_steps),
        ("TargetCloseDate", &o.target_close_date),
    ] {
        if let Some(v) = value {
            life.insert(name.into(), v.clone().into());
        }
    }
    let mut json = json!({ "Id": o.id, "LifeCycle": life });
    if let Some(title) = &o.title {
        json["Project"] = json!({ "Title": title });
    }
    if let Some(company) = &o.customer {
        json["Customer"] = json!({ "Account": { "CompanyName": company } });
    }
    if let Some(t) = o.last_modified {
        json["LastModifiedDate"] = json!(Timestamp(t));
    }
    json
}

/// Lists every opportunity, most recently changed first.
pub async fn list(
    service: &dyn PartnerCentral,
    args: &OpportunitiesArgs,
    out: &mut dyn Write,
) -> CommandResult {
    let mut items = Vec::new();
    let mut token = None;
    loop {
        let page = service.list_opportunities(token).await?;
        items.extend(page.items);
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|o| {
            vec![
                o.id.clone(),
                text(&o.customer),
                text(&o.stage),
                text(&o.review_status),
                text(&o.target_close_date),
            ]
        })
        .collect();
    match args.output {
        Format::Json => {
            let values: Vec<Value> = items.iter().map(opportunity_json).collect();
            write_json(out, &values)?;
        }
        Format::Csv => write_csv(
            out,
            &[
                "Id",
                "CompanyName",
                "Stage",
                "ReviewStatus",
                "TargetCloseDate",
            ],
            &rows,
        )?,
        Format::Table => write_table(
            out,
            &["ID", "CUSTOMER", "STAGE", "REVIEW", "CLOSE BY"],
            &rows,
        )?,
    }
    Ok(())
}

/// Runs `pc-inbox opportunity …`.
pub async fn run(
    service: &dyn PartnerCentral,
    command: &OpportunityCommand,
    out: &mut dyn Write,
) -> CommandResult {
    let OpportunityCommand::Show { id, output } = command;
    let o = service.get_opportunity(id).await?;
    match output {
        ShowFormat::Json => write_json(out, &opportunity_json(&o))?,
        ShowFormat::Text => {
            let fields = [
                ("Opportunity", Some(o.id.clone())),
                ("Title", o.title.clone()),
                ("Customer", o.customer.clone()),
                ("Stage", o.stage.clone()),
                ("Review status", o.review_status.clone()),
                ("Next steps", o.next_steps.clone()),
                ("Close by", o.target_close_date.clone()),
                ("Updated", o.last_modified.map(|t| t.to_rfc3339())),
            ];
            for (name, value) in fields {
                if let Some(value) = value {
                    writeln!(out, "{name:<14}{value}")?;
                }
            }
        }
    }
    Ok(())
}
