//! The invitation file of `pc-inbox create --file`: TOML with the form's fields
//! (`assets/invitation.example.toml` shows every key).

use serde::Deserialize;

use crate::compose::draft::{Draft, DraftContact, DraftKind, DraftSpend};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    engagement: String,
    client_token: Option<String>,
    message: String,
    receiver: ReceiverFile,
    opportunity: Option<OpportunityFile>,
    lead: Option<LeadFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReceiverFile {
    account_id: String,
    alias: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OpportunityFile {
    company: String,
    industry: String,
    country: String,
    website: String,
    title: String,
    business_problem: String,
    target_completion_date: String,
    #[serde(default)]
    responsibilities: Vec<String>,
    #[serde(default)]
    spend: Vec<SpendFile>,
    #[serde(default)]
    contacts: Vec<ContactFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpendFile {
    amount: String,
    currency: String,
    target_company: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactFile {
    email: String,
    first_name: Option<String>,
    last_name: Option<String>,
    title: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeadFile {
    company: String,
    industry: Option<String>,
    country: String,
    website: Option<String>,
    aws_maturity: Option<String>,
    market_segment: Option<String>,
    source_type: String,
    source_name: String,
    source_id: String,
    use_case: Option<String>,
    contact_title: String,
}

/// Reads an invitation file into a draft. Without a `client_token`, the token is derived from
/// the file's content, so running the same file twice creates one invitation.
pub fn parse(text: &str) -> Result<Draft, String> {
    let file: File = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| {
            let before = &text[..s.start.min(text.len())];
            format!("line {}: ", before.matches('\n').count() + 1)
        });
        format!("{}{}", at.unwrap_or_default(), e.message())
    })?;
    let token = file.client_token.clone().unwrap_or_else(|| {
        use sha2::{Digest, Sha256};
        format!(
            "pc-inbox-file-{}",
            hex::encode(&Sha256::digest(text.as_bytes())[..16])
        )
    });
    let mut d = Draft::new(token);
    d.engagement_id = file.engagement;
    d.receiver_account = file.receiver.account_id;
    d.receiver_alias = file.receiver.alias.unwrap_or_default();
    d.message = file.message;
    match (file.opportunity, file.lead) {
        (Some(o), None) => {
            d.kind = DraftKind::Opportunity;
            d.company = o.company;
            d.industry = o.industry;
            d.country = o.country;
            d.website = o.website;
            d.project_title = o.title;
            d.business_problem = o.business_problem;
            d.target_date = o.target_completion_date;
            d.responsibilities = o.responsibilities;
            d.spend = o
                .spend
                .into_iter()
                .map(|s| DraftSpend {
                    amount: s.amount,
                    currency: s.currency,
                    target_company: s.target_company,
                })
                .collect();
            d.contacts = o
                .contacts
                .into_iter()
                .map(|c| DraftContact {
                    email: c.email,
                    first_name: c.first_name.unwrap_or_default(),
                    last_name: c.last_name.unwrap_or_default(),
                    title: c.title.unwrap_or_default(),
                    phone: c.phone.unwrap_or_default(),
                })
                .collect();
        }
        (None, Some(l)) => {
            d.kind = DraftKind::Lead;
            d.lead_company = l.company;
            d.lead_industry = l.industry.unwrap_or_default();
            d.lead_country = l.country;
            d.lead_website = l.website.unwrap_or_default();
            d.lead_maturity = l.aws_maturity.unwrap_or_default();
            d.lead_segment = l.market_segment.unwrap_or_default();
            d.source_type = l.source_type;
            d.source_name = l.source_name;
            d.source_id = l.source_id;
            d.use_case = l.use_case.unwrap_or_default();
            d.contact_title = l.contact_title;
        }
        _ => return Err("give exactly one of [opportunity] or [lead]".into()),
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_is_a_valid_invitation() {
        let draft = parse(include_str!("../../assets/invitation.example.toml")).unwrap();
        assert_eq!(
            crate::compose::validate::problems(
                &draft,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
            ),
            Default::default()
        );
        assert!(draft.client_token.starts_with("pc-inbox-file-"));
    }

    #[test]
    fn bad_files_say_where() {
        let err = parse("engagement = \"eng-1\"\nmessage = 3\n").unwrap_err();
        assert!(err.starts_with("line 2: "), "{err}");
        let err = parse("engagement = \"e\"\nmessage = \"m\"\n[receiver]\naccount_id = \"1\"\n")
            .unwrap_err();
        assert_eq!(err, "give exactly one of [opportunity] or [lead]");
    }
}
