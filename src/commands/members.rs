//! `pc-inbox members ENGAGEMENT_ID`: the partners in an engagement, as a table, JSON or CSV.

use std::io::Write;

use serde_json::{json, Value};

use super::output::{write_csv, write_json, write_table};
use super::{CommandResult, Format};
use crate::service::PartnerCentral;

/// Options of `pc-inbox members`.
#[derive(Debug, Clone, clap::Args)]
pub struct MembersArgs {
    /// The engagement's id (eng-…) or ARN.
    pub engagement_id: String,
    /// `json` prints EngagementMember objects.
    #[arg(long, value_enum, default_value = "table")]
    pub output: Format,
}

pub async fn run(
    service: &dyn PartnerCentral,
    args: &MembersArgs,
    out: &mut dyn Write,
) -> CommandResult {
    let mut members = Vec::new();
    let mut token = None;
    loop {
        let page = service
            .list_engagement_members(&args.engagement_id, token)
            .await?;
        members.extend(page.items);
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            vec![
                text(&m.account_id),
                text(&m.company_name),
                text(&m.website_url),
            ]
        })
        .collect();
    match args.output {
        Format::Json => {
            let values: Vec<Value> = members
                .iter()
                .map(|m| {
                    json!({
                        "AccountId": m.account_id,
                        "CompanyName": m.company_name,
                        "WebsiteUrl": m.website_url,
                    })
                })
                .collect();
            write_json(out, &values)?;
        }
        Format::Csv => write_csv(out, &["AccountId", "CompanyName", "WebsiteUrl"], &rows)?,
        Format::Table => write_table(out, &["ACCOUNT", "COMPANY", "WEBSITE"], &rows)?,
    }
    Ok(())
}
