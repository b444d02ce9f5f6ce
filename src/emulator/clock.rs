//! The emulator's "now". It moves with tokio's clock: in production that is the real clock, and
//! in a test on paused time (`#[tokio::test(start_paused = true)]`) accept tasks finish,
//! invitations expire and quotas refill as the test's sleeps and the SDK's back-offs advance
//! time, without waiting for it.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::time::Instant;

/// Where the emulator reads the time. Clones share one clock, so a test can keep a handle to
/// the clock it gave an emulator and [`advance`](Clock::advance) it.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// The UTC time to start at; the real time of the first reading when `None`.
    start_at: Option<DateTime<Utc>>,
    /// The UTC time and tokio instant of the first reading.
    anchor: OnceLock<(DateTime<Utc>, Instant)>,
    /// How far [`Clock::advance`] has moved this clock ahead of tokio's.
    ahead: Mutex<Duration>,
}

impl Clock {
    /// A clock that reads the real UTC time once, on its first reading, and from then on moves
    /// with tokio's clock. This is the default.
    pub fn new() -> Self {
        Clock::default()
    }

    /// A clock whose first reading is `start`, for tests that want fixed dates.
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Clock {
            inner: Arc::new(Inner {
                start_at: Some(start),
                ..Inner::default()
            }),
        }
    }

    fn anchor(&self) -> (DateTime<Utc>, Instant) {
        *self
            .inner
            .anchor
            .get_or_init(|| (self.inner.start_at.unwrap_or_else(Utc::now), Instant::now()))
    }

    fn ahead(&self) -> Duration {
        *self.inner.ahead.lock().expect("clock lock")
    }

    /// The time now, in UTC.
    pub fn now(&self) -> DateTime<Utc> {
        let (utc, at) = self.anchor();
        let elapsed = Instant::now().saturating_duration_since(at) + self.ahead();
        utc + chrono::Duration::from_std(elapsed)
            .expect("the emulator runs for less than 292 years")
    }

    /// The monotonic time now, for measuring intervals such as quota refills.
    pub fn instant(&self) -> Instant {
        self.anchor();
        Instant::now() + self.ahead()
    }

    /// Moves this clock (and every clone of it) `by` ahead at once, without moving tokio's
    /// clock: for jumping over days, such as an invitation's expiry.
    pub fn advance(&self, by: Duration) {
        *self.inner.ahead.lock().expect("clock lock") += by;
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn follows_paused_tokio_time_and_jumps_when_advanced() {
        let start = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let clock = Clock::starting_at(start);
        assert_eq!(clock.now(), start);
        let t0 = clock.instant();
        tokio::time::sleep(Duration::from_secs(90)).await;
        assert_eq!(clock.now(), start + chrono::Duration::seconds(90));
        clock.clone().advance(Duration::from_secs(3600));
        assert_eq!(clock.now(), start + chrono::Duration::seconds(3690));
        assert_eq!(clock.instant() - t0, Duration::from_secs(3690));
    }
}
