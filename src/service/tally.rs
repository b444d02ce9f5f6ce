//! Requests counted as they go, by UTC day and class, until the local store takes them: the
//! service's daily quotas (100,000 reads and 10,000 writes per partner account) are counted
//! the same way.

use std::collections::BTreeMap;
use std::sync::Mutex;

use chrono::{NaiveDate, Utc};

use crate::domain::Requests;

/// Requests not yet handed to the store, by day.
#[derive(Debug, Default)]
pub struct RequestTally(Mutex<BTreeMap<NaiveDate, Requests>>);

impl RequestTally {
    /// One more request, today.
    pub fn count(&self, write: bool) {
        let mut days = self.0.lock().expect("tally lock");
        let today = days.entry(Utc::now().date_naive()).or_default();
        if write {
            today.writes += 1;
        } else {
            today.reads += 1;
        }
    }

    /// Everything counted since the last take.
    pub fn take(&self) -> BTreeMap<NaiveDate, Requests> {
        std::mem::take(&mut *self.0.lock().expect("tally lock"))
    }

    /// Gives back what could not be stored, to be stored with the next take.
    pub fn restore(&self, counted: BTreeMap<NaiveDate, Requests>) {
        let mut days = self.0.lock().expect("tally lock");
        for (day, requests) in counted {
            *days.entry(day).or_default() += requests;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_class_and_hands_over_once() {
        let tally = RequestTally::default();
        tally.count(false);
        tally.count(false);
        tally.count(true);
        let taken = tally.take();
        let today = Utc::now().date_naive();
        assert_eq!(
            taken[&today],
            Requests {
                reads: 2,
                writes: 1
            }
        );
        assert!(tally.take().is_empty());
        tally.restore(taken);
        tally.count(false);
        assert_eq!(
            tally.take()[&today],
            Requests {
                reads: 3,
                writes: 1
            }
        );
    }
}
