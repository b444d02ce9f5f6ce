//! Named views of the inbox: which invitations a view shows and in what order. The service
//! lists a whole side (received or sent); a view's filters and sort are worked out locally,
//! over the rows the local store and the listing hold, so switching between views of one side
//! costs no request, and sorts the service cannot do (expiry, sender, customer, spend) work.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use super::{InvitationStatus, InvitationSummary, Participant, PayloadChoice, PayloadKind};

/// Who sent the invitations a view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// AWS itself (the sender company is AWS).
    Aws,
    /// Other partners.
    Partners,
}

/// A view's order. Its serde form is the config file's `sort` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ViewSort {
    /// By invitation date, newest first.
    #[default]
    Newest,
    /// By invitation date, oldest first.
    Oldest,
    /// By expiry date, soonest first.
    Expires,
    /// By sender company, A to Z.
    Sender,
    /// By the customer's company (known once the detail was seen), A to Z.
    Customer,
    /// By expected monthly spend (known once the detail was seen), largest first.
    Spend,
}

impl ViewSort {
    /// Every order, in the order `s` steps through them.
    pub const ALL: [ViewSort; 6] = [
        ViewSort::Newest,
        ViewSort::Oldest,
        ViewSort::Expires,
        ViewSort::Sender,
        ViewSort::Customer,
        ViewSort::Spend,
    ];

    /// How the status line names it, e.g. `newest first`.
    pub fn describe(self) -> &'static str {
        match self {
            ViewSort::Newest => "newest first",
            ViewSort::Oldest => "oldest first",
            ViewSort::Expires => "expiring first",
            ViewSort::Sender => "by sender",
            ViewSort::Customer => "by customer",
            ViewSort::Spend => "largest spend first",
        }
    }

    /// The next order in [`ViewSort::ALL`], wrapping around.
    pub fn next(self) -> ViewSort {
        let i = ViewSort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        ViewSort::ALL[(i + 1) % ViewSort::ALL.len()]
    }

    /// Whether the order needs what only an invitation's detail tells.
    pub fn needs_detail(self) -> bool {
        matches!(self, ViewSort::Customer | ViewSort::Spend)
    }
}

/// A named view: a side, filters and an order. Empty filter lists mean "all".
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub name: String,
    pub side: Participant,
    pub statuses: Vec<InvitationStatus>,
    pub payloads: Vec<PayloadKind>,
    pub from: Option<Origin>,
    /// Only invitations that have not expired and expire within this many days.
    pub expires_within_days: Option<u32>,
    pub sort: ViewSort,
}

impl View {
    /// A view of every invitation on one side, newest first.
    pub fn all(name: &str, side: Participant) -> View {
        View {
            name: name.into(),
            side,
            statuses: Vec::new(),
            payloads: Vec::new(),
            from: None,
            expires_within_days: None,
            sort: ViewSort::Newest,
        }
    }

    /// The views the inbox has unless the config file names its own: Pending, Expiring soon,
    /// From AWS, From partners, Leads, Sent, All.
    pub fn defaults() -> Vec<View> {
        let received = |name: &str| View::all(name, Participant::Received);
        let pending = vec![InvitationStatus::Pending];
        vec![
            View {
                statuses: pending.clone(),
                ..received("Pending")
            },
            View {
                statuses: pending.clone(),
                expires_within_days: Some(3),
                sort: ViewSort::Expires,
                ..received("Expiring soon")
            },
            View {
                statuses: pending.clone(),
                from: Some(Origin::Aws),
                ..received("From AWS")
            },
            View {
                statuses: pending.clone(),
                from: Some(Origin::Partners),
                ..received("From partners")
            },
            View {
                statuses: pending,
                payloads: vec![PayloadKind::Lead],
                ..received("Leads")
            },
            View::all("Sent", Participant::Sent),
            received("All"),
        ]
    }

    /// Whether the view shows an invitation of its side at `now`.
    pub fn admits(&self, row: &InvitationSummary, now: DateTime<Utc>) -> bool {
        any_of(&self.statuses, row.status.as_ref())
            && any_of(&self.payloads, row.payload_kind.as_ref())
            && self
                .from
                .is_none_or(|from| row.from_aws() == (from == Origin::Aws))
            && self.expires_within_days.is_none_or(|days| {
                row.expiration_date
                    .is_some_and(|e| e > now && e <= now + Duration::days(days.into()))
            })
    }

    /// The filters in a few words, e.g. `pending · leads · expiring within 3 days`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.statuses.is_empty() {
            parts.push("all statuses".to_string());
        } else {
            let names: Vec<String> = self
                .statuses
                .iter()
                .map(|s| s.as_wire().to_lowercase())
                .collect();
            parts.push(names.join("+"));
        }
        for payload in &self.payloads {
            parts.push(
                match PayloadChoice::of(std::slice::from_ref(payload)).plural() {
                    Some(plural) => plural.to_string(),
                    None => payload.as_wire().to_lowercase(),
                },
            );
        }
        match self.from {
            Some(Origin::Aws) => parts.push("from AWS".into()),
            Some(Origin::Partners) => parts.push("from partners".into()),
            None => {}
        }
        if let Some(days) = self.expires_within_days {
            let unit = if days == 1 { "day" } else { "days" };
            parts.push(format!("expiring within {days} {unit}"));
        }
        parts.push(self.sort.describe().into());
        parts.join(" · ")
    }
}

/// Whether a filter list lets a value through: an empty list lets everything through.
/// True when nothing is wanted, or the value is one of what is.
pub(super) fn any_of<T: PartialEq>(wanted: &[T], value: Option<&T>) -> bool {
    wanted.is_empty() || value.is_some_and(|v| wanted.contains(v))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn row(
        status: &str,
        kind: PayloadKind,
        sender: &str,
        expires_in_hours: i64,
    ) -> InvitationSummary {
        let now = now();
        InvitationSummary {
            id: "engi-1".into(),
            arn: None,
            catalog: "AWS".into(),
            participant: Some(Participant::Received),
            status: Some(InvitationStatus::from_wire(status)),
            payload_kind: Some(kind),
            engagement_id: None,
            engagement_title: None,
            invitation_date: Some(now - Duration::days(1)),
            expiration_date: Some(now + Duration::hours(expires_in_hours)),
            sender_account_id: None,
            sender_company: Some(sender.into()),
            receiver: None,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
    }

    fn view(name: &str) -> View {
        View::defaults()
            .into_iter()
            .find(|v| v.name == name)
            .unwrap()
    }

    #[test]
    fn the_default_views_admit_what_their_names_say() {
        let aws_lead = row("PENDING", PayloadKind::Lead, "Amazon Web Services", 24);
        let partner_opportunity = row("PENDING", PayloadKind::Opportunity, "Globex", 24 * 10);
        let accepted = row("ACCEPTED", PayloadKind::Opportunity, "AWS", 24);
        let expired_pending = row("PENDING", PayloadKind::Opportunity, "AWS", -1);
        let cases = [
            ("Pending", [true, true, false, true]),
            ("Expiring soon", [true, false, false, false]),
            ("From AWS", [true, false, false, true]),
            ("From partners", [false, true, false, false]),
            ("Leads", [true, false, false, false]),
            ("All", [true, true, true, true]),
        ];
        for (name, wanted) in cases {
            let v = view(name);
            let got = [&aws_lead, &partner_opportunity, &accepted, &expired_pending]
                .map(|r| v.admits(r, now()));
            assert_eq!(got, wanted, "{name}");
        }
        assert_eq!(view("Sent").side, Participant::Sent);
        assert_eq!(view("Expiring soon").sort, ViewSort::Expires);
    }

    #[test]
    fn the_expiry_window_ends_at_exactly_that_many_days() {
        let v = view("Expiring soon");
        assert!(v.admits(&row("PENDING", PayloadKind::Lead, "AWS", 72), now()));
        let mut later = row("PENDING", PayloadKind::Lead, "AWS", 72);
        later.expiration_date = later.expiration_date.map(|e| e + Duration::seconds(1));
        assert!(!v.admits(&later, now()));
        let mut undated = later.clone();
        undated.expiration_date = None;
        assert!(!v.admits(&undated, now()));
    }

    #[test]
    fn sorts_step_through_every_order_and_come_back() {
        let mut sort = ViewSort::Newest;
        let mut seen = Vec::new();
        for _ in 0..ViewSort::ALL.len() {
            seen.push(sort);
            sort = sort.next();
        }
        assert_eq!(seen, ViewSort::ALL);
        assert_eq!(sort, ViewSort::Newest);
        assert_eq!(
            view("Expiring soon").describe(),
            "pending · expiring within 3 days · expiring first"
        );
        assert_eq!(view("Leads").describe(), "pending · leads · newest first");
    }
}
