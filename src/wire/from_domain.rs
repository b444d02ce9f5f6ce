//! Our domain values in the service's shapes: for `--output json` and for request bodies.

use super::*;
use crate::domain;

impl From<&domain::Receiver> for Receiver {
    fn from(r: &domain::Receiver) -> Self {
        Receiver::Account(AccountReceiver {
            alias: r.alias.clone(),
            aws_account_id: r.account_id.clone(),
        })
    }
}

impl From<&domain::InvitationSummary> for InvitationCommon {
    fn from(s: &domain::InvitationSummary) -> Self {
        InvitationCommon {
            arn: s.arn.clone(),
            payload_type: s.payload_kind.clone(),
            id: s.id.clone(),
            engagement_id: s.engagement_id.clone(),
            engagement_title: s.engagement_title.clone(),
            status: s.status.clone(),
            invitation_date: s.invitation_date.map(Timestamp),
            expiration_date: s.expiration_date.map(Timestamp),
            sender_aws_account_id: s.sender_account_id.clone(),
            sender_company_name: s.sender_company.clone(),
            receiver: s.receiver.as_ref().map(Receiver::from),
            catalog: s.catalog.clone(),
        }
    }
}

impl From<&domain::InvitationSummary> for EngagementInvitationSummary {
    fn from(s: &domain::InvitationSummary) -> Self {
        EngagementInvitationSummary {
            common: s.into(),
            participant_type: s.participant,
        }
    }
}

impl From<&domain::InvitationDetail> for GetEngagementInvitationResponse {
    fn from(d: &domain::InvitationDetail) -> Self {
        GetEngagementInvitationResponse {
            common: (&d.summary).into(),
            rejection_reason: d.rejection_reason.clone(),
            payload: match &d.payload {
                domain::Payload::Opportunity(o) => Some(Payload::OpportunityInvitation(o.clone())),
                domain::Payload::Lead(l) => Some(Payload::LeadInvitation(l.clone())),
                domain::Payload::AccountPlanning(a) => {
                    Some(Payload::AccountPlanningInvitation(a.clone()))
                }
                domain::Payload::Other { kind, json } => {
                    Some(Payload::Other(kind.clone(), json.clone()))
                }
                domain::Payload::Unknown => None,
            },
            invitation_message: d.message.clone(),
            engagement_description: d.engagement_description.clone(),
            existing_members: d
                .existing_members
                .iter()
                .map(|m| EngagementMemberSummary {
                    company_name: m.company_name.clone(),
                    website_url: m.website_url.clone(),
                })
                .collect(),
            enrichment_context: d.enrichment.as_ref().map(EnrichmentContext::from),
        }
    }
}

impl From<&domain::Enrichment> for EnrichmentContext {
    fn from(e: &domain::Enrichment) -> Self {
        let prospecting = e
            .prospecting
            .as_ref()
            .map(|p| InvitationProspectingResultAws {
                customer: Some(ProspectingResultCustomer {
                    account_name: p.account_name.clone(),
                    geo: p.geo.clone(),
                    region: p.region.clone(),
                    sub_region: p.sub_region.clone(),
                    country: p.country_code.clone(),
                    industry: p.industry.clone(),
                    sub_industry: p.sub_industry.clone(),
                    segment: p.segment.clone(),
                    company_size: p.company_size.clone(),
                    eligible_programs: (!p.eligible_programs.is_empty())
                        .then(|| p.eligible_programs.clone()),
                    public_profile_summary: p.public_profile_summary.clone(),
                }),
                insights: Some(ProspectingInsights {
                    marketplace_engagement_score: p.engagement_score.clone(),
                    solution_score: p.solution_score.clone(),
                    solution_category: p.solution_category.clone(),
                    solution_sub_category: p.solution_sub_category.clone(),
                }),
            });
        EnrichmentContext {
            prospecting_result_aws: prospecting,
            lead_insights: (e.lead_readiness_score.is_some() || e.channel.is_some()).then(|| {
                LeadInsights {
                    lead_readiness_score: e.lead_readiness_score.clone(),
                    channel_recommendation: e.channel.clone(),
                }
            }),
        }
    }
}

impl From<&domain::Task> for TaskSummary {
    fn from(t: &domain::Task) -> Self {
        TaskSummary {
            task_id: Some(t.id.clone()),
            task_arn: t.arn.clone(),
            start_time: t.start_time.map(Timestamp),
            task_status: Some(t.status.clone()),
            message: t.message.clone(),
            reason_code: t.reason_code.clone(),
            opportunity_id: t.opportunity_id.clone(),
            resource_snapshot_job_id: t.snapshot_job_id.clone(),
            engagement_invitation_id: t.invitation_id.clone(),
            engagement_id: t.engagement_id.clone(),
        }
    }
}

impl From<&domain::EngagementSummary> for EngagementSummary {
    fn from(e: &domain::EngagementSummary) -> Self {
        EngagementSummary {
            common: EngagementCommon {
                arn: e.arn.clone(),
                id: e.id.clone(),
                title: e.title.clone(),
                created_at: e.created_at.map(Timestamp),
                created_by: e.created_by.clone(),
                member_count: e.member_count,
                modified_at: e.modified_at.map(Timestamp),
                modified_by: None,
            },
            context_types: e.context_types.clone(),
        }
    }
}

impl CreateEngagementInvitationRequest {
    /// The request that invites `invitation`'s receiver to an engagement.
    pub fn new(
        catalog: &str,
        engagement_id: &str,
        client_token: &str,
        invitation: &domain::NewInvitation,
    ) -> Self {
        CreateEngagementInvitationRequest {
            catalog: catalog.to_string(),
            client_token: client_token.to_string(),
            engagement_identifier: engagement_id.to_string(),
            invitation: Invitation {
                message: invitation.message.clone(),
                receiver: (&invitation.receiver).into(),
                payload: match &invitation.payload {
                    domain::NewPayload::Opportunity(o) => Payload::OpportunityInvitation(o.clone()),
                    domain::NewPayload::Lead(l) => Payload::LeadInvitation(l.clone()),
                },
            },
        }
    }
}
