//! The service's shapes as serde structs, named and spelled as the service model names them
//! (`assets/model/partnercentral-selling-2022-07-26.json`). One definition of each shape serves
//! the emulator's answers and seed, the CLI's `--output json` and the request bodies checked
//! against the model before they are sent, so these cannot drift apart.
//!
//! Members holding an enum hold the domain's enum ([`InvitationStatus`](crate::domain::InvitationStatus),
//! [`Participant`](crate::domain::Participant)…) and travel as the service's value (`PENDING`,
//! `RECEIVER`) through [`WireValue`]. Dates are [`Timestamp`]s. Optional members are `Option`s
//! and left out when `None`, as the service leaves them out.

mod engagement;
mod from_domain;
mod invitation;
mod task;
mod to_domain;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::{InvitationStatus, Participant, PayloadKind, TaskStatus};

pub use engagement::{
    CreateEngagementResponse, EngagementCommon, EngagementContextDetails, EngagementSummary,
    GetEngagementResponse, ListEngagementsResponse,
};
pub use invitation::{
    AccountReceiver, CreateEngagementInvitationRequest, CreateEngagementInvitationResponse,
    EngagementInvitationSummary, EngagementMemberSummary, EnrichmentContext,
    GetEngagementInvitationResponse, Invitation, InvitationCommon, InvitationProspectingResultAws,
    LeadInsights, ListEngagementInvitationsResponse, Payload, ProspectingInsights,
    ProspectingResultCustomer, Receiver,
};

/// The shapes inside an invitation's payload are the domain's own structs; their serde form
/// has the model's member names.
pub use crate::domain::{
    AccountCustomer, AccountPlanningPayload as AccountPlanningInvitationPayload,
    ChannelRecommendation, Contact as SenderContact, Customer as EngagementCustomer,
    LeadCustomer as LeadInvitationCustomer, LeadInteraction as LeadInvitationInteraction,
    LeadPayload as LeadInvitationPayload, OpportunityPayload as OpportunityInvitationPayload,
    OutreachWindow as BestOutreachWindow, PreferredContact as PreferredContactWindow,
    Project as ProjectDetails, Spend as ExpectedCustomerSpend,
};
pub use task::{ListTasksResponse, TaskSummary};

/// A `DateTime` member: ISO-8601 in UTC with milliseconds, `2026-11-26T12:00:00.000Z`, as the
/// model's `timestampFormat: iso8601` wants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Timestamp(t)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_rfc3339_opts(SecondsFormat::Millis, true))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text)
            .map(|t| Timestamp(t.with_timezone(&Utc)))
            .map_err(|e| serde::de::Error::custom(format!("`{text}` is not ISO-8601: {e}")))
    }
}

/// A domain enum that the service sends as a string value.
pub trait WireValue: Sized {
    /// The service's value, e.g. `PENDING`.
    fn to_wire(&self) -> &str;
    /// The enum for a service value; `None` when this build cannot represent it.
    fn read_wire(s: &str) -> Option<Self>;
}

/// The domain enums' `as_wire` and `from_wire`, as a [`WireValue`].
macro_rules! wire_value {
    ($($t:ty => $read:expr),* $(,)?) => {$(
        impl WireValue for $t {
            fn to_wire(&self) -> &str {
                self.as_wire()
            }
            fn read_wire(s: &str) -> Option<Self> {
                $read(s)
            }
        }
    )*};
}

wire_value! {
    InvitationStatus => |s| Some(InvitationStatus::from_wire(s)),
    Participant => Participant::from_wire,
    PayloadKind => |s| Some(PayloadKind::from_wire(s)),
    TaskStatus => |s| Some(TaskStatus::from_wire(s)),
}

/// `#[serde(with = "value")]`: a member holding a [`WireValue`].
pub mod value {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::WireValue;

    pub fn serialize<T: WireValue, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v.to_wire())
    }

    pub fn deserialize<'de, T: WireValue, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        let text = String::deserialize(d)?;
        T::read_wire(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown value `{text}`")))
    }
}

/// `#[serde(default, with = "optional")]`: an optional member holding a [`WireValue`].
pub mod optional {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::WireValue;

    pub fn serialize<T: WireValue, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => super::value::serialize(v, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: WireValue, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => T::read_wire(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown value `{text}`"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn none_members_are_left_out_at_any_depth() {
        let summary = EngagementSummary {
            common: EngagementCommon {
                id: "eng-1".into(),
                ..EngagementCommon::default()
            },
            context_types: vec![],
        };
        let list = ListEngagementsResponse {
            engagement_summary_list: vec![summary],
            next_token: None,
        };
        assert_eq!(
            serde_json::to_value(&list).unwrap(),
            serde_json::json!({"EngagementSummaryList": [{"Id": "eng-1", "ContextTypes": []}]})
        );
    }

    #[test]
    fn enums_travel_as_the_service_values() {
        let summary = EngagementInvitationSummary {
            common: InvitationCommon {
                id: "engi-1".into(),
                catalog: "AWS".into(),
                status: Some(InvitationStatus::Pending),
                payload_type: Some(PayloadKind::Lead),
                ..InvitationCommon::default()
            },
            participant_type: Some(Participant::Received),
        };
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"Id": "engi-1", "Catalog": "AWS", "Status": "PENDING",
                "PayloadType": "LeadInvitation", "ParticipantType": "RECEIVER"})
        );
        let back: EngagementInvitationSummary = serde_json::from_value(json).unwrap();
        assert_eq!(back, summary);
    }

    #[test]
    fn timestamps_are_iso_8601_with_milliseconds() {
        let t = Timestamp(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
        let text = serde_json::to_string(&t).unwrap();
        assert_eq!(text, "\"2026-11-26T12:00:00.000Z\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&text).unwrap(), t);
    }

    #[test]
    fn a_payload_member_this_build_does_not_know_is_kept_as_sent() {
        let json = serde_json::json!({
            "Id": "engi-1", "Catalog": "AWS", "PayloadType": "PartnerReferralInvitation",
            "ExistingMembers": [],
            "Payload": {"PartnerReferralInvitation": {"Referral": {"Name": "Ærø", "Score": 0.9}}}
        });
        let detail: GetEngagementInvitationResponse = serde_json::from_value(json.clone()).unwrap();
        let Some(Payload::Other(name, value)) = &detail.payload else {
            panic!("{:?}", detail.payload)
        };
        assert_eq!(name, "PartnerReferralInvitation");
        assert_eq!(value["Referral"]["Score"], 0.9);
        assert_eq!(serde_json::to_value(&detail).unwrap(), json, "unchanged");
        let domain = crate::domain::InvitationDetail::from(&detail);
        assert_eq!(
            serde_json::to_value(GetEngagementInvitationResponse::from(&domain)).unwrap(),
            json,
            "through our own types and back"
        );
    }

    #[test]
    fn a_union_with_no_member_or_two_is_refused() {
        for payload in [serde_json::json!({}), serde_json::json!({"A": {}, "B": {}})] {
            let refused = serde_json::from_value::<Payload>(payload).unwrap_err();
            assert!(
                refused.to_string().contains("exactly one member"),
                "{refused}"
            );
        }
    }
}
