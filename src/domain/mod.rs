//! Our own types for everything the app shows and sends. Nothing here knows about the AWS SDK:
//! the service adapter converts at the boundary.

pub mod countries;
mod engagement;
mod invitation;
mod payload;
mod query;
mod task;

pub use engagement::{EngagementSummary, NewInvitation, NewPayload};
pub use invitation::{
    InvitationDetail, InvitationStatus, InvitationSummary, Member, Participant, PayloadKind,
    Receiver,
};
pub use payload::{
    Contact, Customer, Enrichment, LeadCustomer, LeadInteraction, LeadPayload, OpportunityPayload,
    Payload, Project, Prospecting, Spend,
};
pub use query::{ListQuery, Page, SortOrder};
pub use task::{AcceptTask, TaskStatus};
