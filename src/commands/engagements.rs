//! `pc-inbox engagements`: every engagement, as a table, JSON or CSV.

use std::io::Write;

use super::output::{write_csv, write_json, write_table};
use super::{CommandResult, Format};
use crate::service::PartnerCentral;
use crate::wire;

/// Options of `pc-inbox engagements`.
#[derive(Debug, Clone, clap::Args)]
pub struct EngagementsArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub output: Format,
}

pub async fn run(
    service: &dyn PartnerCentral,
    args: &EngagementsArgs,
    out: &mut dyn Write,
) -> CommandResult {
    let mut items = Vec::new();
    let mut token = None;
    loop {
        let page = service.list_engagements(token).await?;
        items.extend(page.items);
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                e.title.clone().unwrap_or_default(),
                e.created_by.clone().unwrap_or_default(),
                e.member_count.map(|n| n.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    match args.output {
        Format::Json => {
            let values: Vec<_> = items.iter().map(wire::EngagementSummary::from).collect();
            write_json(out, &values)?;
        }
        Format::Csv => write_csv(out, &["Id", "Title", "CreatedBy", "MemberCount"], &rows)?,
        Format::Table => write_table(out, &["ID", "TITLE", "CREATED BY", "MEMBERS"], &rows)?,
    }
    Ok(())
}
