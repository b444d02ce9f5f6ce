//! Our own types for everything the app shows and sends. Nothing here knows about the AWS SDK:
//! the service adapter converts at the boundary.

mod cached;
mod catalog;
pub mod changes;
mod clock;
pub mod countries;
mod engage;
mod engagement;
mod facts;
mod filters;
mod fold;
mod identity;
mod invitation;
pub mod journal;
mod opportunity;
mod payload;
mod query;
pub mod reject;
mod requests;
mod task;
mod view;
pub mod windows;

pub use cached::{CachedRow, CachedView};
pub use catalog::Catalog;
pub use clock::Clock;
pub use engage::{EngagementMember, Involvement};
pub use engagement::{Engagement, EngagementSummary, NewInvitation, NewPayload};
pub use filters::{console_url, Filters, PayloadChoice};
pub use fold::{fold, fold_into};
pub use identity::Identity;
pub use invitation::{
    InvitationDetail, InvitationStatus, InvitationSummary, Member, Participant, PayloadKind,
    Receiver,
};
pub use opportunity::{Linked, Opportunity, OpportunityDetails};
pub use payload::{
    AccountCustomer, AccountPlanningPayload, ChannelRecommendation, Contact, Customer, Enrichment,
    LeadCustomer, LeadInteraction, LeadPayload, OpportunityPayload, OutreachWindow, Payload,
    PreferredContact, Project, Prospecting, Spend,
};
pub use query::{ListQuery, Page, SortOrder};
pub use requests::{Requests, DAILY_READS, DAILY_WRITES};
pub use task::{
    PollSchedule, SavedAccepts, SavedTask, Task, TaskFilter, TaskKind, TaskStart, TaskStatus,
};
pub use view::{Origin, View, ViewSort};

/// Reads a value by its [`clap::ValueEnum`] name, so that a config file and the command line
/// spell it the same way. An unknown name is serde's usual "unknown variant" error.
fn deserialize_by_name<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: clap::ValueEnum,
{
    struct ByName<T>(std::marker::PhantomData<T>);

    /// "one of `a`, `b`", as serde words it.
    fn one_of<T: clap::ValueEnum>() -> String {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|p| format!("`{}`", p.get_name()))
            .collect();
        format!("one of {}", names.join(", "))
    }

    impl<T: clap::ValueEnum> serde::de::Visitor<'_> for ByName<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&one_of::<T>())
        }

        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
            T::from_str(s, false).map_err(|_| {
                E::custom(format_args!(
                    "unknown variant `{s}`, expected {}",
                    one_of::<T>()
                ))
            })
        }
    }

    d.deserialize_str(ByName(std::marker::PhantomData))
}
