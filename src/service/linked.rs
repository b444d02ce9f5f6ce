//! The opportunity an accepted invitation created, found through its completed accept task (the
//! task names the opportunity's id; GetOpportunity tells the rest).

use super::{PartnerCentral, ServiceResult};
use crate::domain::{Opportunity, TaskFilter, TaskKind, TaskStatus};

/// The opportunity accepting `invitation_id` created: `known` when the app already has its id,
/// else the one its completed accept task names. `None` when no accept task completed.
pub async fn linked_opportunity(
    service: &dyn PartnerCentral,
    invitation_id: &str,
    known: Option<String>,
) -> ServiceResult<Option<Opportunity>> {
    let id = match known {
        Some(id) => Some(id),
        None => service
            .list_tasks(TaskKind::Accept, &TaskFilter::Of(invitation_id.into()))
            .await?
            .into_iter()
            .filter(|t| t.status == TaskStatus::Complete)
            .find_map(|t| t.opportunity_id),
    };
    match id {
        Some(id) => service.get_opportunity(&id).await.map(Some),
        None => Ok(None),
    }
}
