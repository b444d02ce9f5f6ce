//! Client-side pacing of reads to the service's quota, so a long listing never runs into
//! ThrottlingExceptions and the back-off of their retries: a token bucket on tokio's clock (so
//! tests on paused time see it exactly), holding one request less than the service's bucket.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// Reads per second Partner Central allows an account by default; its bucket holds one
/// second's worth.
pub const SERVICE_READS_PER_SECOND: u32 = 10;

/// Starts reads no faster than a rate, after a burst. Requests reserve their turn in the order
/// they ask, so concurrent callers share the rate.
#[derive(Debug)]
pub struct ReadPace {
    per_second: f64,
    burst: f64,
    bucket: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    /// Requests that may start now; negative when callers are already waiting.
    tokens: f64,
    refilled: Instant,
}

impl ReadPace {
    /// At most `burst` reads at once, then `per_second`.
    pub fn new(per_second: u32, burst: u32) -> Self {
        ReadPace {
            per_second: f64::from(per_second.max(1)),
            burst: f64::from(burst.max(1)),
            bucket: Mutex::new(Bucket {
                tokens: f64::from(burst.max(1)),
                refilled: Instant::now(),
            }),
        }
    }

    /// Paced to the service's default read quota. The burst is one request smaller than the
    /// service's bucket: the service starts counting when the first request arrives, later
    /// than it left here, and the spare request covers that and any jitter in the latency.
    pub fn service_quota() -> Self {
        ReadPace::new(SERVICE_READS_PER_SECOND, SERVICE_READS_PER_SECOND - 1)
    }

    /// Waits until a read may start, and takes its turn.
    pub async fn ready(&self) {
        let wait = {
            let mut bucket = self.bucket.lock().expect("pace lock");
            let now = Instant::now();
            let refill = now.saturating_duration_since(bucket.refilled).as_secs_f64();
            bucket.tokens = (bucket.tokens + refill * self.per_second).min(self.burst);
            bucket.refilled = now;
            bucket.tokens -= 1.0;
            Duration::from_secs_f64((-bucket.tokens).max(0.0) / self.per_second)
        };
        tokio::time::sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_burst_then_the_rate() {
        let pace = ReadPace::new(10, 9);
        let start = Instant::now();
        let mut started = Vec::new();
        for _ in 0..30 {
            pace.ready().await;
            started.push(Instant::now() - start);
        }
        assert!(started[..9].iter().all(|t| t.is_zero()), "{started:?}");
        for (i, t) in started.iter().enumerate().skip(9) {
            assert_eq!(*t, Duration::from_millis(100 * (i as u64 - 8)), "read {i}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn rest_refills_up_to_the_burst_and_no_more() {
        let pace = ReadPace::new(10, 3);
        tokio::time::sleep(Duration::from_secs(60)).await;
        let start = Instant::now();
        for _ in 0..4 {
            pace.ready().await;
        }
        assert_eq!(Instant::now() - start, Duration::from_millis(100));
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_readers_share_the_rate() {
        let pace = std::sync::Arc::new(ReadPace::new(10, 1));
        let start = Instant::now();
        let readers: Vec<_> = (0..5)
            .map(|_| {
                let pace = pace.clone();
                tokio::spawn(async move {
                    pace.ready().await;
                    Instant::now() - start
                })
            })
            .collect();
        let mut times = Vec::new();
        for r in readers {
            times.push(r.await.unwrap());
        }
        times.sort();
        let expected: Vec<_> = (0..5).map(|i| Duration::from_millis(100 * i)).collect();
        assert_eq!(times, expected);
    }
}
