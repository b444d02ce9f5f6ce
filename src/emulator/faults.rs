//! Fault injection: a delay per request, 500 and 503 answers, throttles and connections closed
//! without an answer, every one drawn from a single RNG seeded with [`Faults::seed`], so the
//! same requests in the same order meet the same faults.
//!
//! A request meets at most one fault. Faults apply to requests that passed authentication and
//! name an operation of the service, before the quotas are consulted. A reset happens, with
//! equal chance, either before the operation runs (nothing happened) or after it ran (a write
//! was applied and its answer is lost), so that clients must replay writes safely.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// A delay before each answer: fixed (`min == max`) or uniformly random in `[min, max]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Latency {
    pub min: Duration,
    pub max: Duration,
}

impl FromStr for Latency {
    type Err = String;

    /// `N` or `N-M`, in milliseconds, with `N ≤ M`.
    fn from_str(s: &str) -> Result<Self, String> {
        let ms = |part: &str| {
            part.trim().parse::<u64>().map_err(|_| {
                format!("'{s}' is not a latency: use N or N-M, in whole milliseconds (e.g. 50-300)")
            })
        };
        let (min, max) = match s.split_once('-') {
            Some((min, max)) => (ms(min)?, ms(max)?),
            None => (ms(s)?, ms(s)?),
        };
        if min > max {
            return Err(format!(
                "latency {min}-{max}: the lower bound is above the upper bound"
            ));
        }
        Ok(Latency {
            min: Duration::from_millis(min),
            max: Duration::from_millis(max),
        })
    }
}

/// A rate for `--fail-rate` and friends: a fraction of requests in `[0, 1]`.
pub fn parse_rate(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!(
            "'{s}' is not a rate: give a fraction of requests from 0 to 1 (e.g. 0.2)"
        )),
    }
}

/// Which faults an emulator injects, and how often. Rates are fractions of requests; a
/// request draws one number, so the three together may not exceed 1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    pub latency: Option<Latency>,
    /// Answer 500 InternalServerException or 503 ServiceUnavailableException (half each).
    pub fail_rate: f64,
    /// Answer 400 ThrottlingException, as the quotas do.
    pub throttle_rate: f64,
    /// Close the connection without answering.
    pub reset_rate: f64,
    /// The 1st, (N+1)th, (2N+1)th… write request answers 500 InternalServerException.
    pub fail_every_write: Option<u32>,
    /// Seeds the RNG every random choice comes from.
    pub seed: u64,
}

impl Faults {
    /// Checks the rates: each in `[0, 1]`, together at most 1.
    pub fn validate(&self) -> Result<(), String> {
        let rates = [
            ("fail", self.fail_rate),
            ("throttle", self.throttle_rate),
            ("reset", self.reset_rate),
        ];
        if let Some((name, p)) = rates.iter().find(|(_, p)| !(0.0..=1.0).contains(p)) {
            return Err(format!("the {name} rate {p} is not between 0 and 1"));
        }
        let sum: f64 = rates.iter().map(|(_, p)| p).sum();
        if sum > 1.0 {
            return Err(format!(
                "the fail, throttle and reset rates add up to {sum}, more than 1 (every request)"
            ));
        }
        Ok(())
    }
}

/// One fault a request meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 500 InternalServerException.
    Internal,
    /// 503 ServiceUnavailableException.
    Unavailable,
    /// 400 ThrottlingException.
    Throttle,
    /// The connection is closed before the operation runs.
    ResetBefore,
    /// The operation runs, then the connection is closed without its answer.
    ResetAfter,
    /// A write refused by [`Faults::fail_every_write`].
    EveryWrite,
}

/// How many faults of each kind an emulator has injected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FaultCounts {
    pub internal: u64,
    pub unavailable: u64,
    pub throttled: u64,
    pub reset_before: u64,
    pub reset_after: u64,
    pub every_write: u64,
}

impl FaultCounts {
    /// All faults of every kind.
    pub fn total(&self) -> u64 {
        self.internal
            + self.unavailable
            + self.throttled
            + self.reset_before
            + self.reset_after
            + self.every_write
    }

    fn add(&mut self, fault: Fault) {
        let count = match fault {
            Fault::Internal => &mut self.internal,
            Fault::Unavailable => &mut self.unavailable,
            Fault::Throttle => &mut self.throttled,
            Fault::ResetBefore => &mut self.reset_before,
            Fault::ResetAfter => &mut self.reset_after,
            Fault::EveryWrite => &mut self.every_write,
        };
        *count += 1;
    }
}

impl fmt::Display for FaultCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} faults injected: {} × 500, {} × 503, {} throttled, {} reset before and {} after \
             the operation, {} by --fail-every-write",
            self.total(),
            self.internal,
            self.unavailable,
            self.throttled,
            self.reset_before,
            self.reset_after,
            self.every_write
        )
    }
}

/// What happens to one request: its delay, and the fault it meets if it gets that far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub delay: Duration,
    pub fault: Option<Fault>,
}

impl Plan {
    /// No delay, no fault.
    pub const NONE: Plan = Plan {
        delay: Duration::ZERO,
        fault: None,
    };
}

/// Draws plans from the seeded RNG and counts the faults injected.
pub struct Injector {
    faults: Faults,
    rng: Mutex<StdRng>,
    counts: Mutex<FaultCounts>,
    writes: AtomicU32,
    /// An outage: every request's connection is closed without an answer.
    down: AtomicBool,
}

impl Injector {
    pub fn new(faults: Faults) -> Self {
        Injector {
            rng: Mutex::new(StdRng::seed_from_u64(faults.seed)),
            faults,
            counts: Mutex::default(),
            writes: AtomicU32::new(0),
            down: AtomicBool::new(false),
        }
    }

    /// Starts (`true`) or ends an outage.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    /// The next request's plan. Every request draws the same three numbers, so the sequence
    /// of plans depends only on the seed and the options.
    pub fn plan(&self) -> Plan {
        let (delay, roll, coin) = {
            let mut rng = self.rng.lock().expect("fault rng lock");
            (
                rng.random::<f64>(),
                rng.random::<f64>(),
                rng.random::<bool>(),
            )
        };
        let delay = self
            .faults
            .latency
            .map_or(Duration::ZERO, |l| l.min + (l.max - l.min).mul_f64(delay));
        let f = &self.faults;
        let fault = if self.down.load(Ordering::SeqCst) {
            Some(Fault::ResetBefore)
        } else if roll < f.reset_rate {
            Some(if coin {
                Fault::ResetAfter
            } else {
                Fault::ResetBefore
            })
        } else if roll < f.reset_rate + f.fail_rate {
            Some(if coin {
                Fault::Unavailable
            } else {
                Fault::Internal
            })
        } else if roll < f.reset_rate + f.fail_rate + f.throttle_rate {
            Some(Fault::Throttle)
        } else {
            None
        };
        Plan { delay, fault }
    }

    /// Whether this write is one `--fail-every-write` refuses (and counts it if so).
    pub fn fails_write(&self) -> bool {
        let Some(every) = self.faults.fail_every_write else {
            return false;
        };
        let n = self.writes.fetch_add(1, Ordering::SeqCst);
        let fails = n.is_multiple_of(every.max(1));
        if fails {
            self.record(Fault::EveryWrite);
        }
        fails
    }

    /// Counts a fault that was injected.
    pub fn record(&self, fault: Fault) {
        self.counts.lock().expect("fault count lock").add(fault);
    }

    pub fn counts(&self) -> FaultCounts {
        *self.counts.lock().expect("fault count lock")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_is_n_or_n_to_m_milliseconds() {
        let l: Latency = "50-300".parse().unwrap();
        assert_eq!(l.min, Duration::from_millis(50));
        assert_eq!(l.max, Duration::from_millis(300));
        let fixed: Latency = "75".parse().unwrap();
        assert_eq!(fixed.min, Duration::from_millis(75));
        assert_eq!(fixed.max, fixed.min);
        assert!("300-50"
            .parse::<Latency>()
            .unwrap_err()
            .contains("lower bound"));
        assert!("fast".parse::<Latency>().unwrap_err().contains("N-M"));
        assert!("-5".parse::<Latency>().is_err());
    }

    #[test]
    fn rates_are_fractions_that_add_up_to_at_most_one() {
        assert_eq!(parse_rate("0.25"), Ok(0.25));
        assert!(parse_rate("1.5").unwrap_err().contains("from 0 to 1"));
        assert!(parse_rate("-0.1").is_err());
        assert!(parse_rate("NaN").is_err());
        let too_much = Faults {
            fail_rate: 0.6,
            throttle_rate: 0.5,
            ..Faults::default()
        };
        assert!(too_much.validate().unwrap_err().contains("more than 1"));
        let out_of_range = Faults {
            reset_rate: 2.0,
            ..Faults::default()
        };
        assert!(out_of_range.validate().unwrap_err().contains("reset rate"));
    }

    #[test]
    fn plans_follow_the_rates_and_repeat_for_a_seed() {
        let faults = Faults {
            latency: Some("50-300".parse().unwrap()),
            fail_rate: 0.2,
            throttle_rate: 0.2,
            reset_rate: 0.1,
            seed: 7,
            ..Faults::default()
        };
        let plans = |faults: &Faults| {
            let injector = Injector::new(faults.clone());
            (0..10_000).map(|_| injector.plan()).collect::<Vec<_>>()
        };
        let first = plans(&faults);
        assert_eq!(first, plans(&faults), "the same seed, the same plans");
        let other = plans(&Faults {
            seed: 8,
            ..faults.clone()
        });
        assert_ne!(first, other, "another seed, other plans");
        let share = |pred: &dyn Fn(Option<Fault>) -> bool| {
            first.iter().filter(|p| pred(p.fault)).count() as f64 / first.len() as f64
        };
        let near = |x: f64, p: f64| (x - p).abs() < 0.02;
        assert!(near(share(&|f| f == Some(Fault::Internal)), 0.1));
        assert!(near(share(&|f| f == Some(Fault::Unavailable)), 0.1));
        assert!(near(share(&|f| f == Some(Fault::Throttle)), 0.2));
        assert!(near(share(&|f| f == Some(Fault::ResetBefore)), 0.05));
        assert!(near(share(&|f| f == Some(Fault::ResetAfter)), 0.05));
        let delays = first.iter().map(|p| p.delay.as_millis());
        assert!(delays.clone().all(|ms| (50..=300).contains(&ms)));
        assert!(delays.clone().min().unwrap() < 60 && delays.max().unwrap() > 290);
    }

    #[test]
    fn every_nth_write_fails_and_is_counted() {
        let injector = Injector::new(Faults {
            fail_every_write: Some(3),
            ..Faults::default()
        });
        let fails: Vec<bool> = (0..7).map(|_| injector.fails_write()).collect();
        assert_eq!(fails, [true, false, false, true, false, false, true]);
        assert_eq!(injector.counts().every_write, 3);
        assert_eq!(injector.counts().total(), 3);
    }
}
