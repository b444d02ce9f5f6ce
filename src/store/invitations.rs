//! Invitations as last seen: summaries (one column per member, times as Unix milliseconds, so a
//! view of 10,000 loads without parsing), details in the service's JSON, and which ones the user
//! has read.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, params_from_iter, Row};

use super::{Error, Result, Store};
use crate::domain::{
    CachedRow, CachedView, InvitationDetail, InvitationStatus, InvitationSummary, ListQuery,
    Participant, PayloadKind, Receiver,
};
use crate::wire::GetEngagementInvitationResponse;

const SUMMARY_COLUMNS: &str = "id, participant, status, payload_type, invitation_date, \
     arn, catalog, engagement_id, engagement_title, expiration_date, sender_account_id, \
     sender_company, receiver_account_id, receiver_alias, customer, read_at, fetched_at, \
     monthly_spend";

/// A time as stored: Unix milliseconds.
fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn summary_from(row: &Row) -> rusqlite::Result<CachedRow> {
    let text = |i: usize| row.get::<_, Option<String>>(i);
    let word =
        |i: usize| -> rusqlite::Result<Option<&str>> { Ok(row.get_ref(i)?.as_str_or_null()?) };
    let date = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        Ok(row
            .get::<_, Option<i64>>(i)?
            .and_then(DateTime::from_timestamp_millis))
    };
    let receiver = match text(12)? {
        Some(account_id) => Some(Receiver {
            account_id,
            alias: text(13)?,
        }),
        None => None,
    };
    Ok(CachedRow {
        summary: InvitationSummary {
            id: row.get(0)?,
            participant: word(1)?.and_then(Participant::from_wire),
            status: word(2)?.map(InvitationStatus::from_wire),
            payload_kind: word(3)?.map(PayloadKind::from_wire),
            invitation_date: date(4)?,
            arn: text(5)?,
            catalog: row.get(6)?,
            engagement_id: text(7)?,
            engagement_title: text(8)?,
            expiration_date: date(9)?,
            sender_account_id: text(10)?,
            sender_company: text(11)?,
            receiver,
        },
        customer: text(14)?,
        spend: row.get(17)?,
        unread: row.get_ref(15)?.data_type() == rusqlite::types::Type::Null,
    })
}

impl Store {
    /// The cached rows a query would list, in no particular order: the list sorts them.
    pub fn view(&self, query: &ListQuery) -> Result<CachedView> {
        let mut sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM invitations WHERE origin = ?1 AND participant = ?2"
        );
        let mut args = vec![self.key(), query.participant.as_wire().to_string()];
        let mut any_of = |column: &str, values: Vec<String>| {
            if values.is_empty() {
                return;
            }
            let first = args.len() + 1;
            let marks: Vec<String> = (first..first + values.len())
                .map(|i| format!("?{i}"))
                .collect();
            sql.push_str(&format!(" AND {column} IN ({})", marks.join(",")));
            args.extend(values);
        };
        any_of(
            "status",
            query.statuses.iter().map(|s| s.as_wire().into()).collect(),
        );
        any_of(
            "payload_type",
            query
                .payload_kinds
                .iter()
                .map(|p| p.as_wire().into())
                .collect(),
        );
        any_of("engagement_id", query.engagement_ids.clone());
        any_of("sender_account_id", query.sender_account_ids.clone());
        let mut statement = self.conn.prepare_cached(&sql).map_err(Error::from)?;
        let mut as_of: Option<DateTime<Utc>> = None;
        let rows = statement
            .query_map(params_from_iter(args.iter()), |row| {
                let fetched = row.get::<_, i64>(16)?;
                Ok((summary_from(row)?, fetched))
            })
            .map_err(Error::from)?
            .map(|r| {
                r.map(|(row, fetched)| {
                    as_of = as_of.max(DateTime::from_timestamp_millis(fetched));
                    row
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(Error::from)?;
        let visited = !rows.is_empty()
            || self
                .conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM invitations WHERE origin = ?1)",
                    [self.key()],
                    |r| r.get(0),
                )
                .map_err(Error::from)?;
        Ok(CachedView {
            rows,
            as_of,
            visited,
        })
    }

    /// The cached rows of these invitations, as [`Store::view`] gives them (those cached).
    pub fn rows(&self, ids: &[String]) -> Result<Vec<CachedRow>> {
        let mut statement = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM invitations WHERE origin = ?1 AND id = ?2"
            ))
            .map_err(Error::from)?;
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            let mut found = statement
                .query_map(params![self.key(), id], summary_from)
                .map_err(Error::from)?;
            if let Some(row) = found.next() {
                rows.push(row.map_err(Error::from)?);
            }
        }
        Ok(rows)
    }

    /// A complete listing of `query` gave `listed`: the cached rows of the query it did not
    /// list are forgotten, and their ids returned.
    pub fn forget_unlisted(
        &mut self,
        query: &ListQuery,
        listed: &HashSet<String>,
    ) -> Result<Vec<String>> {
        let gone: Vec<String> = self
            .view(query)?
            .rows
            .into_iter()
            .map(|row| row.summary.id)
            .filter(|id| !listed.contains(id))
            .collect();
        self.forget(&gone)?;
        Ok(gone)
    }

    /// True when another connection (another pc-inbox, a `list` or a `watch`) committed since
    /// the last call on this one.
    pub fn changed_elsewhere(&mut self) -> Result<bool> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(Error::from)?;
        Ok(std::mem::replace(&mut self.data_version, version) != version)
    }

    /// The cached details of these invitations (those that have one).
    pub fn details(&self, ids: &[String]) -> Result<Vec<InvitationDetail>> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT detail, participant FROM invitations \
                 WHERE origin = ?1 AND id = ?2 AND detail IS NOT NULL",
            )
            .map_err(Error::from)?;
        let mut details = Vec::new();
        for id in ids {
            let found = statement
                .query_row(params![self.key(), id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })
                .map_err(Error::from)?;
            let Some((json, participant)) = found else {
                continue;
            };
            if let Ok(wire) = serde_json::from_str::<GetEngagementInvitationResponse>(&json) {
                let mut detail = InvitationDetail::from(&wire);
                detail.summary.participant = Participant::from_wire(&participant);
                details.push(detail);
            }
        }
        Ok(details)
    }

    /// Remembers a page of a listing, fetched at `now`. Invitations not cached before are
    /// unread when `unread` says so; what the user read stays read.
    pub fn remember_rows(
        &mut self,
        rows: &[InvitationSummary],
        unread: &[String],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let key = self.key();
        let now = millis(now);
        let tx = self.conn.transaction().map_err(Error::from)?;
        {
            let mut upsert = tx
                .prepare_cached(
                    "INSERT INTO invitations (origin, id, participant, status, payload_type, \
                     invitation_date, arn, catalog, engagement_id, engagement_title, \
                     expiration_date, sender_account_id, sender_company, receiver_account_id, \
                     receiver_alias, fetched_at, first_seen_at, read_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
                     ?16, ?16, ?17) \
                     ON CONFLICT (origin, id) DO UPDATE SET participant = excluded.participant, \
                     status = excluded.status, payload_type = excluded.payload_type, \
                     invitation_date = excluded.invitation_date, arn = excluded.arn, \
                     catalog = excluded.catalog, engagement_id = excluded.engagement_id, \
                     engagement_title = excluded.engagement_title, \
                     expiration_date = excluded.expiration_date, \
                     sender_account_id = excluded.sender_account_id, \
                     sender_company = excluded.sender_company, \
                     receiver_account_id = excluded.receiver_account_id, \
                     receiver_alias = excluded.receiver_alias, fetched_at = excluded.fetched_at",
                )
                .map_err(Error::from)?;
            for row in rows {
                let read_at = (!unread.contains(&row.id)).then_some(now);
                upsert
                    .execute(params![
                        key,
                        row.id,
                        row.participant.unwrap_or(Participant::Received).as_wire(),
                        row.status.as_ref().map(|s| s.as_wire()),
                        row.payload_kind.as_ref().map(|p| p.as_wire()),
                        row.invitation_date.map(millis),
                        row.arn,
                        row.catalog,
                        row.engagement_id,
                        row.engagement_title,
                        row.expiration_date.map(millis),
                        row.sender_account_id,
                        row.sender_company,
                        row.receiver.as_ref().map(|r| &r.account_id),
                        row.receiver.as_ref().and_then(|r| r.alias.as_ref()),
                        now,
                        read_at,
                    ])
                    .map_err(Error::from)?;
            }
        }
        tx.commit().map_err(Error::from)
    }

    /// Remembers an invitation's detail (for an invitation already cached).
    pub fn remember_detail(&mut self, detail: &InvitationDetail, now: DateTime<Utc>) -> Result<()> {
        let json = serde_json::to_string(&GetEngagementInvitationResponse::from(detail)).map_err(
            |source| Error::Json {
                what: format!("the detail of {}", detail.summary.id),
                source,
            },
        )?;
        let status = detail.summary.status.as_ref().map(|s| s.as_wire());
        self.conn
            .execute(
                "UPDATE invitations SET detail = ?3, customer = ?4, fetched_at = ?5, \
                 status = COALESCE(?6, status), monthly_spend = ?7 WHERE origin = ?1 AND id = ?2",
                params![
                    self.key(),
                    detail.summary.id,
                    json,
                    detail.customer_name(),
                    millis(now),
                    status,
                    detail.largest_monthly_spend(),
                ],
            )
            .map(drop)
            .map_err(Error::from)
    }

    /// The user has seen this invitation.
    pub fn mark_read(&mut self, id: &str, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE invitations SET read_at = ?3 WHERE origin = ?1 AND id = ?2 \
                 AND read_at IS NULL",
                params![self.key(), id, millis(now)],
            )
            .map(drop)
            .map_err(Error::from)
    }

    /// Forgets invitations the service no longer lists.
    pub fn forget(&mut self, ids: &[String]) -> Result<()> {
        let key = self.key();
        let tx = self.conn.transaction().map_err(Error::from)?;
        for id in ids {
            tx.execute(
                "DELETE FROM invitations WHERE origin = ?1 AND id = ?2",
                params![key, id],
            )
            .map_err(Error::from)?;
        }
        tx.commit().map_err(Error::from)
    }

    /// Forgets every cached invitation of this origin (the demo starts afresh each run).
    pub fn forget_all(&mut self) -> Result<()> {
        self.conn
            .execute("DELETE FROM invitations WHERE origin = ?1", [self.key()])
            .map(drop)
            .map_err(Error::from)
    }
}

/// Works out the spend of every stored detail that has none (after the column was added).
pub(super) fn backfill_spend(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let mut read = conn.prepare(
        "SELECT origin, id, detail FROM invitations \
         WHERE detail IS NOT NULL AND monthly_spend IS NULL",
    )?;
    let mut write =
        conn.prepare("UPDATE invitations SET monthly_spend = ?3 WHERE origin = ?1 AND id = ?2")?;
    let rows = read.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (origin, id, json) = row?;
        let spend = serde_json::from_str::<GetEngagementInvitationResponse>(&json)
            .ok()
            .and_then(|wire| InvitationDetail::from(&wire).largest_monthly_spend());
        if spend.is_some() {
            write.execute(params![origin, id, spend])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::domain::{Payload, SortOrder};
    use crate::store::DataDir;

    fn row(i: i64, status: &str) -> InvitationSummary {
        InvitationSummary {
            id: format!("engi-{i}"),
            arn: None,
            catalog: "AWS".into(),
            participant: Some(Participant::Received),
            status: Some(InvitationStatus::from_wire(status)),
            payload_kind: Some(PayloadKind::Lead),
            engagement_id: None,
            engagement_title: Some(format!("Title {i}")),
            invitation_date: Some(Utc.timestamp_opt(1_700_000_000 + i * 60, 0).unwrap()),
            expiration_date: None,
            sender_account_id: Some("000000000000".into()),
            sender_company: Some("AWS".into()),
            receiver: Some(Receiver {
                account_id: "111122223333".into(),
                alias: Some("northwind".into()),
            }),
        }
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = DataDir::at(dir.path()).open().unwrap().store;
        (dir, store)
    }

    #[test]
    fn rows_read_back_as_stored_and_a_listing_s_end_forgets_what_it_did_not_list() {
        let (_dir, mut store) = store();
        let now = Utc::now();
        let rows: Vec<_> = (0..4).map(|i| row(i, "PENDING")).collect();
        store.remember_rows(&rows, &["engi-1".into()], now).unwrap();
        let mut sent = row(9, "PENDING");
        sent.participant = Some(Participant::Sent);
        store.remember_rows(&[sent], &[], now).unwrap();
        let back = store
            .rows(&["engi-1".into(), "engi-nope".into(), "engi-2".into()])
            .unwrap();
        let ids: Vec<_> = back
            .iter()
            .map(|r| (r.summary.id.as_str(), r.unread))
            .collect();
        assert_eq!(
            ids,
            [("engi-1", true), ("engi-2", false)],
            "unknown ids skipped"
        );
        assert_eq!(back[0].summary, rows[1]);

        let listed = ["engi-0", "engi-2"].map(String::from).into_iter().collect();
        let mut gone = store
            .forget_unlisted(&ListQuery::new(Participant::Received), &listed)
            .unwrap();
        gone.sort();
        assert_eq!(gone, ["engi-1", "engi-3"]);
        let left = store.view(&ListQuery::new(Participant::Received)).unwrap();
        assert_eq!(left.rows.len(), 2);
        let sent = store.view(&ListQuery::new(Participant::Sent)).unwrap();
        assert_eq!(
            sent.rows.len(),
            1,
            "another side's rows are not the listing's to forget"
        );
    }

    #[test]
    fn a_change_elsewhere_is_seen_once_and_one_s_own_writes_are_not() {
        let (dir, mut store) = store();
        assert!(
            !store.changed_elsewhere().unwrap(),
            "nothing since it opened"
        );
        store
            .remember_rows(&[row(1, "PENDING")], &[], Utc::now())
            .unwrap();
        assert!(!store.changed_elsewhere().unwrap(), "its own write");
        let mut other = DataDir::at(dir.path()).open().unwrap().store;
        other
            .remember_rows(&[row(2, "PENDING")], &[], Utc::now())
            .unwrap();
        assert!(
            store.changed_elsewhere().unwrap(),
            "another connection wrote"
        );
        assert!(!store.changed_elsewhere().unwrap(), "once");
    }

    #[test]
    fn a_store_in_memory_keeps_rows_for_the_run_and_is_not_durable() {
        let mut store = Store::in_memory(crate::store::Origin::default()).unwrap();
        assert!(!store.durable());
        store
            .remember_rows(&[row(1, "PENDING")], &[], Utc::now())
            .unwrap();
        let view = store.view(&ListQuery::new(Participant::Received)).unwrap();
        assert_eq!(view.rows.len(), 1);
    }

    #[test]
    fn a_view_is_the_query_s_rows_in_its_order_as_they_were_stored() {
        let (_dir, mut store) = store();
        let now = Utc::now();
        let rows = [row(1, "PENDING"), row(2, "ACCEPTED"), row(3, "PENDING")];
        store.remember_rows(&rows, &[], now).unwrap();
        let mut query = ListQuery::new(Participant::Received);
        let view = store.view(&query).unwrap();
        let mut ids: Vec<_> = view.rows.iter().map(|r| r.summary.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["engi-1", "engi-2", "engi-3"]);
        let first = view.rows.iter().find(|r| r.summary.id == "engi-1").unwrap();
        assert_eq!(first.summary, rows[0], "every member kept");
        assert!(view.visited);
        assert!(view.as_of.is_some());
        query.statuses = vec![InvitationStatus::Pending];
        query.sort = SortOrder::OldestFirst;
        let mut ids: Vec<_> = store
            .view(&query)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.summary.id)
            .collect();
        ids.sort();
        assert_eq!(ids, ["engi-1", "engi-3"]);
        let sent = store.view(&ListQuery::new(Participant::Sent)).unwrap();
        assert!(sent.rows.is_empty());
        assert!(sent.visited, "the origin was visited");
    }

    #[test]
    fn read_stays_read_and_unread_stays_unread_across_refreshes() {
        let (_dir, mut store) = store();
        let now = Utc::now();
        store
            .remember_rows(
                &[row(1, "PENDING"), row(2, "PENDING")],
                &["engi-2".into()],
                now,
            )
            .unwrap();
        store
            .remember_rows(&[row(1, "PENDING"), row(2, "PENDING")], &[], now)
            .unwrap();
        let unread = |store: &Store| -> Vec<String> {
            let view = store.view(&ListQuery::new(Participant::Received)).unwrap();
            view.rows
                .into_iter()
                .filter(|r| r.unread)
                .map(|r| r.summary.id)
                .collect()
        };
        assert_eq!(unread(&store), ["engi-2"]);
        store
            .mark_read("engi-2", now + Duration::seconds(1))
            .unwrap();
        assert!(unread(&store).is_empty());
    }

    #[test]
    fn the_spend_is_stored_with_the_detail_and_worked_out_for_details_stored_before() {
        use crate::domain::{Customer, OpportunityPayload, Project, Spend};
        let (_dir, mut store) = store();
        let now = Utc::now();
        store.remember_rows(&[row(1, "PENDING")], &[], now).unwrap();
        let spend = |amount: &str, currency: &str| Spend {
            amount: Some(amount.into()),
            currency: currency.into(),
            frequency: "Monthly".into(),
            target_company: "AWS".into(),
            estimation_url: None,
        };
        let detail = InvitationDetail {
            summary: row(1, "PENDING"),
            rejection_reason: None,
            message: None,
            engagement_description: None,
            existing_members: Vec::new(),
            payload: Payload::Opportunity(OpportunityPayload {
                opportunity_type: Some("Expansion".into()),
                customer: Customer {
                    company_name: "Globex".into(),
                    industry: "Manufacturing".into(),
                    country_code: "DE".into(),
                    website_url: "https://globex.example".into(),
                },
                project: Project {
                    title: "Migration".into(),
                    business_problem: "Old hardware".into(),
                    target_completion_date: "2027-06-30".into(),
                    expected_spend: vec![spend("100", "USD"), spend("250", "EUR")],
                },
                receiver_responsibilities: Vec::new(),
                sender_contacts: Vec::new(),
            }),
            enrichment: None,
        };
        store.remember_detail(&detail, now).unwrap();
        let spend_of = |store: &Store| {
            store
                .view(&ListQuery::new(Participant::Received))
                .unwrap()
                .rows[0]
                .spend
        };
        assert_eq!(spend_of(&store), Some(250.0), "the largest monthly total");
        store
            .conn
            .execute("UPDATE invitations SET monthly_spend = NULL", [])
            .unwrap();
        assert_eq!(spend_of(&store), None);
        backfill_spend(&store.conn).unwrap();
        assert_eq!(
            spend_of(&store),
            Some(250.0),
            "worked out from the stored detail"
        );
    }

    #[test]
    fn details_come_back_as_they_were_and_gone_rows_are_forgotten() {
        let (_dir, mut store) = store();
        let now = Utc::now();
        store.remember_rows(&[row(1, "PENDING")], &[], now).unwrap();
        let detail = InvitationDetail {
            summary: InvitationSummary {
                participant: None,
                ..row(1, "PENDING")
            },
            rejection_reason: None,
            message: Some("Hello".into()),
            engagement_description: None,
            existing_members: Vec::new(),
            payload: Payload::Unknown,
            enrichment: None,
        };
        store.remember_detail(&detail, now).unwrap();
        let back = store.details(&["engi-1".into(), "engi-9".into()]).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].message.as_deref(), Some("Hello"));
        assert_eq!(back[0].summary.participant, Some(Participant::Received));
        store.forget(&["engi-1".into()]).unwrap();
        assert!(store
            .view(&ListQuery::new(Participant::Received))
            .unwrap()
            .rows
            .is_empty());
    }
}
