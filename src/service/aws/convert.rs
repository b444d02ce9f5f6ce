//! Conversions between SDK types and our domain types. SDK types go no further than this module.

use aws_sdk_partnercentralselling::types as sdk;
use aws_smithy_types::DateTime as SdkDateTime;
use chrono::{DateTime, Utc};

use crate::domain::{
    Contact, Customer, EngagementSummary, Enrichment, InvitationDetail, InvitationStatus,
    InvitationSummary, LeadCustomer, LeadInteraction, LeadPayload, Member, NewInvitation,
    NewPayload, OpportunityPayload, Participant, Payload, PayloadKind, Project, Prospecting,
    Receiver, Spend, TaskStatus,
};
use crate::service::{FieldError, ServiceError};

pub(super) fn time(t: Option<&SdkDateTime>) -> Option<DateTime<Utc>> {
    let t = t?;
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

pub(super) fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_string)
}

pub(super) fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn receiver(r: Option<&sdk::Receiver>) -> Option<Receiver> {
    match r? {
        sdk::Receiver::Account(a) => Some(Receiver {
            account_id: a.aws_account_id().to_string(),
            alias: owned(a.alias()),
        }),
        _ => None,
    }
}

fn participant(p: Option<&sdk::ParticipantType>) -> Option<Participant> {
    match p? {
        sdk::ParticipantType::Receiver => Some(Participant::Received),
        sdk::ParticipantType::Sender => Some(Participant::Sent),
        _ => None,
    }
}

pub(super) fn summary(s: &sdk::EngagementInvitationSummary) -> InvitationSummary {
    InvitationSummary {
        id: s.id().to_string(),
        arn: owned(s.arn()),
        catalog: s.catalog().to_string(),
        participant: participant(s.participant_type()),
        status: s.status().map(|v| InvitationStatus::from_wire(v.as_str())),
        payload_kind: s.payload_type().map(|v| PayloadKind::from_wire(v.as_str())),
        engagement_id: owned(s.engagement_id()),
        engagement_title: owned(s.engagement_title()),
        invitation_date: time(s.invitation_date()),
        expiration_date: time(s.expiration_date()),
        sender_account_id: owned(s.sender_aws_account_id()),
        sender_company: owned(s.sender_company_name()),
        receiver: receiver(s.receiver()),
    }
}

pub(super) fn detail(
    o: &aws_sdk_partnercentralselling::operation::get_engagement_invitation::GetEngagementInvitationOutput,
) -> InvitationDetail {
    InvitationDetail {
        summary: InvitationSummary {
            id: o.id().to_string(),
            arn: owned(o.arn()),
            catalog: o.catalog().to_string(),
            participant: None,
            status: o.status().map(|v| InvitationStatus::from_wire(v.as_str())),
            payload_kind: o.payload_type().map(|v| PayloadKind::from_wire(v.as_str())),
            engagement_id: owned(o.engagement_id()),
            engagement_title: owned(o.engagement_title()),
            invitation_date: time(o.invitation_date()),
            expiration_date: time(o.expiration_date()),
            sender_account_id: owned(o.sender_aws_account_id()),
            sender_company: owned(o.sender_company_name()),
            receiver: receiver(o.receiver()),
        },
        rejection_reason: owned(o.rejection_reason()),
        message: owned(o.invitation_message()),
        engagement_description: owned(o.engagement_description()),
        existing_members: o
            .existing_members()
            .iter()
            .map(|m| Member {
                company_name: owned(m.company_name()),
                website_url: owned(m.website_url()),
            })
            .collect(),
        payload: payload(o.payload()),
        enrichment: o.enrichment_context().map(enrichment),
    }
}

fn payload(p: Option<&sdk::Payload>) -> Payload {
    match p {
        Some(sdk::Payload::OpportunityInvitation(o)) => Payload::Opportunity(opportunity(o)),
        Some(sdk::Payload::LeadInvitation(l)) => Payload::Lead(lead(l)),
        _ => Payload::Unknown,
    }
}

fn opportunity(o: &sdk::OpportunityInvitationPayload) -> OpportunityPayload {
    OpportunityPayload {
        customer: o
            .customer()
            .map(|c| Customer {
                company_name: c.company_name().to_string(),
                industry: c.industry().as_str().to_string(),
                country_code: c.country_code().as_str().to_string(),
                website_url: c.website_url().to_string(),
            })
            .unwrap_or_default(),
        project: o
            .project()
            .map(|p| Project {
                title: p.title().to_string(),
                business_problem: p.business_problem().to_string(),
                target_completion_date: p.target_completion_date().to_string(),
                expected_spend: p.expected_customer_spend().iter().map(spend).collect(),
            })
            .unwrap_or_default(),
        receiver_responsibilities: o
            .receiver_responsibilities()
            .iter()
            .map(|r| r.as_str().to_string())
            .collect(),
        sender_contacts: o
            .sender_contacts()
            .iter()
            .map(|c| Contact {
                email: c.email().to_string(),
                first_name: owned(c.first_name()),
                last_name: owned(c.last_name()),
                business_title: owned(c.business_title()),
                phone: owned(c.phone()),
            })
            .collect(),
    }
}

fn spend(s: &sdk::ExpectedCustomerSpend) -> Spend {
    Spend {
        amount: non_empty(s.amount()),
        currency: s.currency_code().as_str().to_string(),
        frequency: s.frequency().as_str().to_string(),
        target_company: s.target_company().to_string(),
        estimation_url: owned(s.estimation_url()),
    }
}

fn lead(l: &sdk::LeadInvitationPayload) -> LeadPayload {
    LeadPayload {
        customer: l
            .customer()
            .map(|c| LeadCustomer {
                company_name: c.company_name().to_string(),
                industry: owned(c.industry()),
                website_url: owned(c.website_url()),
                country_code: non_empty(c.country_code()),
                aws_maturity: owned(c.aws_maturity()),
                market_segment: owned(c.market_segment()),
            })
            .unwrap_or_default(),
        interaction: l
            .interaction()
            .map(|i| LeadInteraction {
                source_type: non_empty(i.source_type()),
                source_id: non_empty(i.source_id()),
                source_name: non_empty(i.source_name()),
                use_case: owned(i.usecase()),
                contact_business_title: i.contact_business_title().to_string(),
            })
            .unwrap_or_default(),
    }
}

fn enrichment(e: &sdk::EnrichmentContext) -> Enrichment {
    Enrichment {
        prospecting: e.prospecting_result_aws().map(|p| {
            let c = p.customer();
            let i = p.insights();
            Prospecting {
                account_name: owned(c.and_then(|c| c.account_name())),
                geo: owned(c.and_then(|c| c.geo())),
                region: owned(c.and_then(|c| c.region())),
                sub_region: owned(c.and_then(|c| c.sub_region())),
                country_code: c.and_then(|c| c.country()).map(|v| v.as_str().to_string()),
                industry: c.and_then(|c| c.industry()).map(|v| v.as_str().to_string()),
                sub_industry: owned(c.and_then(|c| c.sub_industry())),
                segment: owned(c.and_then(|c| c.segment())),
                company_size: owned(c.and_then(|c| c.company_size())),
                eligible_programs: c
                    .map(|c| c.eligible_programs().to_vec())
                    .unwrap_or_default(),
                public_profile_summary: owned(c.and_then(|c| c.public_profile_summary())),
                engagement_score: owned(i.and_then(|i| i.marketplace_engagement_score())),
                solution_score: owned(i.and_then(|i| i.solution_score())),
                solution_category: owned(i.and_then(|i| i.solution_category())),
                solution_sub_category: owned(i.and_then(|i| i.solution_sub_category())),
            }
        }),
        lead_readiness_score: owned(e.lead_insights().and_then(|l| l.lead_readiness_score())),
    }
}

/// A task's status; a missing one is unknown.
pub(super) fn task_status(s: Option<&sdk::TaskStatus>) -> TaskStatus {
    s.map(|s| TaskStatus::from_wire(s.as_str()))
        .unwrap_or(TaskStatus::Unknown(String::new()))
}

pub(super) fn engagement(e: &sdk::EngagementSummary) -> EngagementSummary {
    EngagementSummary {
        id: e.id().unwrap_or_default().to_string(),
        arn: owned(e.arn()),
        title: owned(e.title()),
        created_at: time(e.created_at()),
        created_by: owned(e.created_by()),
        member_count: e.member_count(),
        modified_at: time(e.modified_at()),
        context_types: e
            .context_types()
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
    }
}

/// A request the SDK refused to build (a required member is missing) reads like a validation error.
fn build_error(e: aws_smithy_types::error::operation::BuildError) -> ServiceError {
    ServiceError::Validation {
        message: "the request is incomplete".to_string(),
        fields: vec![FieldError {
            field: None,
            message: e.to_string(),
            code: "REQUIRED_FIELD_MISSING".to_string(),
        }],
    }
}

pub(super) fn new_invitation(n: &NewInvitation) -> Result<sdk::Invitation, ServiceError> {
    let receiver = sdk::Receiver::Account(
        sdk::AccountReceiver::builder()
            .aws_account_id(&n.receiver.account_id)
            .set_alias(n.receiver.alias.clone())
            .build()
            .map_err(build_error)?,
    );
    let payload = match &n.payload {
        NewPayload::Opportunity(o) => sdk::Payload::OpportunityInvitation(new_opportunity(o)?),
        NewPayload::Lead(l) => sdk::Payload::LeadInvitation(new_lead(l)?),
    };
    sdk::Invitation::builder()
        .message(&n.message)
        .receiver(receiver)
        .payload(payload)
        .build()
        .map_err(build_error)
}

fn new_opportunity(
    o: &OpportunityPayload,
) -> Result<sdk::OpportunityInvitationPayload, ServiceError> {
    let customer = sdk::EngagementCustomer::builder()
        .company_name(&o.customer.company_name)
        .industry(sdk::Industry::from(o.customer.industry.as_str()))
        .country_code(sdk::CountryCode::from(o.customer.country_code.as_str()))
        .website_url(&o.customer.website_url)
        .build()
        .map_err(build_error)?;
    let spend = o
        .project
        .expected_spend
        .iter()
        .map(|s| {
            sdk::ExpectedCustomerSpend::builder()
                .set_amount(s.amount.clone())
                .currency_code(sdk::CurrencyCode::from(s.currency.as_str()))
                .frequency(sdk::PaymentFrequency::from(s.frequency.as_str()))
                .target_company(&s.target_company)
                .set_estimation_url(s.estimation_url.clone())
                .build()
                .map_err(build_error)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let project = sdk::ProjectDetails::builder()
        .title(&o.project.title)
        .business_problem(&o.project.business_problem)
        .target_completion_date(&o.project.target_completion_date)
        .set_expected_customer_spend(Some(spend))
        .build()
        .map_err(build_error)?;
    let contacts = o
        .sender_contacts
        .iter()
        .map(|c| {
            sdk::SenderContact::builder()
                .email(&c.email)
                .set_first_name(c.first_name.clone())
                .set_last_name(c.last_name.clone())
                .set_business_title(c.business_title.clone())
                .set_phone(c.phone.clone())
                .build()
                .map_err(build_error)
        })
        .collect::<Result<Vec<_>, _>>()?;
    sdk::OpportunityInvitationPayload::builder()
        .customer(customer)
        .project(project)
        .set_receiver_responsibilities(Some(
            o.receiver_responsibilities
                .iter()
                .map(|r| sdk::ReceiverResponsibility::from(r.as_str()))
                .collect(),
        ))
        .set_sender_contacts((!contacts.is_empty()).then_some(contacts))
        .build()
        .map_err(build_error)
}

fn new_lead(l: &LeadPayload) -> Result<sdk::LeadInvitationPayload, ServiceError> {
    let customer = sdk::LeadInvitationCustomer::builder()
        .company_name(&l.customer.company_name)
        .set_industry(l.customer.industry.clone())
        .set_website_url(l.customer.website_url.clone())
        .set_country_code(l.customer.country_code.clone())
        .set_aws_maturity(l.customer.aws_maturity.clone())
        .set_market_segment(l.customer.market_segment.clone())
        .build()
        .map_err(build_error)?;
    let interaction = sdk::LeadInvitationInteraction::builder()
        .set_source_type(l.interaction.source_type.clone())
        .set_source_id(l.interaction.source_id.clone())
        .set_source_name(l.interaction.source_name.clone())
        .set_usecase(l.interaction.use_case.clone())
        .contact_business_title(&l.interaction.contact_business_title)
        .build()
        .map_err(build_error)?;
    Ok(sdk::LeadInvitationPayload::builder()
        .customer(customer)
        .interaction(interaction)
        .build())
}
