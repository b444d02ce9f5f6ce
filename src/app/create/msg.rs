//! What the create form hears back: engagements to pick from, the create's answer, the
//! editor's text and the draft resting.

use crate::compose::fields::Field;
use crate::domain::{EngagementSummary, Page};
use crate::service::{CreatedInvitation, ServiceError};

/// A reply or timer for the create form.
#[derive(Debug, Clone)]
pub enum CreateMsg {
    /// A page of ListEngagements for the form's engagement picker.
    EngagementsLoaded(Result<Page<EngagementSummary>, ServiceError>),
    /// The answer to CreateEngagementInvitation for the draft with this client token.
    Created {
        client_token: String,
        result: Result<CreatedInvitation, ServiceError>,
    },
    /// The user's editor exited with a field's new text, or could not run.
    TextEdited {
        field: Field,
        result: Result<String, String>,
    },
    /// The draft has rested since the given epoch.
    DraftSettled { epoch: u64 },
}
