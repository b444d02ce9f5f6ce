//! Whom the client's credentials belong to.

use async_trait::async_trait;

use super::ServiceResult;
use crate::domain::Identity;

/// Asks AWS whom the credentials in use belong to.
#[async_trait]
pub trait CallerIdentity: Send + Sync {
    /// The caller's account and principal (STS GetCallerIdentity). It needs no permission,
    /// so it fails only for credentials AWS does not accept, or no answer.
    async fn caller_identity(&self) -> ServiceResult<Identity>;
}
