//! The engage effects: listing and reading opportunities, and looking into engagements
//! (members, context). The engage task itself runs through the task effects
//! ([`super::tasks`]).

use super::effects::EffectRunner;
use crate::app::{Effect, Msg, Priority};
use crate::app::{EngageMsg, EngagementMsg};
use crate::domain::EngagementMember;
use crate::service::{PartnerCentral, ServiceResult};

/// Every member of an engagement, across pages.
async fn all_members(
    service: &dyn PartnerCentral,
    engagement_id: &str,
) -> ServiceResult<Vec<EngagementMember>> {
    let mut members = Vec::new();
    let mut token = None;
    loop {
        let page = service
            .list_engagement_members(engagement_id, token)
            .await?;
        members.extend(page.items);
        token = page.next_token;
        if token.is_none() {
            return Ok(members);
        }
    }
}

impl EffectRunner {
    /// Runs one of the engage effects; [`EffectRunner::run`] hands them here.
    pub(super) fn run_engage(&self, effect: Effect) {
        let service = self.service.clone();
        let tx = self.tx.clone();
        match effect {
            Effect::LoadOpportunities { next_token } => {
                let key = format!("opportunities:{}", next_token.as_deref().unwrap_or(""));
                self.reads.submit(key, Priority::Selected, async move {
                    let result = service.list_opportunities(next_token).await;
                    let _ = tx.send(Msg::Engage(EngageMsg::OpportunitiesLoaded(result)));
                });
            }
            Effect::ReadOpportunity { id } => {
                let key = format!("read-opportunity:{id}");
                self.reads.submit(key, Priority::Selected, async move {
                    let result = service.get_opportunity(&id).await.map(Box::new);
                    let _ = tx.send(Msg::Engage(EngageMsg::OpportunityRead { id, result }));
                });
            }
            Effect::LoadMembers { engagement_id } => {
                let key = format!("members:{engagement_id}");
                self.reads.submit(key, Priority::Selected, async move {
                    let result = all_members(service.as_ref(), &engagement_id).await;
                    let _ = tx.send(Msg::Engagement(EngagementMsg::Members {
                        engagement_id,
                        result,
                    }));
                });
            }
            Effect::LoadEngagement { id } => {
                let key = format!("engagement:{id}");
                self.reads.submit(key, Priority::Selected, async move {
                    let result = service.get_engagement(&id).await;
                    let _ = tx.send(Msg::Engagement(EngagementMsg::Read { id, result }));
                });
            }
            _ => unreachable!("EffectRunner::run handles every other effect"),
        }
    }
}
