//! A [`PartnerCentral`] that logs every call it passes on: operation, duration and outcome.
//! Ids and the whole of every error ([`super::ServiceError::detail`]) go to the log;
//! credentials never pass through here.

use std::time::Instant;

use async_trait::async_trait;

use super::{CreatedInvitation, PartnerCentral, ServiceResult};
use crate::domain::{
    Engagement, EngagementMember, EngagementSummary, InvitationDetail, InvitationSummary,
    ListQuery, NewInvitation, Opportunity, Page, Task, TaskFilter, TaskKind, TaskStart,
};

/// Wraps a service and logs its calls.
pub struct Logged<P> {
    inner: P,
}

impl<P> Logged<P> {
    pub fn new(inner: P) -> Self {
        Logged { inner }
    }
}

fn record<T>(operation: &str, subject: &str, started: Instant, result: &ServiceResult<T>) {
    let ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(_) => tracing::debug!(operation, subject, ms, "ok"),
        Err(e) => tracing::warn!(operation, subject, ms, error = %e.detail(), "failed"),
    }
}

#[async_trait]
impl<P: PartnerCentral> PartnerCentral for Logged<P> {
    async fn list_invitations(
        &self,
        query: &ListQuery,
        next_token: Option<String>,
    ) -> ServiceResult<Page<InvitationSummary>> {
        let started = Instant::now();
        let result = self.inner.list_invitations(query, next_token).await;
        record(
            "ListEngagementInvitations",
            query.participant.as_wire(),
            started,
            &result,
        );
        result
    }

    async fn get_invitation(&self, id: &str) -> ServiceResult<InvitationDetail> {
        let started = Instant::now();
        let result = self.inner.get_invitation(id).await;
        record("GetEngagementInvitation", id, started, &result);
        result
    }

    async fn get_opportunity(&self, id: &str) -> ServiceResult<Opportunity> {
        let started = Instant::now();
        let result = self.inner.get_opportunity(id).await;
        record("GetOpportunity", id, started, &result);
        result
    }

    async fn list_opportunities(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<Opportunity>> {
        let started = Instant::now();
        let result = self.inner.list_opportunities(next_token).await;
        record("ListOpportunities", "", started, &result);
        result
    }

    async fn get_engagement(&self, id: &str) -> ServiceResult<Engagement> {
        let started = Instant::now();
        let result = self.inner.get_engagement(id).await;
        record("GetEngagement", id, started, &result);
        result
    }

    async fn list_engagement_members(
        &self,
        engagement_id: &str,
        next_token: Option<String>,
    ) -> ServiceResult<Page<EngagementMember>> {
        let started = Instant::now();
        let result = self
            .inner
            .list_engagement_members(engagement_id, next_token)
            .await;
        record("ListEngagementMembers", engagement_id, started, &result);
        result
    }

    async fn reject_invitation(&self, id: &str, reason: Option<&str>) -> ServiceResult<()> {
        let started = Instant::now();
        let result = self.inner.reject_invitation(id, reason).await;
        record("RejectEngagementInvitation", id, started, &result);
        result
    }

    async fn start_task(&self, start: &TaskStart, client_token: &str) -> ServiceResult<Task> {
        let started = Instant::now();
        let result = self.inner.start_task(start, client_token).await;
        let operation = start.kind().start_operation();
        record(operation, start.subject(), started, &result);
        result
    }

    async fn get_task(&self, kind: TaskKind, task_id: &str) -> ServiceResult<Task> {
        let started = Instant::now();
        let result = self.inner.get_task(kind, task_id).await;
        record(kind.list_operation(), task_id, started, &result);
        result
    }

    async fn list_tasks(&self, kind: TaskKind, filter: &TaskFilter) -> ServiceResult<Vec<Task>> {
        let started = Instant::now();
        let result = self.inner.list_tasks(kind, filter).await;
        let subject = match filter {
            TaskFilter::Of(subject) => subject,
            TaskFilter::Running => "IN_PROGRESS",
        };
        record(kind.list_operation(), subject, started, &result);
        result
    }

    async fn list_engagements(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<EngagementSummary>> {
        let started = Instant::now();
        let result = self.inner.list_engagements(next_token).await;
        record("ListEngagements", "", started, &result);
        result
    }

    async fn create_invitation(
        &self,
        engagement_id: &str,
        client_token: &str,
        invitation: &NewInvitation,
    ) -> ServiceResult<CreatedInvitation> {
        let started = Instant::now();
        let result = self
            .inner
            .create_invitation(engagement_id, client_token, invitation)
            .await;
        record(
            "CreateEngagementInvitation",
            engagement_id,
            started,
            &result,
        );
        result
    }
}
