//! Request bodies in the service's wire shape, for checking them against the model before
//! they are sent.

use serde_json::{json, Map, Value};

use crate::domain::{NewInvitation, NewPayload};

fn put(obj: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        obj.insert(key.to_string(), json!(v));
    }
}

/// A `CreateEngagementInvitationRequest`.
pub fn create_invitation_request(
    catalog: &str,
    engagement_id: &str,
    client_token: &str,
    invitation: &NewInvitation,
) -> Value {
    let mut receiver = Map::new();
    receiver.insert("AwsAccountId".into(), json!(invitation.receiver.account_id));
    put(&mut receiver, "Alias", &invitation.receiver.alias);
    let payload = match &invitation.payload {
        NewPayload::Opportunity(o) => {
            let spend: Vec<Value> = o
                .project
                .expected_spend
                .iter()
                .map(|s| {
                    let mut e = Map::new();
                    put(&mut e, "Amount", &s.amount);
                    e.insert("CurrencyCode".into(), json!(s.currency));
                    e.insert("Frequency".into(), json!(s.frequency));
                    e.insert("TargetCompany".into(), json!(s.target_company));
                    put(&mut e, "EstimationUrl", &s.estimation_url);
                    Value::Object(e)
                })
                .collect();
            let contacts: Vec<Value> = o
                .sender_contacts
                .iter()
                .map(|c| {
                    let mut e = Map::new();
                    e.insert("Email".into(), json!(c.email));
                    put(&mut e, "FirstName", &c.first_name);
                    put(&mut e, "LastName", &c.last_name);
                    put(&mut e, "BusinessTitle", &c.business_title);
                    put(&mut e, "Phone", &c.phone);
                    Value::Object(e)
                })
                .collect();
            let mut body = json!({
                "ReceiverResponsibilities": o.receiver_responsibilities,
                "Customer": {
                    "Industry": o.customer.industry,
                    "CompanyName": o.customer.company_name,
                    "WebsiteUrl": o.customer.website_url,
                    "CountryCode": o.customer.country_code,
                },
                "Project": {
                    "BusinessProblem": o.project.business_problem,
                    "Title": o.project.title,
                    "TargetCompletionDate": o.project.target_completion_date,
                    "ExpectedCustomerSpend": spend,
                },
            });
            if !contacts.is_empty() {
                body["SenderContacts"] = Value::Array(contacts);
            }
            json!({ "OpportunityInvitation": body })
        }
        NewPayload::Lead(l) => {
            let mut customer = Map::new();
            customer.insert("CompanyName".into(), json!(l.customer.company_name));
            put(&mut customer, "Industry", &l.customer.industry);
            put(&mut customer, "WebsiteUrl", &l.customer.website_url);
            put(&mut customer, "CountryCode", &l.customer.country_code);
            put(&mut customer, "AwsMaturity", &l.customer.aws_maturity);
            put(&mut customer, "MarketSegment", &l.customer.market_segment);
            let mut interaction = Map::new();
            put(&mut interaction, "SourceType", &l.interaction.source_type);
            put(&mut interaction, "SourceId", &l.interaction.source_id);
            put(&mut interaction, "SourceName", &l.interaction.source_name);
            put(&mut interaction, "Usecase", &l.interaction.use_case);
            interaction.insert(
                "ContactBusinessTitle".into(),
                json!(l.interaction.contact_business_title),
            );
            json!({ "LeadInvitation": { "Customer": customer, "Interaction": interaction } })
        }
    };
    json!({
        "Catalog": catalog,
        "ClientToken": client_token,
        "EngagementIdentifier": engagement_id,
        "Invitation": { "Message": invitation.message, "Receiver": { "Account": receiver }, "Payload": payload },
    })
}
