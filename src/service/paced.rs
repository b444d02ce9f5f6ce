//! A [`PartnerCentral`] that keeps to the service's request quotas on the client side: each
//! call waits for a token from its class's bucket (reads 10/s, writes 1/s per account), so bulk
//! work is paced instead of throttled and retried. Buckets run slightly under the quota, since
//! requests arrive at the service a little later or earlier than they leave.

use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::{CreatedInvitation, PartnerCentral, ServiceResult};
use crate::domain::{
    Engagement, EngagementMember, EngagementSummary, InvitationDetail, InvitationSummary,
    ListQuery, NewInvitation, Opportunity, Page, Task, TaskFilter, TaskKind, TaskStart,
};

/// Requests per second allowed per class, as the service documents them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quota {
    pub reads_per_second: f64,
    pub writes_per_second: f64,
}

/// Partner Central's documented quota: 10 reads and 1 write a second.
pub const SERVICE_QUOTA: Quota = Quota {
    reads_per_second: 10.0,
    writes_per_second: 1.0,
};

/// The share of the quota the client uses, leaving room for requests that bunch up on the way.
const HEADROOM: f64 = 0.95;

/// A token bucket holding one second's worth of requests, as the service's does.
#[derive(Debug)]
pub struct Bucket {
    per_second: f64,
    capacity: f64,
    state: Mutex<(f64, Instant)>,
}

impl Bucket {
    /// A full bucket for `per_second` requests a second.
    pub fn new(per_second: f64) -> Self {
        let per_second = per_second * HEADROOM;
        let capacity = per_second.floor().max(1.0);
        Bucket {
            per_second,
            capacity,
            state: Mutex::new((capacity, Instant::now())),
        }
    }

    /// Waits until a request may go. Callers are served in the order they asked.
    pub async fn take(&self) {
        let mut state = self.state.lock().await;
        let (tokens, refilled) = &mut *state;
        let now = Instant::now();
        *tokens = (*tokens + (now - *refilled).as_secs_f64() * self.per_second).min(self.capacity);
        *refilled = now;
        if *tokens < 1.0 {
            let wait = Duration::from_secs_f64((1.0 - *tokens) / self.per_second);
            tokio::time::sleep(wait).await;
            *tokens = 1.0;
            *refilled = now + wait;
        }
        *tokens -= 1.0;
    }
}

/// Wraps a service and paces its calls to a [`Quota`].
pub struct Paced<P> {
    inner: P,
    reads: Bucket,
    writes: Bucket,
}

impl<P> Paced<P> {
    pub fn new(inner: P, quota: Quota) -> Self {
        Paced {
            inner,
            reads: Bucket::new(quota.reads_per_second),
            writes: Bucket::new(quota.writes_per_second),
        }
    }

    /// Waits for a read's turn.
    async fn read(&self) {
        self.reads.take().await;
    }

    /// Waits for a write's turn.
    async fn write(&self) {
        self.writes.take().await;
    }
}

#[async_trait]
impl<P: PartnerCentral> PartnerCentral for Paced<P> {
    async fn list_invitations(
        &self,
        query: &ListQuery,
        next_token: Option<String>,
    ) -> ServiceResult<Page<InvitationSummary>> {
        self.read().await;
        self.inner.list_invitations(query, next_token).await
    }

    async fn get_invitation(&self, id: &str) -> ServiceResult<InvitationDetail> {
        self.read().await;
        self.inner.get_invitation(id).await
    }

    async fn get_opportunity(&self, id: &str) -> ServiceResult<Opportunity> {
        self.read().await;
        self.inner.get_opportunity(id).await
    }

    async fn list_opportunities(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<Opportunity>> {
        self.read().await;
        self.inner.list_opportunities(next_token).await
    }

    async fn get_engagement(&self, id: &str) -> ServiceResult<Engagement> {
        self.read().await;
        self.inner.get_engagement(id).await
    }

    async fn list_engagement_members(
        &self,
        engagement_id: &str,
        next_token: Option<String>,
    ) -> ServiceResult<Page<EngagementMember>> {
        self.read().await;
        self.inner
            .list_engagement_members(engagement_id, next_token)
            .await
    }

    async fn reject_invitation(&self, id: &str, reason: Option<&str>) -> ServiceResult<()> {
        self.write().await;
        self.inner.reject_invitation(id, reason).await
    }

    async fn start_task(&self, start: &TaskStart, client_token: &str) -> ServiceResult<Task> {
        self.write().await;
        self.inner.start_task(start, client_token).await
    }

    async fn get_task(&self, kind: TaskKind, task_id: &str) -> ServiceResult<Task> {
        self.read().await;
        self.inner.get_task(kind, task_id).await
    }

    async fn list_tasks(&self, kind: TaskKind, filter: &TaskFilter) -> ServiceResult<Vec<Task>> {
        self.read().await;
        self.inner.list_tasks(kind, filter).await
    }

    async fn list_engagements(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<EngagementSummary>> {
        self.read().await;
        self.inner.list_engagements(next_token).await
    }

    async fn create_invitation(
        &self,
        engagement_id: &str,
        client_token: &str,
        invitation: &NewInvitation,
    ) -> ServiceResult<CreatedInvitation> {
        self.write().await;
        self.inner
            .create_invitation(engagement_id, client_token, invitation)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn times(bucket: &Bucket, n: usize) -> Vec<f64> {
        let start = Instant::now();
        let mut at = Vec::new();
        for _ in 0..n {
            bucket.take().await;
            at.push((Instant::now() - start).as_secs_f64());
        }
        at
    }

    #[tokio::test(start_paused = true)]
    async fn writes_go_one_at_a_time_just_under_one_a_second() {
        let at = times(&Bucket::new(1.0), 4).await;
        assert_eq!(at[0], 0.0);
        for pair in at.windows(2) {
            let gap = pair[1] - pair[0];
            assert!((1.0..1.1).contains(&gap), "{at:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn reads_burst_a_second_s_worth_then_keep_under_ten_a_second() {
        let at = times(&Bucket::new(10.0), 39).await;
        assert!(at[..9].iter().all(|t| *t == 0.0), "{at:?}");
        let steady = 30.0 / (at[38] - at[8]);
        assert!((9.0..10.0).contains(&steady), "{steady} per second");
    }

    #[tokio::test(start_paused = true)]
    async fn a_rested_bucket_fills_up_to_its_capacity_only() {
        let bucket = Bucket::new(10.0);
        times(&bucket, 9).await;
        tokio::time::sleep(Duration::from_secs(60)).await;
        let at = times(&bucket, 10).await;
        assert!(at[..9].iter().all(|t| *t == 0.0) && at[9] > 0.0, "{at:?}");
    }
}
