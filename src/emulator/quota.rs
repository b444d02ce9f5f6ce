//! Per-account request quotas: a token bucket per account and request class.

use std::collections::HashMap;

use tokio::time::Instant;

/// Reads (List*/Get*) and writes (everything else) have separate quotas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestClass {
    Read,
    Write,
}

impl RequestClass {
    /// The class of an operation by its name.
    pub fn of(operation: &str) -> Self {
        if operation.starts_with("List") || operation.starts_with("Get") {
            RequestClass::Read
        } else {
            RequestClass::Write
        }
    }
}

/// Requests per second allowed per account; the documented defaults are 10 reads and 1 write.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuotaLimits {
    pub reads_per_second: f64,
    pub writes_per_second: f64,
}

impl Default for QuotaLimits {
    fn default() -> Self {
        QuotaLimits {
            reads_per_second: 10.0,
            writes_per_second: 1.0,
        }
    }
}

struct Bucket {
    tokens: f64,
    refilled: Instant,
}

/// Token buckets holding one second's worth of requests.
pub struct Quotas {
    limits: QuotaLimits,
    buckets: HashMap<(String, RequestClass), Bucket>,
}

impl Quotas {
    pub fn new(limits: QuotaLimits) -> Self {
        Quotas {
            limits,
            buckets: HashMap::new(),
        }
    }

    /// Takes one request from the account's bucket; false when it is over quota.
    pub fn admit(&mut self, account: &str, class: RequestClass, now: Instant) -> bool {
        let rate = match class {
            RequestClass::Read => self.limits.reads_per_second,
            RequestClass::Write => self.limits.writes_per_second,
        };
        let bucket = self
            .buckets
            .entry((account.to_string(), class))
            .or_insert(Bucket {
                tokens: rate,
                refilled: now,
            });
        let elapsed = now.saturating_duration_since(bucket.refilled).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(rate.max(1.0));
        bucket.refilled = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn allows_a_seconds_worth_then_refills() {
        let mut q = Quotas::new(QuotaLimits::default());
        let t0 = Instant::now();
        assert!((0..10).all(|_| q.admit("a", RequestClass::Read, t0)));
        assert!(!q.admit("a", RequestClass::Read, t0));
        assert!(
            q.admit("b", RequestClass::Read, t0),
            "accounts have their own buckets"
        );
        assert!(q.admit("a", RequestClass::Read, t0 + Duration::from_millis(100)));
        assert!(q.admit("a", RequestClass::Write, t0));
        assert!(!q.admit("a", RequestClass::Write, t0 + Duration::from_millis(500)));
        assert!(q.admit("a", RequestClass::Write, t0 + Duration::from_millis(1000)));
    }

    #[test]
    fn classifies_operations() {
        assert_eq!(
            RequestClass::of("GetEngagementInvitation"),
            RequestClass::Read
        );
        assert_eq!(
            RequestClass::of("RejectEngagementInvitation"),
            RequestClass::Write
        );
        assert_eq!(
            RequestClass::of("StartEngagementFromOpportunityTask"),
            RequestClass::Write
        );
        assert_eq!(
            RequestClass::of("ListEngagementFromOpportunityTasks"),
            RequestClass::Read
        );
    }
}
