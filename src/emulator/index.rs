//! The invitations of one catalog, kept in listing order per emulated account and side
//! (received, sent), with a sorted list of keys per filter value (per status, payload type,
//! engagement and sender). An invitation between two emulated accounts is filed on both. A
//! page seeks to its NextToken and reads forward until it is full; it never sorts or scans
//! what it does not return, except rows a filter rejects on the way.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::ops::Bound;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::paging::{Seek, SortKey as Key};
use super::store::Invitation;
use crate::domain::{InvitationStatus, Participant, PayloadKind};

/// What a listing keeps; `None` keeps every value.
#[derive(Debug, Default)]
pub struct Filter {
    /// Statuses as read at the time of the request (a PENDING invitation past its expiry
    /// reads EXPIRED).
    pub statuses: Option<Vec<InvitationStatus>>,
    pub payloads: Option<Vec<PayloadKind>>,
    pub engagements: Option<Vec<String>>,
    pub senders: Option<Vec<String>>,
}

impl Filter {
    fn keeps(&self, invitation: &Invitation, now: DateTime<Utc>) -> bool {
        allows(&self.statuses, &invitation.status_at(now))
            && allows(&self.payloads, &invitation.payload.kind())
            && allows(&self.engagements, &*invitation.engagement_id)
            && allows(&self.senders, &*invitation.sender_account)
    }
}

fn allows<T: PartialEq<V>, V: ?Sized>(wanted: &Option<Vec<T>>, value: &V) -> bool {
    wanted.as_ref().is_none_or(|w| w.iter().any(|x| x == value))
}

/// See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Invitations {
    by_id: HashMap<Arc<str>, Arc<Invitation>>,
    /// Per emulated account; a party that is not one (AWS, other partners) has no sides.
    accounts: HashMap<Arc<str>, Sides>,
}

/// One account's received and sent invitations.
#[derive(Debug, Clone, Default)]
struct Sides {
    received: Side,
    sent: Side,
}

impl Sides {
    fn side_mut(&mut self, participant: Participant) -> &mut Side {
        match participant {
            Participant::Received => &mut self.received,
            Participant::Sent => &mut self.sent,
        }
    }
}

/// The invitations of one side, in listing order and per filter value.
#[derive(Debug, Clone, Default)]
struct Side {
    order: BTreeMap<Key, Arc<Invitation>>,
    /// By stored status: a listing of EXPIRED also reads the PENDING ones.
    by_status: Postings<InvitationStatus>,
    by_payload: Postings<PayloadKind>,
    by_engagement: Postings<Arc<str>>,
    by_sender: Postings<Arc<str>>,
}

impl Invitations {
    /// No invitations yet, filed for these accounts.
    pub fn new(accounts: &[&str]) -> Self {
        Invitations {
            by_id: HashMap::new(),
            accounts: accounts
                .iter()
                .map(|&a| (Arc::from(a), Sides::default()))
                .collect(),
        }
    }

    /// The invitation with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Invitation>> {
        self.by_id.get(id)
    }

    /// Adds an invitation, or replaces the one with its id.
    pub fn insert(&mut self, invitation: Arc<Invitation>) {
        self.remove(&invitation.id.clone());
        for (account, participant) in parties(&invitation) {
            if let Some(sides) = self.accounts.get_mut(account) {
                sides.side_mut(participant).add(&invitation);
            }
        }
        self.by_id.insert(invitation.id.clone(), invitation);
    }

    /// Changes the invitation with this id, if there is one, and files it again. It is
    /// copied first if another catalog shares it.
    pub fn update(&mut self, id: &str, change: impl FnOnce(&mut Invitation)) {
        if let Some(mut invitation) = self.remove(id) {
            change(Arc::make_mut(&mut invitation));
            self.insert(invitation);
        }
    }

    fn remove(&mut self, id: &str) -> Option<Arc<Invitation>> {
        let invitation = self.by_id.remove(id)?;
        for (account, participant) in parties(&invitation) {
            if let Some(sides) = self.accounts.get_mut(account) {
                sides.side_mut(participant).forget(&invitation);
            }
        }
        Some(invitation)
    }

    /// Whether `account` sent or received an invitation into this engagement.
    pub fn involves(&self, account: &str, engagement: &str) -> bool {
        self.accounts.get(account).is_some_and(|sides| {
            [&sides.received, &sides.sent]
                .iter()
                .any(|side| side.by_engagement.0.contains_key(engagement))
        })
    }

    /// One page of `account`'s listing of one side: at most `seek.max` rows that `filter`
    /// keeps at `now`, in listing order after `seek.after`, and whether more follow.
    pub fn page(
        &self,
        account: &str,
        participant: Participant,
        filter: &Filter,
        now: DateTime<Utc>,
        seek: &Seek,
    ) -> (Vec<&Arc<Invitation>>, bool) {
        let Some(sides) = self.accounts.get(account) else {
            return (Vec::new(), false);
        };
        let side = match participant {
            Participant::Received => &sides.received,
            Participant::Sent => &sides.sent,
        };
        let keeps = |i: &&Arc<Invitation>| filter.keeps(i, now);
        let wanted = seek.max.saturating_add(1);
        let mut rows: Vec<&Arc<Invitation>> = match side.narrowest(filter) {
            None => match (&seek.after, seek.descending) {
                (None, true) => side
                    .order
                    .values()
                    .rev()
                    .filter(keeps)
                    .take(wanted)
                    .collect(),
                (None, false) => side.order.values().filter(keeps).take(wanted).collect(),
                (Some(after), true) => {
                    let range = side.order.range(..after.clone());
                    range
                        .rev()
                        .map(|(_, i)| i)
                        .filter(keeps)
                        .take(wanted)
                        .collect()
                }
                (Some(after), false) => {
                    let range = (Bound::Excluded(after.clone()), Bound::Unbounded);
                    let range = side.order.range(range);
                    range.map(|(_, i)| i).filter(keeps).take(wanted).collect()
                }
            },
            Some(lists) => {
                let mut rows: Vec<&Arc<Invitation>> = lists
                    .into_iter()
                    .flat_map(|keys| {
                        let keys = after_cursor(keys, seek);
                        let keys: Box<dyn Iterator<Item = &Key>> = if seek.descending {
                            Box::new(keys.iter().rev())
                        } else {
                            Box::new(keys.iter())
                        };
                        keys.map(|k| &side.order[k]).filter(keeps).take(wanted)
                    })
                    .collect();
                rows.sort_by_key(|r| r.key());
                if seek.descending {
                    rows.reverse();
                }
                rows
            }
        };
        let more = rows.len() > seek.max;
        rows.truncate(seek.max);
        (rows, more)
    }
}

/// Who sent an invitation and who received it.
fn parties(invitation: &Invitation) -> [(&str, Participant); 2] {
    [
        (&invitation.sender_account, Participant::Sent),
        (invitation.receiver_account(), Participant::Received),
    ]
}

/// The part of a sorted list of keys that comes after the cursor, in either direction.
fn after_cursor<'a>(keys: &'a [Key], seek: &Seek) -> &'a [Key] {
    match (&seek.after, seek.descending) {
        (None, _) => keys,
        (Some(after), true) => &keys[..keys.partition_point(|k| k < after)],
        (Some(after), false) => &keys[keys.partition_point(|k| k <= after)..],
    }
}

impl Side {
    fn add(&mut self, invitation: &Arc<Invitation>) {
        let key = invitation.key();
        self.by_status.add(invitation.status.clone(), &key);
        self.by_payload.add(invitation.payload.kind(), &key);
        self.by_engagement
            .add(invitation.engagement_id.clone(), &key);
        self.by_sender.add(invitation.sender_account.clone(), &key);
        self.order.insert(key, invitation.clone());
    }

    fn forget(&mut self, invitation: &Invitation) {
        let key = invitation.key();
        self.by_status.remove(&invitation.status, &key);
        self.by_payload.remove(&invitation.payload.kind(), &key);
        self.by_engagement.remove(&*invitation.engagement_id, &key);
        self.by_sender.remove(&*invitation.sender_account, &key);
        self.order.remove(&key);
    }

    /// The key lists of the filter that keeps the fewest candidates, or `None` when no filter
    /// is set. Every row the filters keep is in one of the lists.
    fn narrowest(&self, filter: &Filter) -> Option<Vec<&[Key]>> {
        let stored = filter.statuses.as_ref().map(|statuses| {
            let mut stored: Vec<InvitationStatus> = statuses.clone();
            if statuses.contains(&InvitationStatus::Expired) {
                stored.push(InvitationStatus::Pending);
            }
            stored
        });
        let candidates = [
            stored.map(|s| self.by_status.lists(&s)),
            filter.payloads.as_ref().map(|p| self.by_payload.lists(p)),
            filter
                .engagements
                .as_ref()
                .map(|e| self.by_engagement.lists(e.iter().map(String::as_str))),
            filter
                .senders
                .as_ref()
                .map(|s| self.by_sender.lists(s.iter().map(String::as_str))),
        ];
        candidates
            .into_iter()
            .flatten()
            .min_by_key(|lists| lists.iter().map(|l| l.len()).sum::<usize>())
    }
}

/// Keys in listing order per value of one attribute.
#[derive(Debug, Clone)]
struct Postings<V>(HashMap<V, Vec<Key>>);

impl<V> Default for Postings<V> {
    fn default() -> Self {
        Postings(HashMap::new())
    }
}

impl<V: Hash + Eq> Postings<V> {
    fn add(&mut self, value: V, key: &Key) {
        let keys = self.0.entry(value).or_default();
        let at = keys.partition_point(|k| k < key);
        keys.insert(at, key.clone());
    }

    fn remove<Q: Hash + Eq + ?Sized>(&mut self, value: &Q, key: &Key)
    where
        V: Borrow<Q>,
    {
        if let Some(keys) = self.0.get_mut(value) {
            if let Ok(at) = keys.binary_search(key) {
                keys.remove(at);
            }
            if keys.is_empty() {
                self.0.remove(value);
            }
        }
    }

    /// The lists of these values, each once.
    fn lists<'q, Q>(&self, values: impl IntoIterator<Item = &'q Q>) -> Vec<&[Key]>
    where
        Q: Hash + Eq + ?Sized + 'q,
        V: Borrow<Q>,
    {
        let mut seen: Vec<&Q> = Vec::new();
        for value in values {
            if !seen.contains(&value) {
                seen.push(value);
            }
        }
        seen.into_iter()
            .filter_map(|v| self.0.get(v).map(Vec::as_slice))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::emulator::seed::{generate, Seed};

    /// The seed's first account.
    const FIRST: &str = "111122223333";

    /// The seed, 300 generated invitations and a few changed ones, as the index and as a list.
    fn data(now: DateTime<Utc>) -> (Invitations, Vec<Arc<Invitation>>) {
        let seed = Seed::embedded().materialize(now).unwrap();
        let generated = generate(300, seed.accounts.first(), now);
        let ids: Vec<&str> = seed
            .accounts
            .iter()
            .map(|a| a.aws_account_id.as_str())
            .collect();
        let mut index = Invitations::new(&ids);
        for invitation in seed.invitations.into_iter().chain(generated) {
            index.insert(Arc::new(invitation));
        }
        for (n, status) in [
            (7, InvitationStatus::Rejected),
            (8, InvitationStatus::Accepted),
            (9, InvitationStatus::Pending),
        ] {
            index.update(&format!("engi-g{n:012}"), |i| i.status = status);
        }
        let all = index.by_id.values().cloned().collect();
        (index, all)
    }

    fn filters(all: &[Arc<Invitation>]) -> Vec<Filter> {
        let statuses = |s: &[InvitationStatus]| Filter {
            statuses: Some(s.to_vec()),
            ..Filter::default()
        };
        let mut filters = vec![Filter::default()];
        for status in InvitationStatus::ALL {
            filters.push(statuses(&[status]));
        }
        use InvitationStatus::*;
        filters.push(statuses(&[Accepted, Rejected]));
        filters.push(statuses(&[Expired, Pending, Expired]));
        for kind in [PayloadKind::Lead, PayloadKind::Opportunity] {
            filters.push(Filter {
                payloads: Some(vec![kind]),
                ..Filter::default()
            });
        }
        let (one, two) = (&all[3], &all[250]);
        filters.push(Filter {
            engagements: Some(vec![one.engagement_id.to_string(), "eng-none".into()]),
            ..Filter::default()
        });
        filters.push(Filter {
            engagements: Some(vec![
                one.engagement_id.to_string(),
                two.engagement_id.to_string(),
            ]),
            senders: Some(vec![two.sender_account.to_string()]),
            ..Filter::default()
        });
        filters.push(Filter {
            statuses: Some(vec![Pending]),
            payloads: Some(vec![PayloadKind::Lead]),
            senders: Some(vec![one.sender_account.to_string()]),
            ..Filter::default()
        });
        filters
    }

    /// Every page of a listing, joined.
    fn pages(
        index: &Invitations,
        side: Participant,
        filter: &Filter,
        now: DateTime<Utc>,
        descending: bool,
        max: usize,
    ) -> Vec<Arc<str>> {
        let mut seek = Seek {
            after: None,
            descending,
            max,
        };
        let mut ids = Vec::new();
        loop {
            let (page, more) = index.page(FIRST, side, filter, now, &seek);
            assert!(page.len() <= max);
            ids.extend(page.iter().map(|i| i.id.clone()));
            match page.last() {
                Some(last) if more => seek.after = Some(last.key()),
                _ => return ids,
            }
        }
    }

    #[test]
    fn paging_any_filter_either_way_gives_the_rows_a_full_sort_gives() {
        let now = Utc::now();
        let (index, all) = data(now);
        for filter in filters(&all) {
            for side in [Participant::Received, Participant::Sent] {
                let mut expected: Vec<Key> = all
                    .iter()
                    .filter(|i| i.participant_for(FIRST) == Some(side) && filter.keeps(i, now))
                    .map(|i| i.key())
                    .collect();
                expected.sort();
                let ascending: Vec<Arc<str>> = expected.into_iter().map(|k| k.1).collect();
                let mut descending = ascending.clone();
                descending.reverse();
                for max in [1, 7, 100] {
                    let got = pages(&index, side, &filter, now, false, max);
                    assert_eq!(got, ascending, "{filter:?} {side:?} ascending by {max}");
                    let got = pages(&index, side, &filter, now, true, max);
                    assert_eq!(got, descending, "{filter:?} {side:?} descending by {max}");
                }
            }
        }
    }

    #[test]
    fn an_invitation_between_two_accounts_is_one_record_both_list() {
        let now = Utc::now();
        let (mut index, all) = data(now);
        let second = Seed::embedded().accounts[1].aws_account_id.clone();
        let mut invitation = Invitation::clone(&all[0]);
        invitation.id = "engi-between0000001".into();
        invitation.status = InvitationStatus::Pending;
        invitation.expiration_date = None;
        invitation.sender_account = FIRST.into();
        invitation.receiver = crate::wire::Receiver::Account(crate::wire::AccountReceiver {
            aws_account_id: second.clone(),
            alias: None,
        });
        let engagement = invitation.engagement_id.clone();
        index.insert(Arc::new(invitation));
        let all = Filter::default();
        let listed = |index: &Invitations, account: &str, side| {
            let seek = Seek {
                after: None,
                descending: true,
                max: 100_000,
            };
            let (page, _) = index.page(account, side, &all, now, &seek);
            page.iter()
                .filter(|i| &*i.id == "engi-between0000001")
                .map(|i| i.status.clone())
                .collect::<Vec<_>>()
        };
        let pending = vec![InvitationStatus::Pending];
        assert_eq!(listed(&index, FIRST, Participant::Sent), pending);
        assert_eq!(listed(&index, &second, Participant::Received), pending);
        assert!(listed(&index, FIRST, Participant::Received).is_empty());
        assert!(index.involves(&second, &engagement));
        assert!(!index.involves(&second, "eng-none"));
        index.update("engi-between0000001", |i| {
            i.status = InvitationStatus::Rejected
        });
        let rejected = vec![InvitationStatus::Rejected];
        assert_eq!(listed(&index, FIRST, Participant::Sent), rejected);
        assert_eq!(listed(&index, &second, Participant::Received), rejected);
    }

    #[test]
    fn a_changed_invitation_moves_to_its_new_status_and_stops_being_shared() {
        let now = Utc::now();
        let (mut index, all) = data(now);
        let shared = index.clone();
        let mut pending_ids = all
            .iter()
            .filter(|i| {
                i.participant_for(FIRST) == Some(Participant::Received)
                    && i.status_at(now) == InvitationStatus::Pending
            })
            .map(|i| i.id.clone());
        let (id, other) = (pending_ids.next().unwrap(), pending_ids.next().unwrap());
        let id = &*id;
        let pending = Filter {
            statuses: Some(vec![InvitationStatus::Pending]),
            ..Filter::default()
        };
        let listed = |index: &Invitations, filter: &Filter| {
            pages(index, Participant::Received, filter, now, true, 1000)
                .iter()
                .any(|i| &**i == id)
        };
        assert!(listed(&index, &pending));
        index.update(id, |i| i.status = InvitationStatus::Rejected);
        let rejected = Filter {
            statuses: Some(vec![InvitationStatus::Rejected]),
            ..Filter::default()
        };
        assert!(!listed(&index, &pending));
        assert!(listed(&index, &rejected));
        assert!(listed(&shared, &pending), "the copy keeps its own");
        assert_eq!(shared.get(id).unwrap().status, InvitationStatus::Pending);
        assert!(Arc::ptr_eq(
            index.get(&other).unwrap(),
            shared.get(&other).unwrap()
        ));
    }
}
