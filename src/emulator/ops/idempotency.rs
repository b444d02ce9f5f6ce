//! ClientTokens of create requests: a replay of the same request gets what the first one made.

use std::collections::HashMap;

use serde_json::Value;

use super::Ctx;
use crate::emulator::error::ApiError;
use crate::emulator::paging::fingerprint;
use crate::emulator::store::{CatalogData, Idempotent};

/// What a create request (or a task start) makes.
#[derive(Clone, Copy)]
pub(super) enum Made {
    Accept,
    Context,
    Engagement,
    Invitation,
    Opportunity,
    Submission,
}

impl Made {
    fn operation(self) -> &'static str {
        match self {
            Made::Accept => "StartEngagementByAcceptingInvitationTask",
            Made::Context => "CreateEngagementContext",
            Made::Engagement => "CreateEngagement",
            Made::Invitation => "CreateEngagementInvitation",
            Made::Opportunity => "CreateOpportunity",
            Made::Submission => "StartEngagementFromOpportunityTask",
        }
    }

    /// The ClientTokens used so far for this kind of create.
    fn tokens(self, data: &mut CatalogData) -> &mut HashMap<String, Idempotent> {
        match self {
            Made::Accept => &mut data.accept_tokens,
            Made::Context => &mut data.context_tokens,
            Made::Engagement => &mut data.engagement_tokens,
            Made::Invitation => &mut data.invitation_tokens,
            Made::Opportunity => &mut data.opportunity_tokens,
            Made::Submission => &mut data.submission_tokens,
        }
    }
}

/// The id a create request makes, made once per ClientToken of the acting account: a replay of
/// the same request gets the id made the first time, and one with different parameters is a
/// conflict.
pub(super) fn once(
    ctx: &mut Ctx<'_>,
    made: Made,
    raw: &Value,
    token: &str,
    create: impl FnOnce(&mut Ctx<'_>) -> Result<String, ApiError>,
) -> Result<String, ApiError> {
    let account = &ctx.acting.aws_account_id;
    let print = fingerprint(account, made.operation(), raw);
    let key = format!("{account}/{token}");
    match made.tokens(ctx.data()).get(&key) {
        Some(e) if e.fingerprint == print => return Ok(e.id.clone()),
        Some(_) => {
            return Err(ApiError::conflict(format!(
                "ClientToken '{token}' was already used with different parameters"
            )))
        }
        None => {}
    }
    let id = create(ctx)?;
    let earlier = Idempotent {
        fingerprint: print,
        id: id.clone(),
    };
    made.tokens(ctx.data()).insert(key, earlier);
    Ok(id)
}
