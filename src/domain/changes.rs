//! What changed between two looks at the pending invitations: which arrived, and which left
//! (because someone accepted or rejected them, or they expired). Watching only the pending set
//! keeps each look to a page or two, however long the history.

use std::collections::HashSet;

use super::{InvitationStatus, InvitationSummary};

/// How an invitation changed since the last look, as `pc-inbox watch` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Change {
    New,
    StatusChanged,
    Expired,
}

impl Change {
    /// The kind of change of an invitation that left the pending set with `status`.
    pub fn of_departure(status: Option<&InvitationStatus>) -> Self {
        match status {
            Some(InvitationStatus::Expired) => Change::Expired,
            _ => Change::StatusChanged,
        }
    }
}

/// What arrived in and left the pending set between `before` and `after`, in `after`'s and
/// `before`'s order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Difference<'a> {
    pub arrived: Vec<&'a InvitationSummary>,
    pub left: Vec<&'a InvitationSummary>,
}

/// Compares two listings of the pending invitations.
pub fn compare<'a>(
    before: &'a [InvitationSummary],
    after: &'a [InvitationSummary],
) -> Difference<'a> {
    let had: HashSet<&str> = before.iter().map(|s| s.id.as_str()).collect();
    let has: HashSet<&str> = after.iter().map(|s| s.id.as_str()).collect();
    Difference {
        arrived: after
            .iter()
            .filter(|s| !had.contains(s.id.as_str()))
            .collect(),
        left: before
            .iter()
            .filter(|s| !has.contains(s.id.as_str()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str) -> InvitationSummary {
        InvitationSummary {
            id: id.into(),
            arn: None,
            catalog: "AWS".into(),
            participant: None,
            status: Some(InvitationStatus::Pending),
            payload_kind: None,
            engagement_id: None,
            engagement_title: None,
            invitation_date: None,
            expiration_date: None,
            sender_account_id: None,
            sender_company: None,
            receiver: None,
        }
    }

    #[test]
    fn arrivals_and_departures_in_order() {
        let before = [row("a"), row("b"), row("c")];
        let after = [row("d"), row("b"), row("e")];
        let d = compare(&before, &after);
        let ids = |v: &[&InvitationSummary]| v.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&d.arrived), ["d", "e"]);
        assert_eq!(ids(&d.left), ["a", "c"]);
        assert_eq!(compare(&after, &after), Difference::default());
    }

    #[test]
    fn a_departure_is_expired_only_when_the_service_says_so() {
        assert_eq!(
            Change::of_departure(Some(&InvitationStatus::Expired)),
            Change::Expired
        );
        assert_eq!(
            Change::of_departure(Some(&InvitationStatus::Rejected)),
            Change::StatusChanged
        );
        assert_eq!(Change::of_departure(None), Change::StatusChanged);
    }
}
