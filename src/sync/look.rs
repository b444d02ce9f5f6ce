//! One look: its listing, page by page, and what it found.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::Known;
use crate::domain::{InvitationStatus, InvitationSummary, ListQuery, Page, Participant};

/// Which listing a look makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// The received invitations, newest first, until what was seen before.
    Newest,
    /// Every pending invitation received.
    Pending,
}

/// What to do after a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Ask for the page with this token.
    Next(String),
    /// The look is over.
    Done(Found),
}

/// What a look found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// Invitations that arrived since the last look, newest first.
    pub arrived: Vec<InvitationSummary>,
    /// Invitations seen before whose status is not what it was, as listed now.
    pub changed: Vec<InvitationSummary>,
    /// Invitations last seen pending that the pending pass no longer lists: someone accepted
    /// or rejected them, or they expired. Their details tell which.
    pub left: Vec<String>,
}

/// A look in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    pass: Pass,
    /// The newest date known when the look started; `None` when nothing was: then what the
    /// look lists is where later looks start from, not arrivals.
    since: Option<DateTime<Utc>>,
    baseline: bool,
    seen: Vec<InvitationSummary>,
}

impl Look {
    /// A look of `pass` from what is `known`.
    pub fn new(pass: Pass, known: &Known) -> Self {
        Look {
            pass,
            since: known.newest(),
            baseline: known.is_empty(),
            seen: Vec::new(),
        }
    }

    /// The listing it makes.
    pub fn pass(&self) -> Pass {
        self.pass
    }

    /// The query of its pages.
    pub fn query(&self, page_size: u32) -> ListQuery {
        let mut query = ListQuery::new(Participant::Received);
        query.page_size = Some(page_size);
        if self.pass == Pass::Pending {
            query.statuses = vec![InvitationStatus::Pending];
        }
        query
    }

    /// True when `row` is newer than anything known when the look started.
    fn is_new(&self, row: &InvitationSummary) -> bool {
        !self.baseline && row.invitation_date >= self.since
    }

    /// Takes the next page: asks for another, or says what the look found and teaches it to
    /// `known`. A newest-first look stops at the first page that reaches what was known.
    pub fn on_page(&mut self, page: Page<InvitationSummary>, known: &mut Known) -> Step {
        let reached = self.baseline
            || page
                .items
                .iter()
                .any(|row| known.has(&row.id) || !self.is_new(row));
        self.seen.extend(page.items);
        match page.next_token {
            Some(token) if self.pass == Pass::Pending || !reached => Step::Next(token),
            _ => Step::Done(self.finish(known)),
        }
    }

    fn finish(&mut self, known: &mut Known) -> Found {
        let seen = std::mem::take(&mut self.seen);
        let mut found = Found::default();
        if self.pass == Pass::Pending {
            let listed: HashSet<&str> = seen.iter().map(|row| row.id.as_str()).collect();
            found.left = known
                .pending()
                .filter(|id| !listed.contains(id))
                .map(String::from)
                .collect();
            found.left.sort();
        }
        for row in &seen {
            match known.status(&row.id) {
                None if self.is_new(row) => found.arrived.push(row.clone()),
                Some(status) if status != row.status.as_ref() => found.changed.push(row.clone()),
                _ => {}
            }
        }
        known.learn(&seen);
        found
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn row(id: &str, minute: u32, status: InvitationStatus) -> InvitationSummary {
        InvitationSummary {
            id: id.into(),
            status: Some(status),
            invitation_date: Some(Utc.with_ymd_and_hms(2026, 12, 1, 10, minute, 0).unwrap()),
            ..Default::default()
        }
    }

    fn page(rows: &[InvitationSummary], next: Option<&str>) -> Page<InvitationSummary> {
        Page {
            items: rows.to_vec(),
            next_token: next.map(String::from),
        }
    }

    fn done(step: Step) -> Found {
        match step {
            Step::Done(found) => found,
            Step::Next(token) => panic!("asked for {token}"),
        }
    }

    use InvitationStatus::{Accepted, Pending};

    #[test]
    fn the_first_look_is_a_baseline_of_one_page() {
        let mut known = Known::default();
        let mut look = Look::new(Pass::Newest, &known);
        let found = done(look.on_page(page(&[row("b", 2, Pending)], Some("t")), &mut known));
        assert_eq!(
            found,
            Found::default(),
            "nothing arrived before the first look"
        );
        assert!(known.has("b"));
    }

    #[test]
    fn pages_until_what_was_known_and_every_arrival_is_found() {
        let mut known = Known::default();
        known.learn(&[row("old", 1, Pending)]);
        let mut look = Look::new(Pass::Newest, &known);
        let first: Vec<_> = (0..3)
            .map(|i| row(&format!("n{i}"), 30 - i, Pending))
            .collect();
        assert_eq!(
            look.on_page(page(&first, Some("2")), &mut known),
            Step::Next("2".into()),
            "a page of arrivals only: there may be more"
        );
        let second = [row("n3", 20, Pending), row("old", 1, Accepted)];
        let found = done(look.on_page(page(&second, Some("3")), &mut known));
        let arrived: Vec<&str> = found.arrived.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(arrived, vec!["n0", "n1", "n2", "n3"]);
        assert_eq!(found.changed, vec![row("old", 1, Accepted)]);
        assert_eq!(known.status("old"), Some(Some(&Accepted)));
    }

    #[test]
    fn history_older_than_what_was_known_is_not_an_arrival() {
        let mut known = Known::default();
        known.learn(&[row("p", 10, Pending)]);
        let mut look = Look::new(Pass::Pending, &known);
        let rows = [
            row("new", 20, Pending),
            row("p", 10, Pending),
            row("ancient", 1, Pending),
        ];
        let found = done(look.on_page(page(&rows, None), &mut known));
        let arrived: Vec<&str> = found.arrived.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(arrived, vec!["new"]);
        assert!(known.has("ancient"), "learned, not announced");
    }

    #[test]
    fn the_pending_pass_reads_every_page_and_names_what_left() {
        let mut known = Known::default();
        known.learn(&[
            row("a", 3, Pending),
            row("b", 2, Pending),
            row("c", 1, Accepted),
        ]);
        let mut look = Look::new(Pass::Pending, &known);
        assert_eq!(look.query(100).statuses, vec![Pending]);
        let step = look.on_page(page(&[row("a", 3, Pending)], Some("2")), &mut known);
        assert_eq!(
            step,
            Step::Next("2".into()),
            "a pending pass reads every page"
        );
        let found = done(look.on_page(page(&[], None), &mut known));
        assert_eq!(found.left, vec!["b".to_string()]);
        assert!(found.arrived.is_empty() && found.changed.is_empty());
    }
}
