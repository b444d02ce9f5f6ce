//! What the local store remembers of a view: its rows as last seen, and since when.

use chrono::{DateTime, Utc};

use super::InvitationSummary;

/// One cached row of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedRow {
    pub summary: InvitationSummary,
    /// The customer's company, once a detail was seen.
    pub customer: Option<String>,
    /// The largest expected monthly spend, once a detail was seen.
    pub spend: Option<f64>,
    /// Arrived after an earlier visit and not selected since.
    pub unread: bool,
}

/// What the store holds for one view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CachedView {
    /// The rows matching the view's query, in its order.
    pub rows: Vec<CachedRow>,
    /// When the newest of them was fetched.
    pub as_of: Option<DateTime<Utc>>,
    /// Whether anything was ever cached for this origin: arrivals count as new only then.
    pub visited: bool,
}
