//! The pipeline summary of the current view: how many invitations are pending, how many of
//! those expire within three days, and what they are worth a month per currency. It is worked
//! out when rows or details arrive, not on every frame.

use chrono::{DateTime, Duration, Utc};

use super::State;
use crate::domain::InvitationStatus;

/// Pending invitations expiring within this are counted as expiring soon.
pub const SOON: Duration = Duration::days(3);

/// The summary line's figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pipeline {
    /// The list revision it was worked out from.
    pub revision: u64,
    /// Rows the view shows, before the search.
    pub rows: usize,
    /// Invitations of the view new since the last visit, and how many are new in all.
    pub new: usize,
    unread: usize,
    pub pending: usize,
    /// Pending ones that expire within [`SOON`].
    pub expiring: usize,
    /// Expected monthly spend of the pending ones, per currency in order of appearance.
    pub spend: Vec<(String, f64)>,
    /// Pending ones whose detail (and so spend) is known.
    pub known: usize,
    /// When it was worked out.
    pub at: Option<DateTime<Utc>>,
}

impl Pipeline {
    /// Works the summary out from every row of the view.
    pub fn of(state: &State) -> Self {
        let now = state.clock.now;
        let mut p = Pipeline {
            revision: state.list.revision(),
            at: Some(now),
            ..Pipeline::default()
        };
        p.unread = state.memory.unread.len();
        p.new = state
            .memory
            .unread_among(state.list.in_view().map(|r| r.id.as_str()));
        for row in state.list.in_view() {
            p.rows += 1;
            if row.status != Some(InvitationStatus::Pending) {
                continue;
            }
            p.pending += 1;
            if row
                .expiration_date
                .is_some_and(|e| e > now && e <= now + SOON)
            {
                p.expiring += 1;
            }
            let Some(detail) = state.details.ready(&row.id) else {
                continue;
            };
            p.known += 1;
            for (currency, amount) in detail.monthly_spend() {
                match p.spend.iter_mut().find(|(c, _)| *c == currency) {
                    Some((_, total)) => *total += amount,
                    None => p.spend.push((currency, amount)),
                }
            }
        }
        p
    }

    /// Whether it needs working out again: the rows or the view changed, or a minute passed
    /// (expiry moves with the clock).
    pub fn stale(&self, state: &State) -> bool {
        self.revision != state.list.revision()
            || self.unread != state.memory.unread.len()
            || self
                .at
                .is_none_or(|at| state.clock.now - at >= Duration::minutes(1))
    }
}
