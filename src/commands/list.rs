//! `pc-inbox list`: invitations, one page, N of them or all, as a table, JSON or CSV.

use std::io::{BufWriter, Write};

use chrono::Utc;

use super::output::{column_widths, Csv, JsonArray, Table};
use super::{CommandResult, Failure, Format};
use crate::domain::{Filters, PayloadChoice};
use crate::domain::{InvitationStatus, InvitationSummary, ListQuery, Participant, SortOrder};
use crate::service::{PartnerCentral, ServiceError};
use crate::store::Store;
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

/// The pages of invitations the arguments ask for, fetched one at a time and cut to `--limit`.
/// The service is paced to its quota where it is made (see [`crate::service::Paced`]).
struct Pages<'a> {
    service: &'a dyn PartnerCentral,
    query: ListQuery,
    /// The NextToken to ask the next page with (`Some(None)` for the first page); `None` once
    /// no page follows.
    next: Option<Option<String>>,
    /// Rows still wanted.
    remaining: usize,
}

impl<'a> Pages<'a> {
    /// Nothing is fetched until [`Pages::next`].
    fn new(service: &'a dyn PartnerCentral, args: &ListArgs, page_size: u32) -> Self {
        let remaining = if args.all {
            usize::MAX
        } else {
            args.limit.unwrap_or(page_size as usize)
        };
        let query = args.query(if args.all {
            100
        } else {
            page_size.min(u32::try_from(remaining).unwrap_or(u32::MAX))
        });
        Pages {
            service,
            query,
            next: Some(None),
            remaining,
        }
    }

    /// The next page, or `None` after the last.
    async fn next(&mut self) -> Result<Option<Vec<InvitationSummary>>, ServiceError> {
        let Some(token) = self.next.take() else {
            return Ok(None);
        };
        let page = self.service.list_invitations(&self.query, token).await?;
        let mut rows = page.items;
        rows.truncate(self.remaining);
        self.remaining -= rows.len();
        self.next = page.next_token.filter(|_| self.remaining > 0).map(Some);
        Ok(Some(rows))
    }

    /// Whether another page follows.
    fn more(&self) -> bool {
        self.next.is_some()
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

/// Prints the invitations page by page as they arrive, flushing after each, so memory stays
/// flat and a pipe sees the first rows early. Nothing is printed if the first page fails. A later
/// failure keeps what was printed and returns the error; JSON is then left without its closing
/// `]`, so a JSON reader refuses the cut-short array.
/// Every page listed is also kept in `store`, when there is one: what the inbox shows at its
/// next start, before the service answers.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &ListArgs,
    page_size: u32,
    mut store: Option<&mut Store>,
    out: &mut dyn Write,
) -> CommandResult {
    if args.limit == Some(0) {
        return Err(Failure::BadInput(
            "--limit must be at least 1 (or use --all for every invitation)".into(),
        ));
    }
    let mut pages = Pages::new(service, args, page_size);
    let first = pages.next().await?.unwrap_or_default();
    keep(&mut store, &first);
    let mut sink = Sink::start(args, BufWriter::new(out), &first, pages.more())?;
    while let Some(rows) = pages.next().await? {
        keep(&mut store, &rows);
        sink.page(&rows)?;
    }
    sink.finish()?;
    Ok(())
}

/// Keeps listed rows in the store; a store that cannot take them is said once and then left
/// out.
fn keep(store: &mut Option<&mut Store>, rows: &[InvitationSummary]) {
    let Some(kept) = store.as_deref_mut() else {
        return;
    };
    if let Err(e) = kept.remember_rows(rows, &[], Utc::now()) {
        eprintln!("pc-inbox: warning: the rows listed could not be kept in the local store: {e}");
        *store = None;
    }
}

/// The table's header.
fn table_header(sent: bool) -> [&'static str; 7] {
    [
        "ID",
        "STATUS",
        "TYPE",
        "INVITED",
        "EXPIRES",
        if sent { "RECEIVER" } else { "SENDER" },
        "ENGAGEMENT",
    ]
}

/// The narrowest the table's columns are when more pages follow the first, so that later rows
/// are rarely cut: an id, the longest status, type and date, and room for a party's name.
const TABLE_MIN_WIDTHS: [usize; 7] = [18, 8, 4, 10, 10, 28, 0];

/// A table row.
fn table_row(r: &InvitationSummary, sent: bool) -> Vec<String> {
    let day = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_default()
    };
    vec![
        r.id.clone(),
        status(r),
        crate::ui::format::kind_short(r.payload_kind.as_ref()).to_string(),
        day(r.invitation_date),
        day(r.expiration_date),
        party(r, sent),
        r.engagement_title.clone().unwrap_or_default(),
    ]
}

/// A CSV record: the members of the JSON output, as they read there.
fn csv_record(r: &InvitationSummary) -> Vec<String> {
    let json = serde_json::to_value(wire::EngagementInvitationSummary::from(r))
        .expect("wire shapes serialize");
    CSV_HEADER.iter().map(|c| csv_cell(&json, c)).collect()
}

type Out<'a> = BufWriter<&'a mut dyn Write>;

/// Where the rows go, in the format asked for.
enum Sink<'a> {
    Json(JsonArray<Out<'a>>),
    Csv(Box<Csv<Out<'a>>>),
    Table { table: Table<Out<'a>>, sent: bool },
}

impl<'a> Sink<'a> {
    /// Writes the header and the first page. The table's columns fit the first page, and are at
    /// least [`TABLE_MIN_WIDTHS`] wide if `more` pages follow.
    fn start(
        args: &ListArgs,
        out: Out<'a>,
        first: &[InvitationSummary],
        more: bool,
    ) -> std::io::Result<Self> {
        let mut sink = match args.output {
            Format::Json => Sink::Json(JsonArray::start(out)?),
            Format::Csv => Sink::Csv(Box::new(Csv::start(out, &CSV_HEADER)?)),
            Format::Table => {
                let header = table_header(args.sent);
                let rows: Vec<_> = first.iter().map(|r| table_row(r, args.sent)).collect();
                let min: &[usize] = if more { &TABLE_MIN_WIDTHS } else { &[] };
                let widths = column_widths(&header, &rows, min);
                Sink::Table {
                    table: Table::start(out, &header, widths)?,
                    sent: args.sent,
                }
            }
        };
        sink.page(first)?;
        Ok(sink)
    }

    /// Writes one page's rows and flushes.
    fn page(&mut self, rows: &[InvitationSummary]) -> std::io::Result<()> {
        match self {
            Sink::Json(array) => {
                for r in rows {
                    array.push(&wire::EngagementInvitationSummary::from(r))?;
                }
                array.flush()
            }
            Sink::Csv(csv) => {
                csv.rows(&rows.iter().map(csv_record).collect::<Vec<_>>())?;
                csv.flush()
            }
            Sink::Table { table, sent } => {
                let cells: Vec<_> = rows.iter().map(|r| table_row(r, *sent)).collect();
                table.rows(&cells)?;
                table.flush()
            }
        }
    }

    /// Ends the output.
    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Json(array) => array.finish(),
            Sink::Csv(mut csv) => csv.flush(),
            Sink::Table { mut table, .. } => table.flush(),
        }
    }
}
