//! The `PartnerCentral` service boundary: the one trait the app talks to, its error type, and the
//! adapter that implements it over the official AWS SDK.

pub mod aws;
mod error;
mod linked;
mod logged;
mod paced;

use async_trait::async_trait;

use crate::domain::{
    AcceptTask, EngageTask, Engagement, EngagementMember, EngagementSummary, InvitationDetail,
    InvitationSummary, Involvement, ListQuery, NewInvitation, Opportunity, Page,
};
pub use error::{CredentialsProblem, FieldError, ServiceError, PARTNER_CENTRAL_REGION};
pub use linked::linked_opportunity;
pub use logged::Logged;
pub use paced::{Bucket, Paced, Quota, SERVICE_QUOTA};

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

    /// Starts accepting an invitation. The same `client_token` always returns the same task.
    async fn start_accept(
        &self,
        invitation_id: &str,
        client_token: &str,
    ) -> ServiceResult<AcceptTask>;

    /// The current state of one accept task (the API has no Get for tasks).
    async fn get_accept_task(&self, task_id: &str) -> ServiceResult<AcceptTask>;

    /// Every accept task the service reports IN_PROGRESS.
    async fn list_active_accept_tasks(&self) -> ServiceResult<Vec<AcceptTask>>;

    /// All accept tasks started for one invitation.
    async fn list_accept_tasks(&self, invitation_id: &str) -> ServiceResult<Vec<AcceptTask>>;

    /// An opportunity in the partner's pipeline.
    async fn get_opportunity(&self, id: &str) -> ServiceResult<Opportunity>;

    /// One page of the partner's opportunities, the most recently changed first (summaries:
    /// no title).
    async fn list_opportunities(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<Opportunity>>;

    /// Starts submitting an opportunity to AWS, which makes an engagement of it. The same
    /// `client_token` always returns the same task.
    async fn start_engage(
        &self,
        opportunity_id: &str,
        involvement: Involvement,
        client_token: &str,
    ) -> ServiceResult<EngageTask>;

    /// The current state of one engage task.
    async fn get_engage_task(&self, task_id: &str) -> ServiceResult<EngageTask>;

    /// All engage tasks started for one opportunity, by anyone.
    async fn list_engage_tasks(&self, opportunity_id: &str) -> ServiceResult<Vec<EngageTask>>;

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
