//! Machine-readable output. JSON uses the service's member names and values (ISO-8601 dates),
//! so it reads like the API's own answers; CSV quotes as RFC 4180 says.

use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};

use crate::domain::{
    AcceptTask, EngagementSummary, InvitationDetail, InvitationSummary, Participant, Payload,
    TaskStatus,
};

fn date(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, |t| {
        json!(t.to_rfc3339_opts(SecondsFormat::Millis, true))
    })
}

fn put(obj: &mut Map<String, Value>, key: &str, value: Value) {
    if !value.is_null() {
        obj.insert(key.to_string(), value);
    }
}

/// An invitation summary as the service names its members.
pub fn summary_json(s: &InvitationSummary) -> Value {
    let mut o = Map::new();
    put(&mut o, "Id", json!(s.id));
    put(&mut o, "Arn", json!(s.arn));
    put(&mut o, "Catalog", json!(s.catalog));
    put(
        &mut o,
        "ParticipantType",
        json!(s.participant.map(|p| match p {
            Participant::Received => "RECEIVER",
            Participant::Sent => "SENDER",
        })),
    );
    put(
        &mut o,
        "Status",
        json!(s.status.as_ref().map(|x| x.as_wire())),
    );
    put(
        &mut o,
        "PayloadType",
        json!(s.payload_kind.as_ref().map(|x| x.as_wire())),
    );
    put(&mut o, "EngagementId", json!(s.engagement_id));
    put(&mut o, "EngagementTitle", json!(s.engagement_title));
    put(&mut o, "InvitationDate", date(s.invitation_date));
    put(&mut o, "ExpirationDate", date(s.expiration_date));
    put(&mut o, "SenderAwsAccountId", json!(s.sender_account_id));
    put(&mut o, "SenderCompanyName", json!(s.sender_company));
    if let Some(r) = &s.receiver {
        let mut account = Map::new();
        put(&mut account, "AwsAccountId", json!(r.account_id));
        put(&mut account, "Alias", json!(r.alias));
        o.insert("Receiver".into(), json!({ "Account": account }));
    }
    Value::Object(o)
}

/// A whole invitation, with its payload, as the service names its members.
pub fn detail_json(d: &InvitationDetail) -> Value {
    let Value::Object(mut o) = summary_json(&d.summary) else {
        unreachable!("summaries are objects")
    };
    put(&mut o, "RejectionReason", json!(d.rejection_reason));
    put(&mut o, "InvitationMessage", json!(d.message));
    put(
        &mut o,
        "EngagementDescription",
        json!(d.engagement_description),
    );
    o.insert(
        "ExistingMembers".into(),
        d.existing_members
            .iter()
            .map(|m| json!({"CompanyName": m.company_name, "WebsiteUrl": m.website_url}))
            .collect(),
    );
    let payload = match &d.payload {
        Payload::Opportunity(p) => json!({"OpportunityInvitation": {
            "Customer": {
                "CompanyName": p.customer.company_name,
                "Industry": p.customer.industry,
                "CountryCode": p.customer.country_code,
                "WebsiteUrl": p.customer.website_url,
            },
            "Project": {
                "Title": p.project.title,
                "BusinessProblem": p.project.business_problem,
                "TargetCompletionDate": p.project.target_completion_date,
                "ExpectedCustomerSpend": p.project.expected_spend.iter().map(|s| json!({
                    "Amount": s.amount,
                    "CurrencyCode": s.currency,
                    "Frequency": s.frequency,
                    "TargetCompany": s.target_company,
                    "EstimationUrl": s.estimation_url,
                })).collect::<Vec<_>>(),
            },
            "ReceiverResponsibilities": p.receiver_responsibilities,
            "SenderContacts": p.sender_contacts.iter().map(|c| json!({
                "Email": c.email,
                "FirstName": c.first_name,
                "LastName": c.last_name,
                "BusinessTitle": c.business_title,
                "Phone": c.phone,
            })).collect::<Vec<_>>(),
        }}),
        Payload::Lead(l) => json!({"LeadInvitation": {
            "Customer": {
                "CompanyName": l.customer.company_name,
                "Industry": l.customer.industry,
                "CountryCode": l.customer.country_code,
                "WebsiteUrl": l.customer.website_url,
                "AwsMaturity": l.customer.aws_maturity,
                "MarketSegment": l.customer.market_segment,
            },
            "Interaction": {
                "SourceType": l.interaction.source_type,
                "SourceId": l.interaction.source_id,
                "SourceName": l.interaction.source_name,
                "Usecase": l.interaction.use_case,
                "ContactBusinessTitle": l.interaction.contact_business_title,
            },
        }}),
        Payload::Unknown => Value::Null,
    };
    put(&mut o, "Payload", payload);
    Value::Object(o)
}

/// An accept task as ListEngagementByAcceptingInvitationTasks names its members.
pub fn task_json(t: &AcceptTask) -> Value {
    let status = match &t.status {
        TaskStatus::InProgress => "IN_PROGRESS".to_string(),
        TaskStatus::Complete => "COMPLETE".to_string(),
        TaskStatus::Failed => "FAILED".to_string(),
        TaskStatus::Unknown(s) => s.clone(),
    };
    let mut o = Map::new();
    put(&mut o, "TaskId", json!(t.id));
    put(&mut o, "TaskArn", json!(t.arn));
    put(&mut o, "TaskStatus", json!(status));
    put(&mut o, "StartTime", date(t.start_time));
    put(&mut o, "EngagementInvitationId", json!(t.invitation_id));
    put(&mut o, "OpportunityId", json!(t.opportunity_id));
    put(&mut o, "ReasonCode", json!(t.reason_code));
    put(&mut o, "Message", json!(t.message));
    Value::Object(o)
}

/// An engagement summary as ListEngagements names its members.
pub fn engagement_json(e: &EngagementSummary) -> Value {
    let mut o = Map::new();
    put(&mut o, "Id", json!(e.id));
    put(&mut o, "Arn", json!(e.arn));
    put(&mut o, "Title", json!(e.title));
    put(&mut o, "CreatedAt", date(e.created_at));
    put(&mut o, "CreatedBy", json!(e.created_by));
    put(&mut o, "MemberCount", json!(e.member_count));
    put(&mut o, "ModifiedAt", date(e.modified_at));
    put(&mut o, "ContextTypes", json!(e.context_types));
    Value::Object(o)
}

/// Writes rows as CSV with a header.
pub fn write_csv(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header).map_err(std::io::Error::other)?;
    for row in rows {
        w.write_record(row).map_err(std::io::Error::other)?;
    }
    w.flush()
}

/// Writes rows as a table with columns padded to their widest cell.
pub fn write_table(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let last = cells.len().saturating_sub(1);
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.to_string()
                } else {
                    format!("{c}{}", " ".repeat(widths[i] - c.width()))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["engi-1".into(), "Smith, Jones & Co".into()],
            vec!["engi-2".into(), "The \"best\" deal".into()],
            vec!["engi-3".into(), "two\nlines".into()],
            vec!["engi-4".into(), "plain".into()],
        ];
        write_csv(&mut out, &["Id", "Title"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Id,Title\nengi-1,\"Smith, Jones & Co\"\nengi-2,\"The \"\"best\"\" deal\"\nengi-3,\"two\nlines\"\nengi-4,plain\n"
        );
    }

    #[test]
    fn tables_pad_by_display_width() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["東都".into(), "x".into()],
            vec!["ab".into(), "y".into()],
        ];
        write_table(&mut out, &["Name", "V"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Name  V\n東都  x\nab    y\n"
        );
    }
}
