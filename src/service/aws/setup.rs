//! The one SDK configuration every client of a run is built from, Partner Central's and STS's:
//! the same credentials, region and endpoint override.

use aws_config::meta::region::RegionProviderChain;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;

use super::{ClientSettings, DEFAULT_REGION};

/// The shared configuration, and what errors name of it.
pub(super) struct Setup {
    pub config: SdkConfig,
    /// The region requests are signed for and sent to.
    pub region: String,
    /// The endpoint override, if any, as given.
    pub endpoint_url: Option<String>,
}

/// Reads the settings: static credentials when given (no profile, environment or SSO state is
/// read at all), else the standard chain.
pub(super) async fn load(settings: &ClientSettings) -> Setup {
    match &settings.static_credentials {
        Some(creds) => {
            let region = settings
                .region
                .clone()
                .unwrap_or_else(|| DEFAULT_REGION.to_string());
            let credentials = Credentials::new(
                &creds.access_key_id,
                &creds.secret_access_key,
                None,
                None,
                "pc-inbox-static",
            );
            let mut builder = SdkConfig::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new(region.clone()))
                .credentials_provider(SharedCredentialsProvider::new(credentials));
            if let Some(url) = &settings.endpoint_url {
                builder = builder.endpoint_url(url);
            }
            Setup {
                config: builder.build(),
                region,
                endpoint_url: settings.endpoint_url.clone(),
            }
        }
        None => {
            let region = RegionProviderChain::first_try(settings.region.clone().map(Region::new))
                .or_default_provider()
                .or_else(Region::from_static(DEFAULT_REGION));
            let mut loader = aws_config::defaults(BehaviorVersion::latest()).region(region);
            if let Some(profile) = &settings.profile {
                loader = loader.profile_name(profile);
            }
            if let Some(url) = &settings.endpoint_url {
                loader = loader.endpoint_url(url);
            }
            let config = loader.load().await;
            let region = config
                .region()
                .map_or_else(|| DEFAULT_REGION.to_string(), |r| r.to_string());
            let endpoint_url = config.endpoint_url().map(str::to_string);
            Setup {
                config,
                region,
                endpoint_url,
            }
        }
    }
}
