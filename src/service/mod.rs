//! The `PartnerCentral` service boundary: the one trait the app talks to, its error type, and the
//! adapter that implements it over the official AWS SDK.

pub mod aws;
mod error;
mod identity;
mod linked;
mod logged;
mod paced;
mod tally;

use async_trait::async_trait;

use crate::domain::{
    Engagement, EngagementMember, EngagementSummary, InvitationDetail, InvitationSummary,
    ListQuery, NewInvitation, Opportunity, Page, Task, TaskFilter, TaskKind, TaskStart,
};
pub use error::{
    without_userinfo, CredentialsProblem, FieldError, ServiceError, PARTNER_CENTRAL_REGION,
};
pub use identity::CallerIdentity;
pub use linked::linked_opportunity;
pub use logged::Logged;
pub use paced::{Bucket, Paced, Quota, SERVICE_QUOTA};
pub use tally::RequestTally;

/// Result of a service call.
pub type ServiceResult<T> = Result<T, ServiceError>;

/// Identity of a freshly created invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedInvitation {
    pub id: String,
    pub arn: String,
}

/// Everything pc-inbox asks of AWS Partner Central.
#[async_trait]
pub trait PartnerCentral: Send + Sync {
    /// One page of invitations; pass the previous page's `next_token` to continue.
    async fn list_invitations(
        &self,
        query: &ListQuery,
        next_token: Option<String>,
    ) -> ServiceResult<Page<InvitationSummary>>;

    /// The whole invitation, with its payload.
    async fn get_invitation(&self, id: &str) -> ServiceResult<InvitationDetail>;

    /// Rejects a pending invitation. Irreversible.
    async fn reject_invitation(&self, id: &str, reason: Option<&str>) -> ServiceResult<()>;

    /// Starts a task: accepting an invitation, or engaging from an opportunity. The same
    /// `client_token` always returns the same task.
    async fn start_task(&self, start: &TaskStart, client_token: &str) -> ServiceResult<Task>;

    /// The current state of one task (the API has no Get for tasks).
    async fn get_task(&self, kind: TaskKind, task_id: &str) -> ServiceResult<Task>;

    /// Every task of a kind the filter picks, across pages.
    async fn list_tasks(&self, kind: TaskKind, filter: &TaskFilter) -> ServiceResult<Vec<Task>>;

    /// An opportunity in the partner's pipeline.
    async fn get_opportunity(&self, id: &str) -> ServiceResult<Opportunity>;

    /// One page of the partner's opportunities, the most recently changed first (summaries:
    /// no title).
    async fn list_opportunities(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<Opportunity>>;

    /// One engagement, with the customer and project of its context.
    async fn get_engagement(&self, id: &str) -> ServiceResult<Engagement>;

    /// One page of the partners in an engagement.
    async fn list_engagement_members(
        &self,
        engagement_id: &str,
        next_token: Option<String>,
    ) -> ServiceResult<Page<EngagementMember>>;

    /// One page of engagements.
    async fn list_engagements(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<EngagementSummary>>;

    /// Invites another partner to an engagement. The same `client_token` creates one invitation.
    async fn create_invitation(
        &self,
        engagement_id: &str,
        client_token: &str,
        invitation: &NewInvitation,
    ) -> ServiceResult<CreatedInvitation>;
}
