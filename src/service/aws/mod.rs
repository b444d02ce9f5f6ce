//! [`PartnerCentral`] over the official `aws-sdk-partnercentralselling` client.

mod convert;
mod counted;
mod engage;
mod errors;
mod identity;
mod raw;
mod setup;
mod tasks;

use async_trait::async_trait;
use aws_config::retry::RetryConfig;
use aws_sdk_partnercentralselling::config::SharedHttpClient;
use aws_sdk_partnercentralselling::types as sdk;
use aws_sdk_partnercentralselling::Client;

use crate::domain::{
    Engagement, EngagementMember, EngagementSummary, InvitationDetail, InvitationStatus,
    InvitationSummary, ListQuery, NewInvitation, Opportunity, Page, Participant, SortOrder, Task,
    TaskFilter, TaskKind, TaskStart,
};
use crate::service::{CreatedInvitation, PartnerCentral, ServiceError, ServiceResult};
use crate::wire;

/// One page of SDK items in our types, and the token for the next.
fn page<S, T>(items: &[S], convert: impl Fn(&S) -> T, next_token: Option<&str>) -> Page<T> {
    Page {
        items: items.iter().map(convert).collect(),
        next_token: next_token.map(str::to_string),
    }
}

/// The only region Partner Central runs in.
pub const DEFAULT_REGION: &str = crate::service::PARTNER_CENTRAL_REGION;

/// Fixed credentials, used for the emulator instead of the user's credential chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
}

/// How to reach Partner Central.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSettings {
    /// `AWS` or `Sandbox`.
    pub catalog: String,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
    /// When set, no profile, environment or SSO state is read at all.
    pub static_credentials: Option<StaticCredentials>,
    /// Attempts per call including retries (the SDK's standard retry with backoff).
    pub max_attempts: u32,
}

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings {
            catalog: "AWS".to_string(),
            region: None,
            profile: None,
            endpoint_url: None,
            static_credentials: None,
            max_attempts: 3,
        }
    }
}

/// The SDK-backed Partner Central client; also answers
/// [`CallerIdentity`](crate::service::CallerIdentity) with STS.
#[derive(Debug, Clone)]
pub struct AwsPartnerCentral {
    client: Client,
    /// STS, for [`crate::service::CallerIdentity`], with the same credentials and endpoint.
    sts: identity::Sts,
    catalog: String,
    /// What errors name: the profile, region and endpoint in use.
    target: errors::Target,
}

impl AwsPartnerCentral {
    /// Builds the client: the standard credential chain (profile, SSO, environment) unless
    /// static credentials are given.
    pub async fn connect(settings: &ClientSettings) -> Self {
        Self::connect_with(settings, None).await
    }

    /// [`connect`](Self::connect), sending requests through `http_client` instead of the SDK's
    /// own (e.g. [`crate::emulator::Emulator::http_client`]).
    pub async fn connect_with(
        settings: &ClientSettings,
        http_client: Option<SharedHttpClient>,
    ) -> Self {
        let retry = RetryConfig::standard().with_max_attempts(settings.max_attempts.max(1));
        let setup = setup::load(settings).await;
        let mut builder =
            aws_sdk_partnercentralselling::config::Builder::from(&setup.config).retry_config(retry);
        if let Some(client) = &http_client {
            builder = builder.http_client(client.clone());
        }
        let endpoint = setup.endpoint_url.as_deref().map_or_else(
            || format!("https://partnercentral-selling.{}.api.aws", setup.region),
            super::without_userinfo,
        );
        let target = errors::Target {
            profile: settings.profile.clone(),
            region: setup.region.clone(),
            endpoint,
        };
        AwsPartnerCentral {
            client: Client::from_conf(builder.build()),
            sts: identity::Sts::new(&setup, settings, http_client),
            catalog: settings.catalog.clone(),
            target,
        }
    }

    /// Counts every request it sends, each retry included, in `tally`.
    pub fn counting(mut self, tally: std::sync::Arc<crate::service::RequestTally>) -> Self {
        let config = self
            .client
            .config()
            .to_builder()
            .interceptor(counted::CountAttempts(tally))
            .build();
        self.client = Client::from_conf(config);
        self
    }

    /// The endpoint requests go to (without any user or password in it).
    pub fn endpoint(&self) -> &str {
        &self.target.endpoint
    }

    /// The region requests are signed for and sent to.
    pub fn region(&self) -> &str {
        &self.target.region
    }

    /// A reject refused as a conflict may follow our own earlier attempt whose answer was lost
    /// (the connection dropped after the service applied it; the SDK or the user retried):
    /// when the invitation is REJECTED with this very reason, the reject is done. When the
    /// check itself fails for a passing reason, that failure is the answer (a retry checks
    /// again); otherwise the conflict stands.
    async fn already_rejected(
        &self,
        id: &str,
        reason: Option<&str>,
        conflict: ServiceError,
    ) -> ServiceResult<()> {
        match self.get_invitation(id).await {
            Ok(detail)
                if detail.summary.status == Some(InvitationStatus::Rejected)
                    && detail.rejection_reason.as_deref() == reason =>
            {
                tracing::info!(id, "already rejected with this reason: taken as done");
                Ok(())
            }
            Err(e) if e.is_transient() => Err(e),
            _ => Err(conflict),
        }
    }

    fn fail<E, R>(&self, err: aws_sdk_partnercentralselling::error::SdkError<E, R>) -> ServiceError
    where
        E: errors::OperationError + 'static,
        R: std::fmt::Debug + 'static,
    {
        errors::map(err, &self.target)
    }
}

fn non_empty<T>(v: Vec<T>) -> Option<Vec<T>> {
    (!v.is_empty()).then_some(v)
}

fn wire_sort(order: SortOrder) -> sdk::SortOrder {
    match order {
        SortOrder::NewestFirst => sdk::SortOrder::Descending,
        SortOrder::OldestFirst => sdk::SortOrder::Ascending,
    }
}

#[async_trait]
impl PartnerCentral for AwsPartnerCentral {
    async fn list_invitations(
        &self,
        query: &ListQuery,
        next_token: Option<String>,
    ) -> ServiceResult<Page<InvitationSummary>> {
        let participant = match query.participant {
            Participant::Received => sdk::ParticipantType::Receiver,
            Participant::Sent => sdk::ParticipantType::Sender,
        };
        let sort = sdk::OpportunityEngagementInvitationSort::builder()
            .sort_by(sdk::OpportunityEngagementInvitationSortName::InvitationDate)
            .sort_order(wire_sort(query.sort))
            .build()
            .expect("sort has both required members");
        let raw = raw::RawBody::default();
        self.client
            .list_engagement_invitations()
            .catalog(&self.catalog)
            .participant_type(participant)
            .sort(sort)
            .set_status(non_empty(
                query
                    .statuses
                    .iter()
                    .map(|s| sdk::InvitationStatus::from(s.as_wire()))
                    .collect(),
            ))
            .set_payload_type(non_empty(
                query
                    .payload_kinds
                    .iter()
                    .map(|p| sdk::EngagementInvitationPayloadType::from(p.as_wire()))
                    .collect(),
            ))
            .set_engagement_identifier(non_empty(query.engagement_ids.clone()))
            .set_sender_aws_account_id(non_empty(query.sender_account_ids.clone()))
            .set_max_results(query.page_size.map(|n| n as i32))
            .set_next_token(next_token)
            .customize()
            .interceptor(raw.clone())
            .send()
            .await
            .map_err(|e| self.fail(e))?;
        let out: wire::ListEngagementInvitationsResponse = raw.read("ListEngagementInvitations")?;
        Ok(page(
            &out.engagement_invitation_summaries,
            |s| InvitationSummary::from(s),
            out.next_token.as_deref(),
        ))
    }

    async fn get_invitation(&self, id: &str) -> ServiceResult<InvitationDetail> {
        let raw = raw::RawBody::default();
        self.client
            .get_engagement_invitation()
            .catalog(&self.catalog)
            .identifier(id)
            .customize()
            .interceptor(raw.clone())
            .send()
            .await
            .map_err(|e| self.fail(e))?;
        let out: wire::GetEngagementInvitationResponse = raw.read("GetEngagementInvitation")?;
        Ok(InvitationDetail::from(&out))
    }

    async fn get_opportunity(&self, id: &str) -> ServiceResult<Opportunity> {
        self.opportunity(id).await
    }

    async fn list_opportunities(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<Opportunity>> {
        self.opportunities(next_token).await
    }

    async fn start_task(&self, start: &TaskStart, client_token: &str) -> ServiceResult<Task> {
        self.start(start, client_token).await
    }

    async fn get_task(&self, kind: TaskKind, task_id: &str) -> ServiceResult<Task> {
        self.task(kind, task_id).await
    }

    async fn list_tasks(&self, kind: TaskKind, filter: &TaskFilter) -> ServiceResult<Vec<Task>> {
        self.filtered(kind, filter).await
    }

    async fn get_engagement(&self, id: &str) -> ServiceResult<Engagement> {
        self.engagement(id).await
    }

    async fn list_engagement_members(
        &self,
        engagement_id: &str,
        next_token: Option<String>,
    ) -> ServiceResult<Page<EngagementMember>> {
        self.members(engagement_id, next_token).await
    }

    async fn reject_invitation(&self, id: &str, reason: Option<&str>) -> ServiceResult<()> {
        let sent = self
            .client
            .reject_engagement_invitation()
            .catalog(&self.catalog)
            .identifier(id)
            .set_rejection_reason(reason.map(str::to_string))
            .send()
            .await;
        match sent.map_err(|e| self.fail(e)) {
            Ok(_) => Ok(()),
            Err(conflict @ ServiceError::Conflict { .. }) => {
                self.already_rejected(id, reason, conflict).await
            }
            Err(e) => Err(e),
        }
    }

    async fn list_engagements(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<EngagementSummary>> {
        let out = self
            .client
            .list_engagements()
            .catalog(&self.catalog)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| self.fail(e))?;
        let items = out.engagement_summary_list();
        Ok(page(items, convert::engagement, out.next_token()))
    }

    async fn create_invitation(
        &self,
        engagement_id: &str,
        client_token: &str,
        invitation: &NewInvitation,
    ) -> ServiceResult<CreatedInvitation> {
        let out = self
            .client
            .create_engagement_invitation()
            .catalog(&self.catalog)
            .engagement_identifier(engagement_id)
            .client_token(client_token)
            .invitation(convert::new_invitation(invitation)?)
            .send()
            .await
            .map_err(|e| self.fail(e))?;
        Ok(CreatedInvitation {
            id: out.id().to_string(),
            arn: out.arn().to_string(),
        })
    }
}
