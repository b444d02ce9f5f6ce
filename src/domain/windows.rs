//! When to reach someone: an account plan's preferred contact window (morning, afternoon or
//! evening in the sender's time zone) and a lead's best outreach windows (a weekday and hours
//! in UTC), as moments, so that they can be shown in the rep's own time.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// A stretch of time, from `start` to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Stretch {
    /// True when `now` is inside it.
    pub fn holds(&self, now: DateTime<Utc>) -> bool {
        self.start <= now && now < self.end
    }
}

/// The hours a `ContactWindow` stands for, in the sender's time zone: pc-inbox reads MORNING
/// as 09:00–12:00, AFTERNOON as 12:00–17:00 and EVENING as 17:00–20:00 (the model gives no
/// hours).
pub fn contact_hours(window: &str) -> Option<(u32, u32)> {
    match window {
        "MORNING" => Some((9, 12)),
        "AFTERNOON" => Some((12, 17)),
        "EVENING" => Some((17, 20)),
        _ => None,
    }
}

/// Today's `window` in `timezone` (an IANA name), as seen from `now`: today's date in that
/// zone, so daylight saving time is that of the day. `None` for a window or zone not known.
pub fn contact_window(window: &str, timezone: &str, now: DateTime<Utc>) -> Option<Stretch> {
    let (from, to) = contact_hours(window)?;
    let zone: Tz = timezone.parse().ok()?;
    let day = now.with_timezone(&zone).date_naive();
    let at = |hour: u32| {
        zone.from_local_datetime(&day.and_hms_opt(hour, 0, 0)?)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    Some(Stretch {
        start: at(from)?,
        end: at(to)?,
    })
}

/// The next `day` (`MONDAY` … `SUNDAY`) from `start` to `end` (`HH:MM`, UTC) that has not
/// ended by `now`: the one under way, or the next. `None` for a day or time not known.
pub fn outreach_window(day: &str, start: &str, end: &str, now: DateTime<Utc>) -> Option<Stretch> {
    let weekday: Weekday = day.parse().ok()?;
    let start = NaiveTime::parse_from_str(start, "%H:%M").ok()?;
    let end = NaiveTime::parse_from_str(end, "%H:%M").ok()?;
    let ahead = (7 + weekday.num_days_from_monday() as i64
        - now.weekday().num_days_from_monday() as i64)
        % 7;
    let stretch = |days: i64| {
        let date = (now + Duration::days(days)).date_naive();
        let start = date.and_time(start).and_utc();
        let mut end = date.and_time(end).and_utc();
        if end <= start {
            end += Duration::days(1);
        }
        Stretch { start, end }
    };
    let next = stretch(ahead);
    if next.end > now {
        return Some(next);
    }
    Some(stretch(ahead + 7))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_morning_in_chicago_is_the_day_s_nine_to_noon_there_with_its_daylight_saving() {
        let winter = contact_window("MORNING", "America/Chicago", at("2026-12-07T20:00:00Z"));
        assert_eq!(
            winter,
            Some(Stretch {
                start: at("2026-12-07T15:00:00Z"),
                end: at("2026-12-07T18:00:00Z"),
            })
        );
        let summer = contact_window("MORNING", "America/Chicago", at("2026-07-07T20:00:00Z"));
        assert_eq!(summer.unwrap().start, at("2026-07-07T14:00:00Z"));
        let tokyo = contact_window("EVENING", "Asia/Tokyo", at("2026-12-07T20:00:00Z")).unwrap();
        assert_eq!(
            tokyo.start,
            at("2026-12-08T08:00:00Z"),
            "already the 8th in Tokyo"
        );
        assert!(contact_window("NIGHT", "Asia/Tokyo", at("2026-12-07T20:00:00Z")).is_none());
        assert!(contact_window("MORNING", "Mars/Olympus", at("2026-12-07T20:00:00Z")).is_none());
    }

    #[test]
    fn an_outreach_window_is_the_one_under_way_or_the_next() {
        // 2026-12-07 is a Monday.
        let now = at("2026-12-07T15:00:00Z");
        let under_way = outreach_window("MONDAY", "14:00", "16:00", now).unwrap();
        assert_eq!(under_way.start, at("2026-12-07T14:00:00Z"));
        assert!(under_way.holds(now));
        let over = outreach_window("MONDAY", "09:00", "11:00", now).unwrap();
        assert_eq!(over.start, at("2026-12-14T09:00:00Z"), "next week's");
        let thursday = outreach_window("THURSDAY", "16:00", "18:30", now).unwrap();
        assert_eq!(thursday.end, at("2026-12-10T18:30:00Z"));
        assert!(!thursday.holds(now));
        assert!(outreach_window("SOMEDAY", "16:00", "18:30", now).is_none());
        assert!(outreach_window("MONDAY", "25:00", "26:00", now).is_none());
    }
}
