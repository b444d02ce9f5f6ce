//! `pc-inbox list`: invitations, one page, N of them or all, as a table, JSON or CSV.

use std::io::Write;

use super::output::{write_csv, write_json, write_table};
use super::{CommandResult, Failure, Format};
use crate::app::{Filters, PayloadChoice};
use crate::domain::{InvitationStatus, InvitationSummary, ListQuery, Participant, SortOrder};
use crate::service::PartnerCentral;
use crate::wire;

/// Options of `pc-inbox list`.
#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// Invitations you sent, instead of those you received.
    #[arg(long)]
    pub sent: bool,
    /// Only invitations with this status (repeat for several).
    #[arg(long, value_enum)]
    pub status: Vec<InvitationStatus>,
    /// Only this payload type.
    #[arg(long, value_enum)]
    pub payload: Option<PayloadChoice>,
    /// Oldest invitations first.
    #[arg(long)]
    pub oldest_first: bool,
    /// At most N invitations, N ≥ 1 (default: one page).
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub limit: Option<usize>,
    /// Every invitation, page after page.
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub output: Format,
}

impl ListArgs {
    fn query(&self, page_size: u32) -> ListQuery {
        let filters = Filters {
            statuses: self.status.clone(),
            payload: self.payload.unwrap_or_default(),
            sort: if self.oldest_first {
                SortOrder::OldestFirst
            } else {
                SortOrder::NewestFirst
            },
        };
        let view = if self.sent {
            Participant::Sent
        } else {
            Participant::Received
        };
        filters.query(view, page_size.clamp(1, 100))
    }
}

/// Fetches the invitations the arguments ask for.
pub async fn fetch(
    service: &dyn PartnerCentral,
    args: &ListArgs,
    page_size: u32,
) -> Result<Vec<InvitationSummary>, crate::service::ServiceError> {
    let limit = if args.all {
        usize::MAX
    } else {
        args.limit.unwrap_or(page_size as usize)
    };
    let query = args.query(if args.all {
        100
    } else {
        page_size.min(limit.max(1) as u32)
    });
    let mut rows = Vec::new();
    let mut token = None;
    loop {
        let page = service.list_invitations(&query, token).await?;
        rows.extend(page.items);
        token = page.next_token;
        if token.is_none() || rows.len() >= limit {
            rows.truncate(limit);
            return Ok(rows);
        }
    }
}

/// The service's status value, or nothing.
fn status(r: &InvitationSummary) -> String {
    r.status
        .as_ref()
        .map(|s| s.as_wire().to_string())
        .unwrap_or_default()
}

/// The CSV columns: members of the service's `EngagementInvitationSummary`, the receiver's
/// (`Receiver.Account`) last.
const CSV_HEADER: [&str; 11] = [
    "Id",
    "Status",
    "PayloadType",
    "EngagementId",
    "EngagementTitle",
    "SenderAwsAccountId",
    "SenderCompanyName",
    "InvitationDate",
    "ExpirationDate",
    "ReceiverAwsAccountId",
    "ReceiverAlias",
];

/// Where a CSV column's value is in the JSON of a summary.
fn csv_cell(json: &serde_json::Value, column: &str) -> String {
    let value = match column {
        "ReceiverAwsAccountId" => &json["Receiver"]["Account"]["AwsAccountId"],
        "ReceiverAlias" => &json["Receiver"]["Account"]["Alias"],
        member => &json[member],
    };
    value.as_str().unwrap_or_default().to_string()
}

/// The other party of a row: who sent it, or (for sent invitations) who it went to.
fn party(r: &InvitationSummary, sent: bool) -> String {
    if !sent {
        return r.sender_company.clone().unwrap_or_default();
    }
    match &r.receiver {
        Some(receiver) => match &receiver.alias {
            Some(alias) => format!("{alias} ({})", receiver.account_id),
            None => receiver.account_id.clone(),
        },
        None => String::new(),
    }
}

pub async fn run(
    service: &dyn PartnerCentral,
    args: &ListArgs,
    page_size: u32,
    out: &mut dyn Write,
) -> CommandResult {
    if args.limit == Some(0) {
        return Err(Failure::BadInput(
            "--limit must be at least 1 (or use --all for every invitation)".into(),
        ));
    }
    let rows = fetch(service, args, page_size).await?;
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let shapes: Vec<_> = rows
        .iter()
        .map(wire::EngagementInvitationSummary::from)
        .collect();
    match args.output {
        Format::Json => write_json(out, &shapes)?,
        Format::Csv => {
            // The members of the JSON output, as they read there.
            let cells: Vec<Vec<String>> = shapes
                .iter()
                .map(|shape| {
                    let json = serde_json::to_value(shape).expect("wire shapes serialize");
                    CSV_HEADER.iter().map(|c| csv_cell(&json, c)).collect()
                })
                .collect();
            write_csv(out, &CSV_HEADER, &cells)?;
        }
        Format::Table => {
            let day = |t: Option<chrono::DateTime<chrono::Utc>>| {
                t.map(|t| {
                    t.with_timezone(&chrono::Local)
                        .format("%Y-%m-%d")
                        .to_string()
                })
                .unwrap_or_default()
            };
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        status(r),
                        crate::ui::format::kind_short(r.payload_kind.as_ref()).to_string(),
                        day(r.invitation_date),
                        day(r.expiration_date),
                        party(r, args.sent),
                        text(&r.engagement_title),
                    ]
                })
                .collect();
            write_table(
                out,
                &[
                    "ID",
                    "STATUS",
                    "TYPE",
                    "INVITED",
                    "EXPIRES",
                    if args.sent { "RECEIVER" } else { "SENDER" },
                    "ENGAGEMENT",
                ],
                &cells,
            )?;
        }
    }
    Ok(())
}
