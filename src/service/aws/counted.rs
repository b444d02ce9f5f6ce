//! Every request the SDK sends is counted against the daily quotas, its retries too: the
//! count sits on each attempt, below the SDK's retry loop, where a throttled or failed request
//! sent again is one more request the service saw.

use std::sync::Arc;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

use crate::service::RequestTally;

/// Counts each attempt in a tally, as a read (`Get…`, `List…`, `Search…`) or a write.
#[derive(Debug)]
pub(super) struct CountAttempts(pub(super) Arc<RequestTally>);

/// True for an operation the service counts against the read quota.
fn is_read(operation: &str) -> bool {
    ["Get", "List", "Search"]
        .iter()
        .any(|prefix| operation.starts_with(prefix))
}

impl Intercept for CountAttempts {
    fn name(&self) -> &'static str {
        "CountAttempts"
    }

    fn read_before_attempt(
        &self,
        _: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let operation = cfg.load::<Metadata>().map_or("", Metadata::name);
        self.0.count(!is_read(operation));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::is_read;

    #[test]
    fn reads_are_gets_lists_and_searches() {
        for read in [
            "GetEngagementInvitation",
            "ListEngagementInvitations",
            "SearchOpportunities",
        ] {
            assert!(is_read(read), "{read}");
        }
        for write in [
            "RejectEngagementInvitation",
            "StartEngagementByAcceptingInvitationTask",
            "CreateEngagementInvitation",
            "",
        ] {
            assert!(!is_read(write), "{write}");
        }
    }
}
