//! What the local store keeps in the service's JSON comes back as the same domain values.

use crate::fixtures;

use pc_inbox::domain::{InvitationDetail, InvitationSummary};
use pc_inbox::wire::{EngagementInvitationSummary, GetEngagementInvitationResponse};

#[test]
fn details_and_summaries_survive_the_service_s_json() {
    for detail in [
        fixtures::opportunity(0),
        fixtures::lead(1),
        fixtures::opportunity(4),
    ] {
        let json = serde_json::to_string(&GetEngagementInvitationResponse::from(&detail)).unwrap();
        let wire: GetEngagementInvitationResponse = serde_json::from_str(&json).unwrap();
        let mut expected = detail.clone();
        expected.summary.participant = None;
        assert_eq!(
            InvitationDetail::from(&wire),
            expected,
            "everything but the participant, which a detail does not carry (the store keeps it)"
        );
    }
    let summary = fixtures::summary(3);
    let wire = EngagementInvitationSummary::from(&summary);
    assert_eq!(InvitationSummary::from(&wire), summary);
}
