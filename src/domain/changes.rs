//! How an invitation changed between two looks, as `pc-inbox watch` names it (the looks
//! themselves follow [`crate::sync`]).

use super::InvitationStatus;

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

#[cfg(test)]
mod tests {
    use super::*;

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
