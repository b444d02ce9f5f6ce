//! The sync engine's rules, free of IO, shared by the inbox, `pc-inbox watch` and anything
//! else that follows the received invitations.
//!
//! A *look* lists the received invitations newest first and stops at the first page that holds
//! one it already [`Known`]s: whatever arrived since, however many, is found, and an idle look
//! costs one read. Every [`PENDING_PASS_EVERY`]th look instead lists the whole pending set, so
//! that what someone else accepted or rejected (or what expired) shows within a bounded time.
//! A look that fails is tried again after a [`Backoff`] (1 s, doubling up to the interval), with
//! no key press.

mod backoff;
mod known;
mod look;

pub use backoff::Backoff;
pub use known::Known;
pub use look::{Found, Look, Pass, Step};

use std::time::Duration;

/// Looks between two passes over the whole pending set (the first look of all is one).
pub const PENDING_PASS_EVERY: u32 = 5;

/// When to look next, and which pass the next look makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    interval: Duration,
    /// Looks done since something was known.
    looks: u32,
    /// The look out counts (it is not the baseline).
    counting: bool,
    backoff: Backoff,
}

impl Schedule {
    /// Looks every `interval`.
    pub fn new(interval: Duration) -> Self {
        Schedule {
            interval,
            looks: 0,
            counting: false,
            backoff: Backoff::new(interval),
        }
    }

    /// The time between looks.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// Starts the next look. While nothing is known, the newest page, which later looks start
    /// from; then a pass over the pending set every [`PENDING_PASS_EVERY`] looks (starting with
    /// the first), else the newest. A look that fails is made again.
    pub fn next_look(&mut self, known: &Known) -> Look {
        self.counting = !known.is_empty();
        let pass = match (self.counting, self.looks % PENDING_PASS_EVERY) {
            (true, 0) => Pass::Pending,
            _ => Pass::Newest,
        };
        Look::new(pass, known)
    }

    /// Looks done since something was known.
    pub fn looks(&self) -> u32 {
        self.looks
    }

    /// The look out succeeded: the next comes after the interval. True when looks had been
    /// failing.
    pub fn succeeded(&mut self) -> bool {
        if std::mem::take(&mut self.counting) {
            self.looks = self.looks.wrapping_add(1);
        }
        self.backoff.reset()
    }

    /// A look failed: how long to wait before the next.
    pub fn failed(&mut self) -> Duration {
        self.backoff.failed()
    }

    /// True while looks are failing.
    pub fn failing(&self) -> bool {
        self.backoff.failing()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baseline_first_then_every_fifth_look_passes_over_the_pending_set() {
        let mut schedule = Schedule::new(Duration::from_secs(60));
        let mut known = Known::default();
        assert_eq!(
            schedule.next_look(&known).pass(),
            Pass::Newest,
            "the baseline"
        );
        known.learn(&[crate::domain::InvitationSummary::default()]);
        assert_eq!(schedule.next_look(&known).pass(), Pass::Pending);
        schedule.failed();
        let mut passes = Vec::new();
        for _ in 0..11 {
            passes.push(schedule.next_look(&known).pass());
            schedule.succeeded();
        }
        let pending: Vec<usize> = passes
            .iter()
            .enumerate()
            .filter(|(_, p)| **p == Pass::Pending)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(pending, vec![0, 5, 10], "a failed pass is made again");
    }

    #[test]
    fn failures_back_off_and_a_success_says_it_came_back() {
        let mut schedule = Schedule::new(Duration::from_secs(5));
        assert!(!schedule.succeeded(), "nothing failed");
        assert_eq!(schedule.failed(), Duration::from_secs(1));
        assert_eq!(schedule.failed(), Duration::from_secs(2));
        assert!(schedule.failing());
        assert!(schedule.succeeded(), "back after failures");
        assert!(!schedule.failing());
        assert_eq!(schedule.failed(), Duration::from_secs(1), "starts over");
    }
}
