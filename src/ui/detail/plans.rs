//! The newest payloads in the detail pane: an account plan (its customer, account, sender
//! contacts and preferred contact window in the rep's own time), a lead's recommended channel
//! and outreach windows, and any payload this build does not know, field by field as sent.

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::text::Line;
use serde_json::Value;

use super::{format, Doc};
use crate::domain::windows::{contact_window, outreach_window, Stretch};
use crate::domain::{AccountPlanningPayload, ChannelRecommendation, PreferredContact};

/// A stretch in the rep's time, e.g. `Tue 16:00–19:00 your time`, with `· now` while it holds.
fn yours(stretch: Stretch, offset: FixedOffset, now: DateTime<Utc>) -> String {
    let start = stretch.start.with_timezone(&offset);
    let end = stretch.end.with_timezone(&offset);
    let open = if stretch.holds(now) { " · now" } else { "" };
    format!(
        "{} {}–{} your time{open}",
        start.format("%a"),
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// Words for a service value in capitals, e.g. `MORNING` → `Morning`.
fn word(value: &str) -> String {
    let lower = value.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// An account plan: whom it is about, who sends it, and when they would like a call.
pub(super) fn account_plan(
    doc: &mut Doc<'_>,
    a: &AccountPlanningPayload,
    (offset, now): (FixedOffset, DateTime<Utc>),
) {
    doc.heading("Customer");
    if let Some(c) = &a.customer {
        doc.field("Company", c.company_name.clone());
        doc.opt("Industry", c.industry.as_deref());
        if let Some(code) = &c.country_code {
            doc.field("Country", format::country(code));
        }
        doc.opt("Website", c.website_url.as_deref());
    }
    doc.opt("Account", a.account_identifier.as_deref());
    if let Some(preferred) = &a.preferred_contact {
        preferred_window(doc, preferred, (offset, now));
    }
    super::contacts(doc, &a.sender_contacts);
}

/// When the sender would like a call: their window in their zone, then in the rep's time.
fn preferred_window(
    doc: &mut Doc<'_>,
    preferred: &PreferredContact,
    (offset, now): (FixedOffset, DateTime<Utc>),
) {
    let window = preferred.window.as_deref().unwrap_or_default();
    let zone = preferred.timezone.as_deref().unwrap_or("UTC");
    let theirs = match crate::domain::windows::contact_hours(window) {
        Some((from, to)) => format!("{} ({from:02}:00–{to:02}:00 {zone})", word(window)),
        None => format!("{} ({zone})", word(window)),
    };
    doc.field("Preferred window", theirs);
    if let Some(stretch) = contact_window(window, zone, now) {
        doc.field("", yours(stretch, offset, now));
    }
}

/// A lead's recommended channel and best outreach windows, each in the rep's time.
pub(super) fn channel(
    doc: &mut Doc<'_>,
    c: &ChannelRecommendation,
    (offset, now): (FixedOffset, DateTime<Utc>),
) {
    doc.field("Reach by", word(&c.recommended_channel));
    for (i, w) in c.best_outreach_windows.iter().enumerate() {
        let label = if i == 0 { "Best outreach" } else { "" };
        let utc = format!(
            "{} {}–{} UTC",
            word(&w.day),
            w.start_time_utc,
            w.end_time_utc
        );
        let value = match outreach_window(&w.day, &w.start_time_utc, &w.end_time_utc, now) {
            Some(stretch) => format!("{utc} = {}", yours(stretch, offset, now)),
            None => utc,
        };
        doc.field(label, value);
    }
}

/// A payload this build does not know, as the service sent it: each field under its name,
/// nested objects indented.
pub(super) fn raw(doc: &mut Doc<'_>, kind: &str, json: &Value) {
    doc.heading(kind);
    fields(doc, json, 0);
}

fn fields(doc: &mut Doc<'_>, json: &Value, depth: usize) {
    let Value::Object(members) = json else {
        doc.field("", scalar(json));
        return;
    };
    for (name, value) in members {
        let label = format!("{}{name}", "  ".repeat(depth));
        match value {
            Value::Object(_) => {
                doc.lines.push(Line::styled(label, doc.theme.muted));
                fields(doc, value, depth + 1);
            }
            Value::Array(items) if items.iter().any(Value::is_object) => {
                for item in items {
                    doc.lines
                        .push(Line::styled(format!("{label} •"), doc.theme.muted));
                    fields(doc, item, depth + 1);
                }
            }
            _ => doc.field(&label, scalar(value)),
        }
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
