//! The rules file's TOML form and its checks: every mistake is an error that names the rule
//! and the key, never a rule that silently matches nothing.

use serde::Deserialize;

use super::{Conditions, Money, Rule, RuleAction, Rules, Sender};
use crate::domain::countries::COUNTRIES;
use crate::domain::reject::reason_problem;
use crate::domain::{fold, PayloadKind};
use crate::model::model;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rule: Vec<RuleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    name: String,
    action: ActionName,
    reason: Option<String>,
    #[serde(default)]
    sender: Vec<String>,
    #[serde(default)]
    payload: Vec<PayloadName>,
    #[serde(default)]
    country: Vec<String>,
    #[serde(default)]
    industry: Vec<String>,
    min_monthly_spend: Option<MoneyEntry>,
    max_monthly_spend: Option<MoneyEntry>,
    expires_within_days: Option<u32>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum ActionName {
    Accept,
    Reject,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum PayloadName {
    Opportunity,
    Lead,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyEntry {
    amount: f64,
    currency: String,
}

/// Parses and checks a rules file.
pub fn parse(text: &str) -> Result<Rules, String> {
    let file: RulesFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut rules = Vec::with_capacity(file.rule.len());
    for (n, entry) in file.rule.into_iter().enumerate() {
        let label = format!("rule {} ({:?})", n + 1, entry.name);
        rules.push(check(entry).map_err(|e| format!("{label}: {e}"))?);
    }
    Ok(Rules { rules })
}

fn check(entry: RuleEntry) -> Result<Rule, String> {
    if entry.name.trim().is_empty() {
        return Err("`name` is empty".into());
    }
    let action = match (entry.action, entry.reason) {
        (ActionName::Accept, None) => RuleAction::Accept,
        (ActionName::Accept, Some(_)) => {
            return Err("`reason` is only for `action = \"reject\"`".into())
        }
        (ActionName::Reject, None) => {
            return Err("`action = \"reject\"` needs a `reason`, e.g. \"Unable to support\"".into())
        }
        (ActionName::Reject, Some(reason)) => match reason_problem(&reason) {
            Some(problem) => return Err(format!("`reason`: {problem}")),
            None => RuleAction::Reject { reason },
        },
    };
    let countries = entry
        .country
        .iter()
        .map(|c| {
            let code = c.trim().to_ascii_uppercase();
            match COUNTRIES.binary_search_by(|(k, _)| k.cmp(&code.as_str())) {
                Ok(_) => Ok(code),
                Err(_) => Err(format!(
                    "`country`: {c:?} is not an ISO 3166-1 alpha-2 code such as \"US\" or \"DE\""
                )),
            }
        })
        .collect::<Result<_, _>>()?;
    let industries = entry
        .industry
        .iter()
        .map(|i| {
            let known = known_industries().find(|k| fold(k) == fold(i.trim()));
            known.map(|k| fold(k)).ok_or_else(|| {
                format!("`industry`: {i:?} is not an industry the service knows (see the model's Industry values, e.g. \"Healthcare\")")
            })
        })
        .collect::<Result<_, _>>()?;
    let when = Conditions {
        senders: entry.sender.iter().map(|s| Sender::parse(s)).collect(),
        payloads: entry
            .payload
            .iter()
            .map(|p| match p {
                PayloadName::Opportunity => PayloadKind::Opportunity,
                PayloadName::Lead => PayloadKind::Lead,
            })
            .collect(),
        countries,
        industries,
        min_monthly_spend: entry
            .min_monthly_spend
            .map(|m| money(m, "min_monthly_spend"))
            .transpose()?,
        max_monthly_spend: entry
            .max_monthly_spend
            .map(|m| money(m, "max_monthly_spend"))
            .transpose()?,
        expires_within: entry
            .expires_within_days
            .map(|d| chrono::Duration::days(d.into())),
    };
    Ok(Rule {
        name: entry.name,
        when,
        action,
    })
}

/// Every industry name an opportunity or a lead customer can have.
fn known_industries() -> impl Iterator<Item = &'static String> {
    let m = model();
    m.enum_values("Industry")
        .iter()
        .chain(m.enum_values("LeadIndustry"))
}

fn money(entry: MoneyEntry, key: &str) -> Result<Money, String> {
    let currency = entry.currency.trim().to_ascii_uppercase();
    if !model().enum_values("CurrencyCode").contains(&currency) {
        return Err(format!(
            "`{key}.currency`: {:?} is not a currency code the service knows, e.g. \"USD\"",
            entry.currency
        ));
    }
    if !entry.amount.is_finite() || entry.amount < 0.0 {
        return Err(format!("`{key}.amount` must be a number ≥ 0"));
    }
    Ok(Money {
        amount: entry.amount,
        currency,
    })
}
