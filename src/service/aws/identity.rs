//! [`CallerIdentity`] over the official `aws-sdk-sts` client: GetCallerIdentity with the same
//! credentials, region and endpoint override as the Partner Central client.

use async_trait::async_trait;
use aws_config::retry::RetryConfig;
use aws_sdk_partnercentralselling::config::SharedHttpClient;

use super::setup::Setup;
use super::{errors, AwsPartnerCentral, ClientSettings};
use crate::domain::Identity;
use crate::service::{without_userinfo, CallerIdentity, ServiceError, ServiceResult};

/// The STS client beside the Partner Central one, and what its errors name.
#[derive(Debug, Clone)]
pub(super) struct Sts {
    client: aws_sdk_sts::Client,
    target: errors::Target,
}

impl Sts {
    /// STS from the shared `setup`, retried as `settings` say, through `http_client` if given.
    pub(super) fn new(
        setup: &Setup,
        settings: &ClientSettings,
        http_client: Option<SharedHttpClient>,
    ) -> Self {
        let retry = RetryConfig::standard().with_max_attempts(settings.max_attempts.max(1));
        let mut builder = aws_sdk_sts::config::Builder::from(&setup.config).retry_config(retry);
        if let Some(client) = http_client {
            builder = builder.http_client(client);
        }
        let endpoint = setup.endpoint_url.as_deref().map_or_else(
            || format!("https://sts.{}.amazonaws.com", setup.region),
            without_userinfo,
        );
        Sts {
            client: aws_sdk_sts::Client::from_conf(builder.build()),
            target: errors::Target {
                profile: settings.profile.clone(),
                region: setup.region.clone(),
                endpoint,
            },
        }
    }
}

#[async_trait]
impl CallerIdentity for AwsPartnerCentral {
    async fn caller_identity(&self) -> ServiceResult<Identity> {
        let sts = &self.sts;
        let out = sts
            .client
            .get_caller_identity()
            .send()
            .await
            .map_err(|e| errors::map_in_any_region(e, &sts.target))?;
        match (out.account(), out.arn()) {
            (Some(account), Some(arn)) => Ok(Identity {
                account: account.to_string(),
                arn: arn.to_string(),
            }),
            _ => Err(ServiceError::Service {
                code: None,
                message: format!(
                    "{} answered GetCallerIdentity without an account or an ARN",
                    sts.target.endpoint
                ),
            }),
        }
    }
}
