//! The service's shapes as our domain values: for what the local store kept in the service's
//! own JSON form.

use super::*;
use crate::domain;

impl From<&AccountReceiver> for domain::Receiver {
    fn from(r: &AccountReceiver) -> Self {
        domain::Receiver {
            account_id: r.aws_account_id.clone(),
            alias: r.alias.clone(),
        }
    }
}

impl InvitationCommon {
    /// The summary these members describe, seen from `participant`'s side.
    pub fn to_domain(&self, participant: Option<Participant>) -> domain::InvitationSummary {
        domain::InvitationSummary {
            id: self.id.clone(),
            arn: self.arn.clone(),
            catalog: self.catalog.clone(),
            participant,
            status: self.status.clone(),
            payload_kind: self.payload_type.clone(),
            engagement_id: self.engagement_id.clone(),
            engagement_title: self.engagement_title.clone(),
            invitation_date: self.invitation_date.map(|t| t.0),
            expiration_date: self.expiration_date.map(|t| t.0),
            sender_account_id: self.sender_aws_account_id.clone(),
            sender_company: self.sender_company_name.clone(),
            receiver: self.receiver.as_ref().map(|r| match r {
                Receiver::Account(a) => a.into(),
            }),
        }
    }
}

impl From<&EngagementInvitationSummary> for domain::InvitationSummary {
    fn from(s: &EngagementInvitationSummary) -> Self {
        s.common.to_domain(s.participant_type)
    }
}

impl From<&GetEngagementInvitationResponse> for domain::InvitationDetail {
    fn from(d: &GetEngagementInvitationResponse) -> Self {
        domain::InvitationDetail {
            summary: d.common.to_domain(None),
            rejection_reason: d.rejection_reason.clone(),
            message: d.invitation_message.clone(),
            engagement_description: d.engagement_description.clone(),
            existing_members: d
                .existing_members
                .iter()
                .map(|m| domain::Member {
                    company_name: m.company_name.clone(),
                    website_url: m.website_url.clone(),
                })
                .collect(),
            payload: match &d.payload {
                Some(Payload::OpportunityInvitation(o)) => domain::Payload::Opportunity(o.clone()),
                Some(Payload::LeadInvitation(l)) => domain::Payload::Lead(l.clone()),
                Some(Payload::AccountPlanningInvitation(a)) => {
                    domain::Payload::AccountPlanning(a.clone())
                }
                Some(Payload::Other(kind, json)) => domain::Payload::Other {
                    kind: kind.clone(),
                    json: json.clone(),
                },
                None => domain::Payload::Unknown,
            },
            enrichment: d.enrichment_context.as_ref().map(domain::Enrichment::from),
        }
    }
}

impl From<&EnrichmentContext> for domain::Enrichment {
    fn from(e: &EnrichmentContext) -> Self {
        domain::Enrichment {
            prospecting: e.prospecting_result_aws.as_ref().map(|p| {
                let customer = p.customer.clone().unwrap_or_default();
                let insights = p.insights.clone().unwrap_or_default();
                domain::Prospecting {
                    account_name: customer.account_name,
                    geo: customer.geo,
                    region: customer.region,
                    sub_region: customer.sub_region,
                    country_code: customer.country,
                    industry: customer.industry,
                    sub_industry: customer.sub_industry,
                    segment: customer.segment,
                    company_size: customer.company_size,
                    eligible_programs: customer.eligible_programs.unwrap_or_default(),
                    public_profile_summary: customer.public_profile_summary,
                    engagement_score: insights.marketplace_engagement_score,
                    solution_score: insights.solution_score,
                    solution_category: insights.solution_category,
                    solution_sub_category: insights.solution_sub_category,
                }
            }),
            lead_readiness_score: e
                .lead_insights
                .as_ref()
                .and_then(|l| l.lead_readiness_score.clone()),
            channel: e
                .lead_insights
                .as_ref()
                .and_then(|l| l.channel_recommendation.clone()),
        }
    }
}
