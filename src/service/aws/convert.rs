//! Conversions between SDK types and our domain types. SDK types go no further than this module.

use aws_sdk_partnercentralselling::types as sdk;
use aws_smithy_types::DateTime as SdkDateTime;
use chrono::{DateTime, Utc};

use crate::domain::{
    EngagementSummary, LeadPayload, NewInvitation, NewPayload, OpportunityPayload, TaskStatus,
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
