//! The partner's opportunities, engagements and who is in them: the SDK calls and their
//! conversion to our types.

use aws_sdk_partnercentralselling::operation::get_opportunity::GetOpportunityOutput;
use aws_sdk_partnercentralselling::types as sdk;

use super::convert::{non_empty, owned, time};
use super::{page, AwsPartnerCentral};
use crate::domain::{
    Customer, Engagement, EngagementMember, Opportunity, OpportunityDetails, Page, Spend,
};
use crate::service::ServiceResult;

impl AwsPartnerCentral {
    pub(super) async fn opportunity(&self, id: &str) -> ServiceResult<Opportunity> {
        let out = self
            .client
            .get_opportunity()
            .catalog(&self.catalog)
            .identifier(id)
            .send()
            .await
            .map_err(|e| self.fail(e))?;
        Ok(opportunity_of(&out))
    }

    pub(super) async fn opportunities(
        &self,
        next_token: Option<String>,
    ) -> ServiceResult<Page<Opportunity>> {
        let sort = sdk::OpportunitySort::builder()
            .sort_by(sdk::OpportunitySortName::LastModifieddate)
            .sort_order(sdk::SortOrder::Descending)
            .build()
            .expect("sort has both required members");
        let out = self
            .client
            .list_opportunities()
            .catalog(&self.catalog)
            .sort(sort)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| self.fail(e))?;
        let items = out.opportunity_summaries();
        Ok(page(items, opportunity_summary, out.next_token()))
    }

    pub(super) async fn engagement(&self, id: &str) -> ServiceResult<Engagement> {
        let out = self
            .client
            .get_engagement()
            .catalog(&self.catalog)
            .identifier(id)
            .send()
            .await
            .map_err(|e| self.fail(e))?;
        let context = out.contexts().iter().find_map(|c| match c.payload() {
            Some(sdk::EngagementContextPayload::CustomerProject(p)) => Some(p),
            _ => None,
        });
        Ok(Engagement {
            id: out.id().unwrap_or(id).to_string(),
            title: owned(out.title()),
            member_count: out.member_count(),
            customer: context.and_then(|p| p.customer()).map(|c| Customer {
                company_name: c.company_name().to_string(),
                industry: c.industry().as_str().to_string(),
                country_code: c.country_code().as_str().to_string(),
                website_url: c.website_url().to_string(),
            }),
            project_title: context
                .and_then(|p| p.project())
                .and_then(|p| non_empty(p.title())),
        })
    }

    pub(super) async fn members(
        &self,
        engagement_id: &str,
        next_token: Option<String>,
    ) -> ServiceResult<Page<EngagementMember>> {
        let out = self
            .client
            .list_engagement_members()
            .catalog(&self.catalog)
            .identifier(engagement_id)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| self.fail(e))?;
        let items = out.engagement_member_list();
        Ok(page(items, member, out.next_token()))
    }
}

/// What the inbox shows of GetOpportunity's answer.
fn opportunity_of(o: &GetOpportunityOutput) -> Opportunity {
    let life = o.life_cycle();
    Opportunity {
        id: o.id().to_string(),
        title: o.project().and_then(|p| p.title()).map(str::to_string),
        customer: o
            .customer()
            .and_then(|c| c.account())
            .and_then(|a| non_empty(a.company_name())),
        stage: life.and_then(|l| l.stage()).map(|s| s.as_str().to_string()),
        review_status: life
            .and_then(|l| l.review_status())
            .map(|s| s.as_str().to_string()),
        next_steps: life.and_then(|l| l.next_steps()).and_then(non_empty),
        target_close_date: life.and_then(|l| l.target_close_date()).and_then(non_empty),
        last_modified: time(Some(o.last_modified_date())),
        details: details(o),
    }
}

fn details(o: &GetOpportunityOutput) -> OpportunityDetails {
    let account = o.customer().and_then(|c| c.account());
    let project = o.project();
    OpportunityDetails {
        industry: account
            .and_then(|a| a.industry())
            .map(|i| i.as_str().to_string()),
        country_code: account
            .and_then(|a| a.address())
            .and_then(|a| a.country_code())
            .map(|c| c.as_str().to_string()),
        website_url: account.and_then(|a| a.website_url()).and_then(non_empty),
        business_problem: project
            .and_then(|p| p.customer_business_problem())
            .and_then(non_empty),
        spend: project
            .map(|p| p.expected_customer_spend())
            .unwrap_or_default()
            .iter()
            .map(|s| Spend {
                amount: non_empty(s.amount()),
                currency: s.currency_code().as_str().to_string(),
                frequency: s.frequency().as_str().to_string(),
                target_company: s.target_company().to_string(),
                estimation_url: s.estimation_url().map(str::to_string),
            })
            .collect(),
    }
}

/// A ListOpportunities row; a summary has no project title.
fn opportunity_summary(o: &sdk::OpportunitySummary) -> Opportunity {
    let life = o.life_cycle();
    Opportunity {
        id: o.id().unwrap_or_default().to_string(),
        title: None,
        customer: o
            .customer()
            .and_then(|c| c.account())
            .and_then(|a| non_empty(a.company_name())),
        stage: life.and_then(|l| l.stage()).map(|s| s.as_str().to_string()),
        review_status: life
            .and_then(|l| l.review_status())
            .map(|s| s.as_str().to_string()),
        next_steps: life.and_then(|l| l.next_steps()).and_then(non_empty),
        target_close_date: life.and_then(|l| l.target_close_date()).and_then(non_empty),
        last_modified: time(o.last_modified_date()),
        details: OpportunityDetails::default(),
    }
}

fn member(m: &sdk::EngagementMember) -> EngagementMember {
    EngagementMember {
        account_id: owned(m.account_id()),
        company_name: owned(m.company_name()),
        website_url: owned(m.website_url()),
    }
}
