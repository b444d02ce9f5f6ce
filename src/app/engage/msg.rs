//! What the engage dialog hears back: opportunities to pick from and the one picked.

use crate::domain::{Opportunity, Page};
use crate::service::ServiceError;

/// A reply for the engage dialog.
#[derive(Debug, Clone)]
pub enum EngageMsg {
    /// A page of ListOpportunities for the picker.
    OpportunitiesLoaded(Result<Page<Opportunity>, ServiceError>),
    /// GetOpportunity, for the dialog.
    OpportunityRead {
        id: String,
        result: Result<Box<Opportunity>, ServiceError>,
    },
}
