//! `--arrivals-every`: a new PENDING invitation for the first account every so often on the
//! emulator's clock, alternately from AWS and from the second account (a real cross-account
//! invitation, which that account lists as sent). They are delivered lazily, when a request
//! reads or changes a catalog, each dated when it was due, so nothing runs in the background.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::accounts::Accounts;
use super::members::Member;
use super::seed::synthetic;
use super::store::{millis, CatalogData, Engagement, Invitation};
use crate::domain::{Catalog, InvitationStatus};

/// The sender of invitations from AWS, as the seed's look.
const AWS_ACCOUNT: &str = "000000000000";
const AWS_COMPANY: &str = "Amazon Web Services";
const AWS_WEBSITE: &str = "https://aws.amazon.com";
/// How long an arrived invitation stays open.
const LIFETIME_DAYS: i64 = 15;

/// The arrival schedule and how far each catalog has received it.
#[derive(Debug, Clone)]
pub struct Arrivals {
    every: Duration,
    start: DateTime<Utc>,
    delivered: HashMap<Catalog, u64>,
}

impl Arrivals {
    /// One invitation every `every` (at least a millisecond) from `start` on.
    pub fn new(every: Duration, start: DateTime<Utc>) -> Self {
        Arrivals {
            every: every.max(Duration::milliseconds(1)),
            start,
            delivered: HashMap::new(),
        }
    }

    /// How many invitations have arrived by `now`.
    fn count_by(&self, now: DateTime<Utc>) -> u64 {
        let elapsed = (now - self.start).num_milliseconds().max(0);
        (elapsed / self.every.num_milliseconds()) as u64
    }

    /// Whether an invitation has arrived by `now` that `catalog` does not hold yet.
    pub fn due(&self, catalog: Catalog, now: DateTime<Utc>) -> bool {
        self.count_by(now) > self.delivered.get(&catalog).copied().unwrap_or(0)
    }

    /// Adds to `data` (the data of `catalog`) every invitation that has arrived by `now`, with
    /// its engagement.
    pub fn deliver(
        &mut self,
        catalog: Catalog,
        data: &mut CatalogData,
        accounts: &Accounts,
        now: DateTime<Utc>,
    ) {
        let target = self.count_by(now);
        let delivered = self.delivered.entry(catalog).or_default();
        for n in *delivered + 1..=target {
            let step = self.every.num_milliseconds() * n as i64;
            let at = millis(self.start + Duration::milliseconds(step));
            let (engagement, invitation) = arrival(n, accounts, at);
            data.engagements.insert(engagement.id.clone(), engagement);
            data.invitations.insert(Arc::new(invitation));
        }
        *delivered = target.max(*delivered);
    }
}

/// The `n`th arrival (from 1), at `at`: from AWS when `n` is odd, else from the second account
/// if there is one; with the engagement its sender created for it.
fn arrival(n: u64, accounts: &Accounts, at: DateTime<Utc>) -> (Engagement, Invitation) {
    let sender = match accounts.iter().nth(1).filter(|_| n.is_multiple_of(2)) {
        Some(partner) => partner.member(),
        None => Member {
            account_id: AWS_ACCOUNT.into(),
            company_name: AWS_COMPANY.into(),
            website_url: Some(AWS_WEBSITE.into()),
        },
    };
    let mut invitation = synthetic(n as usize, accounts.first(), at);
    invitation.id = format!("engi-a{n:012}").into();
    invitation.status = InvitationStatus::Pending;
    invitation.invitation_date = at;
    invitation.expiration_date = Some(at + Duration::days(LIFETIME_DAYS));
    invitation.engagement_id = format!("eng-a{n:013}").into();
    invitation.sender_account = sender.account_id.as_str().into();
    invitation.sender_company = sender.company_name.clone();
    invitation.rejection_reason = None;
    invitation.existing_members = vec![sender.summary()];
    let engagement = Engagement {
        id: invitation.engagement_id.to_string(),
        title: invitation.engagement_title.clone(),
        description: invitation.engagement_description.clone(),
        created_at: at,
        created_by: sender.account_id.clone(),
        members: vec![sender],
        modified_at: at,
        context_types: Vec::new(),
        contexts: Vec::new(),
    };
    (engagement, invitation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::seed::Seed;

    fn senders(accounts: &Accounts) -> Vec<String> {
        let start = Utc::now();
        let mut arrivals = Arrivals::new(Duration::seconds(10), start);
        let mut data = CatalogData::default();
        let later = start + Duration::seconds(45);
        assert!(!arrivals.due(Catalog::Aws, start + Duration::seconds(9)));
        assert!(arrivals.due(Catalog::Aws, later));
        arrivals.deliver(Catalog::Aws, &mut data, accounts, later);
        arrivals.deliver(Catalog::Aws, &mut data, accounts, later);
        assert!(!arrivals.due(Catalog::Aws, later));
        assert!(arrivals.due(Catalog::Sandbox, later));
        (1..=5)
            .map(|n| {
                let id = format!("engi-a{n:012}");
                let invitation = data.invitations.get(&id).cloned();
                assert_eq!(n == 5, invitation.is_none(), "{id}");
                invitation.map_or_else(String::new, |i| {
                    assert_eq!(i.invitation_date, millis(start + Duration::seconds(10 * n)));
                    assert_eq!(i.status, InvitationStatus::Pending);
                    let engagement = &data.engagements[&*i.engagement_id];
                    assert_eq!(engagement.members[0].account_id, *i.sender_account);
                    i.sender_account.to_string()
                })
            })
            .collect()
    }

    #[test]
    fn arrivals_alternate_between_aws_and_the_second_account_and_arrive_once() {
        let seed = Seed::embedded().materialize(Utc::now()).unwrap();
        let second = seed.accounts.iter().nth(1).unwrap().aws_account_id.clone();
        let aws = AWS_ACCOUNT.to_string();
        assert_eq!(
            senders(&seed.accounts),
            [
                aws.clone(),
                second.clone(),
                aws.clone(),
                second,
                String::new()
            ]
        );
        let alone = Accounts::new(vec![seed.accounts.first().clone()]).unwrap();
        assert_eq!(
            senders(&alone),
            [aws.clone(), aws.clone(), aws.clone(), aws, String::new()]
        );
    }
}
