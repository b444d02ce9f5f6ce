//! The doctor's checks, each from what it needs, each ending in one [`Check`] whatever fails.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::check::{Check, Subject, Verdict};
use super::Target;
use crate::domain::{
    InvitationSummary, ListQuery, Participant, PayloadKind, Requests, DAILY_READS, DAILY_WRITES,
};
use crate::service::{
    CallerIdentity, PartnerCentral, RequestTally, ServiceError, ServiceResult,
    PARTNER_CENTRAL_REGION,
};
use crate::store::{DataDir, DATABASE};

/// How long a check waits for AWS's answer (retries included) before it says there is none.
const PATIENCE: Duration = Duration::from_secs(20);
/// A read slower than this earns a warning.
const SLOW: Duration = Duration::from_secs(2);
/// The share of a daily quota past which a warning is given.
const NEARLY_USED: f64 = 0.8;
/// The page of received invitations whose payload types are looked at (the service's largest).
const PAGE: u32 = 100;

/// What `call` answered within [`PATIENCE`]; no answer by then is a network failure.
async fn patiently<T>(call: impl Future<Output = ServiceResult<T>>) -> ServiceResult<T> {
    tokio::time::timeout(PATIENCE, call)
        .await
        .unwrap_or_else(|_| {
            Err(ServiceError::Network {
                message: format!("nothing answered within {} s", PATIENCE.as_secs()),
            })
        })
}

/// Whom the credentials belong to, from STS.
pub async fn identity(who: &dyn CallerIdentity) -> Check {
    let why = match patiently(who.caller_identity()).await {
        Ok(me) => {
            return Check::new(
                Subject::Identity,
                Verdict::Ok,
                format!("{} · {}", me.account, me.arn),
                json!({"Account": me.account, "Arn": me.arn}),
            )
        }
        // Their texts name Partner Central, which this is not.
        Err(ServiceError::Network { message }) => message,
        Err(ServiceError::Service {
            code: Some(code),
            message,
        }) => format!("{code}: {message}"),
        Err(ServiceError::Service { message, .. }) => message,
        Err(e) => e.to_string(),
    };
    Check::new(
        Subject::Identity,
        Verdict::Fail,
        format!("STS GetCallerIdentity: {why}"),
        json!({"Account": null, "Arn": null}),
    )
}

/// The endpoint, region and catalog in use; a region Partner Central does not run in fails.
pub fn endpoint(target: &Target) -> Check {
    let said = format!(
        "{} · {} · catalog {}",
        target.endpoint, target.region, target.catalog
    );
    let details = json!({
        "Endpoint": target.endpoint,
        "Region": target.region,
        "Catalog": target.catalog,
    });
    if target.region == PARTNER_CENTRAL_REGION {
        Check::new(Subject::Endpoint, Verdict::Ok, said, details)
    } else {
        let why = format!("{said}: Partner Central runs only in {PARTNER_CENTRAL_REGION}");
        Check::new(Subject::Endpoint, Verdict::Fail, why, details)
    }
}

/// Whether the service answers one ListEngagementInvitations (MaxResults 1), and how fast.
pub async fn service(service: &dyn PartnerCentral) -> Check {
    let query = ListQuery {
        page_size: Some(1),
        ..ListQuery::new(Participant::Received)
    };
    let started = Instant::now();
    let answer = patiently(service.list_invitations(&query, None)).await;
    let took = started.elapsed();
    let ms = took.as_millis() as u64;
    match answer {
        Ok(_) if took > SLOW => Check::new(
            Subject::Service,
            Verdict::Warn,
            format!("answers, slowly: one ListEngagementInvitations took {ms} ms"),
            json!({"LatencyMs": ms}),
        ),
        Ok(_) => Check::new(
            Subject::Service,
            Verdict::Ok,
            format!("answers: one ListEngagementInvitations in {ms} ms"),
            json!({"LatencyMs": ms}),
        ),
        Err(e) => Check::new(
            Subject::Service,
            Verdict::Fail,
            e.to_string(),
            json!({"LatencyMs": null}),
        ),
    }
}

/// The payload types of one page of received invitations that this build does not know;
/// skipped when the service did not answer the `service` check.
pub async fn payload_types(service: &dyn PartnerCentral, answered: bool) -> Check {
    if !answered {
        return Check::new(
            Subject::PayloadTypes,
            Verdict::Skip,
            "not checked: the service did not answer",
            json!({"Read": null, "Unknown": {}}),
        );
    }
    let query = ListQuery {
        page_size: Some(PAGE),
        ..ListQuery::new(Participant::Received)
    };
    match patiently(service.list_invitations(&query, None)).await {
        Ok(page) => unknown_payloads(&page.items),
        Err(e) => Check::new(
            Subject::PayloadTypes,
            Verdict::Fail,
            format!("the invitations could not be listed: {e}"),
            json!({"Read": null, "Unknown": {}}),
        ),
    }
}

/// Which payload types of `rows` this build does not know, and how many of each.
fn unknown_payloads(rows: &[InvitationSummary]) -> Check {
    let mut unknown: BTreeMap<&str, u64> = BTreeMap::new();
    for row in rows {
        if let Some(PayloadKind::Unknown(name)) = &row.payload_kind {
            *unknown.entry(name.as_str()).or_default() += 1;
        }
    }
    let read = rows.len();
    let details = json!({"Read": read, "Unknown": unknown});
    if unknown.is_empty() {
        let said = format!("every payload type known ({read} received invitations read)");
        return Check::new(Subject::PayloadTypes, Verdict::Ok, said, details);
    }
    let count: u64 = unknown.values().sum();
    let names: Vec<String> = unknown.iter().map(|(n, c)| format!("{n} ({c})")).collect();
    let said = format!(
        "{count} of {read} received invitations have a payload type this version does not \
         know: {}; a newer pc-inbox shows them fully",
        names.join(", ")
    );
    Check::new(Subject::PayloadTypes, Verdict::Warn, said, details)
}

/// The store's health, and today's requests against the daily quotas from it, once the
/// requests counted in `tally` (this run's) are added.
pub fn store_and_quotas(
    data: Option<&DataDir>,
    tally: &RequestTally,
    now: DateTime<Utc>,
) -> (Check, Check) {
    let day = now.date_naive();
    let Some(data) = data else {
        let why = "no data directory: the home directory is not known";
        let store = Check::new(
            Subject::Store,
            Verdict::Fail,
            why,
            json!({"Path": null, "Schema": null}),
        );
        return (store, quotas(day, None));
    };
    let path = data.path().join(DATABASE);
    let opened = data.open().and_then(|mut opened| {
        crate::commands::count_requests(Some(&mut opened.store), tally);
        let schema = opened.store.schema_version()?;
        let requests = opened.store.requests_on(day)?;
        Ok((opened.warnings, schema, requests))
    });
    match opened {
        Ok((warnings, schema, requests)) => {
            let said = format!("{} · schema {schema}", path.display());
            let details = json!({"Path": path, "Schema": schema});
            let store = if warnings.is_empty() {
                Check::new(Subject::Store, Verdict::Ok, said, details)
            } else {
                let said = format!("{said} · {}", warnings.join("; "));
                Check::new(Subject::Store, Verdict::Warn, said, details)
            };
            (store, quotas(day, Some(requests)))
        }
        Err(e) => {
            let store = Check::new(
                Subject::Store,
                Verdict::Fail,
                format!("the store cannot be used: {e}"),
                json!({"Path": path, "Schema": null}),
            );
            (store, quotas(day, None))
        }
    }
}

/// Today's requests against the daily quotas; `None` when the store could not say.
fn quotas(day: NaiveDate, used: Option<Requests>) -> Check {
    let details = |used: Option<Requests>| {
        json!({
            "Day": day.to_string(),
            "Reads": {"Used": used.map(|u| u.reads), "Quota": DAILY_READS},
            "Writes": {"Used": used.map(|u| u.writes), "Quota": DAILY_WRITES},
        })
    };
    let Some(requests) = used else {
        let why = "not known: today's requests are counted in the store, which cannot be used";
        return Check::new(Subject::Quotas, Verdict::Warn, why, details(None));
    };
    let said = format!("{} today (UTC day {day})", requests.against_quota());
    let share = (requests.reads as f64 / DAILY_READS as f64)
        .max(requests.writes as f64 / DAILY_WRITES as f64);
    let (verdict, said) = if share >= 1.0 {
        let why =
            format!("{said}: a daily quota is used up, the service refuses more until 00:00 UTC");
        (Verdict::Fail, why)
    } else if share >= NEARLY_USED {
        let why = format!(
            "{said}: over {:.0}% of a daily quota used",
            NEARLY_USED * 100.0
        );
        (Verdict::Warn, why)
    } else {
        (Verdict::Ok, said)
    };
    Check::new(Subject::Quotas, verdict, said, details(Some(requests)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: &str) -> InvitationSummary {
        InvitationSummary {
            payload_kind: Some(PayloadKind::from_wire(kind)),
            ..InvitationSummary::default()
        }
    }

    #[test]
    fn payload_types_this_build_does_not_know_are_named_and_counted() {
        let known = [row("OpportunityInvitation"), row("LeadInvitation")];
        let check = unknown_payloads(&known);
        assert_eq!(check.verdict, Verdict::Ok);
        assert_eq!(check.details["Unknown"], json!({}));
        let mixed = [
            row("AccountPlanningInvitation"),
            row("PartnerReferralInvitation"),
            row("PartnerReferralInvitation"),
            row("MarketplaceInvitation"),
            InvitationSummary::default(),
        ];
        let check = unknown_payloads(&mixed);
        assert_eq!(check.verdict, Verdict::Warn);
        assert_eq!(check.details["Read"], 5);
        assert_eq!(
            check.details["Unknown"],
            json!({"PartnerReferralInvitation": 2, "MarketplaceInvitation": 1})
        );
        assert!(
            check.message.starts_with(
                "3 of 5 received invitations have a payload type this version does not know: \
                 MarketplaceInvitation (1), PartnerReferralInvitation (2)"
            ),
            "{}",
            check.message
        );
    }

    #[test]
    fn quotas_warn_past_four_fifths_and_fail_when_used_up() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let used = |reads, writes| quotas(day, Some(Requests { reads, writes })).verdict;
        assert_eq!(used(79_999, 7_999), Verdict::Ok);
        assert_eq!(used(80_000, 0), Verdict::Warn);
        assert_eq!(used(0, 8_000), Verdict::Warn);
        assert_eq!(used(100_000, 0), Verdict::Fail);
        assert_eq!(used(0, 10_000), Verdict::Fail);
        let unknown = quotas(day, None);
        assert_eq!(unknown.verdict, Verdict::Warn);
        assert_eq!(
            unknown.details["Reads"],
            json!({"Used": null, "Quota": 100_000})
        );
        let check = quotas(
            day,
            Some(Requests {
                reads: 3,
                writes: 1,
            }),
        );
        assert_eq!(
            check.message,
            "3 reads of 100,000 · 1 writes of 10,000 today (UTC day 2026-12-07)"
        );
    }

    #[test]
    fn a_region_partner_central_does_not_run_in_fails() {
        let target = |region: &str| Target {
            endpoint: "https://partnercentral-selling.us-east-1.api.aws".into(),
            region: region.into(),
            catalog: "Sandbox".into(),
        };
        let fine = endpoint(&target("us-east-1"));
        assert_eq!(fine.verdict, Verdict::Ok);
        assert_eq!(
            fine.message,
            "https://partnercentral-selling.us-east-1.api.aws · us-east-1 · catalog Sandbox"
        );
        let wrong = endpoint(&target("eu-west-1"));
        assert_eq!(wrong.verdict, Verdict::Fail);
        assert!(
            wrong.message.ends_with("runs only in us-east-1"),
            "{}",
            wrong.message
        );
    }
}
