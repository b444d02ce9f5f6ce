//! What time it is for the screen and the command line: now, and the zone dates are shown in.

use chrono::{DateTime, FixedOffset, Utc};

/// The current time and the zone dates are shown in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub offset: FixedOffset,
}
