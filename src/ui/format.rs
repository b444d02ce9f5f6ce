//! Text for dates, money, statuses and names.

use chrono::{DateTime, FixedOffset, Utc};

use crate::domain::{InvitationDetail, InvitationStatus, InvitationSummary, Payload, PayloadKind};

/// "now", "5m ago", "3h ago", "3d ago", "2mo ago".
pub fn ago(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - t).num_seconds();
    match secs {
        s if s < 60 => "now".into(),
        s if s < 3600 => format!("{}m ago", s / 60),
        s if s < 86_400 => format!("{}h ago", s / 3600),
        s if s < 60 * 86_400 => format!("{}d ago", s / 86_400),
        s => format!("{}mo ago", s / (30 * 86_400)),
    }
}

/// "in 5h", "in 2d", or "expired".
pub fn until(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (t - now).num_seconds();
    match secs {
        s if s <= 0 => "expired".into(),
        s if s < 3600 => format!("in {}m", (s / 60).max(1)),
        s if s < 86_400 => format!("in {}h", s / 3600),
        s => format!("in {}d", s / 86_400),
    }
}

/// Minutes and seconds since `start`, e.g. `1:05`.
pub fn elapsed(start: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - start).num_seconds().max(0);
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// A pending invitation that expires within three days.
pub fn expires_soon(row: &InvitationSummary, now: DateTime<Utc>) -> bool {
    row.status == Some(InvitationStatus::Pending)
        && row
            .expiration_date
            .is_some_and(|e| e > now && e - now < chrono::Duration::days(3))
}

/// `14:02` when `t` is on the same day as `now`, else `2026-11-25 14:02`, in `offset`.
pub fn as_of(t: DateTime<Utc>, now: DateTime<Utc>, offset: FixedOffset) -> String {
    let (t, now) = (t.with_timezone(&offset), now.with_timezone(&offset));
    if t.date_naive() == now.date_naive() {
        t.format("%H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// A timestamp in the display time zone, to the minute.
pub fn local(t: DateTime<Utc>, offset: FixedOffset) -> String {
    t.with_timezone(&offset)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The status as a word.
pub fn status(s: Option<&InvitationStatus>) -> &str {
    s.map_or("?", InvitationStatus::as_wire)
}

/// "Opp", "Lead", "Plan" (account planning) or "?" for the list.
pub fn kind_short(k: Option<&PayloadKind>) -> &'static str {
    match k {
        Some(PayloadKind::Opportunity) => "Opp",
        Some(PayloadKind::Lead) => "Lead",
        Some(PayloadKind::AccountPlanning) => "Plan",
        _ => "?",
    }
}

/// Compact monthly spend for the list, e.g. `USD 37.5k` or `USD 12k +1`.
pub fn spend_short(d: &InvitationDetail) -> Option<String> {
    let Payload::Opportunity(o) = &d.payload else {
        return None;
    };
    let totals = o.project.monthly_spend();
    let (currency, total) = totals.first()?;
    let more = if totals.len() > 1 {
        format!(" +{}", totals.len() - 1)
    } else {
        String::new()
    };
    Some(format!("{currency} {}{more}", compact(*total)))
}

/// 950, 12.5k, 3.2M.
pub fn compact(v: f64) -> String {
    let trim = |s: String| s.trim_end_matches(".0").to_string();
    if v >= 1_000_000.0 {
        format!("{}M", trim(format!("{:.1}", v / 1_000_000.0)))
    } else if v >= 1_000.0 {
        format!("{}k", trim(format!("{:.1}", v / 1_000.0)))
    } else {
        format!("{v:.0}")
    }
}

/// `text` broken into lines of at most `width` display columns, at spaces where it can be; a
/// word longer than a line is split.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("never empty");
        let gap = usize::from(!line.is_empty());
        if line.width() + gap + word.width() <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        let mut rest = word;
        if !line.is_empty() {
            lines.push(String::new());
        }
        loop {
            let line = lines.last_mut().expect("never empty");
            let mut end = 0;
            for (i, c) in rest.char_indices() {
                if rest[..i + c.len_utf8()].width() > width {
                    break;
                }
                end = i + c.len_utf8();
            }
            let end = if end == 0 {
                rest.chars().next().map_or(0, char::len_utf8)
            } else {
                end
            };
            line.push_str(&rest[..end]);
            rest = &rest[end..];
            if rest.is_empty() {
                break;
            }
            lines.push(String::new());
        }
    }
    lines
}

/// `text` cut into pieces of `width` display columns, wherever that falls (for links).
pub fn split(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut parts = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            parts.push(String::new());
            used = 0;
        }
        parts.last_mut().expect("never empty").push(c);
        used += w;
    }
    parts
}

/// `12500.5` → `12,500.50`.
pub fn grouped(v: f64) -> String {
    let cents = (v * 100.0).round() as u128;
    let (whole, frac) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{frac:02}")
}

/// A country code with its name, e.g. `Germany (DE)`.
pub fn country(code: &str) -> String {
    match crate::domain::countries::country_name(code) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    #[test]
    fn relative_dates() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        assert_eq!(ago(now - Duration::seconds(5), now), "now");
        assert_eq!(ago(now - Duration::hours(3), now), "3h ago");
        assert_eq!(ago(now - Duration::days(3), now), "3d ago");
        assert_eq!(until(now + Duration::hours(50), now), "in 2d");
        assert_eq!(until(now + Duration::minutes(30), now), "in 30m");
        assert_eq!(until(now - Duration::hours(1), now), "expired");
    }

    #[test]
    fn money() {
        assert_eq!(compact(37_500.0), "37.5k");
        assert_eq!(compact(12_000.0), "12k");
        assert_eq!(compact(950.0), "950");
        assert_eq!(grouped(1_234_567.5), "1,234,567.50");
        assert_eq!(grouped(0.0), "0.00");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_splits_long_words() {
        assert_eq!(
            wrap("Müller & Söhne IT GmbH", 10),
            ["Müller &", "Söhne IT", "GmbH"]
        );
        assert_eq!(
            wrap("https://calculator.aws/#/x", 12),
            ["https://calc", "ulator.aws/#", "/x"]
        );
        assert_eq!(wrap("short", 80), ["short"]);
        assert_eq!(split("[1] https://x", 6), ["[1] ht", "tps://", "x"]);
    }

    #[test]
    fn countries_by_name() {
        assert_eq!(country("JP"), "Japan (JP)");
        assert_eq!(country("ZZ"), "ZZ");
    }
}
