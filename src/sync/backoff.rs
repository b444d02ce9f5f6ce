//! Waits between failed attempts: 1 s, doubling, never more than a ceiling.

use std::time::Duration;

/// The first wait after a failure.
const FIRST: Duration = Duration::from_secs(1);

/// The wait before the next attempt after failures.
#[derive(Debug, Clone, PartialEq)]
pub struct Backoff {
    ceiling: Duration,
    failures: u32,
}

impl Backoff {
    /// Waits that never exceed `ceiling` (nor go under a second's start unless the ceiling is
    /// lower).
    pub fn new(ceiling: Duration) -> Self {
        Backoff {
            ceiling,
            failures: 0,
        }
    }

    /// One more failure: how long to wait before trying again.
    pub fn failed(&mut self) -> Duration {
        let wait = FIRST
            .checked_mul(1 << self.failures.min(20))
            .unwrap_or(self.ceiling)
            .min(self.ceiling);
        self.failures = self.failures.saturating_add(1);
        wait
    }

    /// A success: the next failure waits a second again. True when there had been failures.
    pub fn reset(&mut self) -> bool {
        std::mem::take(&mut self.failures) > 0
    }

    /// True after a failure until the next success.
    pub fn failing(&self) -> bool {
        self.failures > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_from_a_second_up_to_the_ceiling() {
        let mut backoff = Backoff::new(Duration::from_secs(24));
        let waits: Vec<u64> = (0..7).map(|_| backoff.failed().as_secs()).collect();
        assert_eq!(waits, vec![1, 2, 4, 8, 16, 24, 24]);
        for _ in 0..100 {
            assert!(backoff.failed() <= Duration::from_secs(24), "no overflow");
        }
    }
}
