//! The notice queue: what happened in the background (accept tasks ending, retries, page and
//! detail loads) and short confirmations of what the user did. Notices never take a key; the
//! status line shows them and the notices log keeps the last [`Notices::CAPACITY`].

use std::collections::VecDeque;

use chrono::{DateTime, Duration, Utc};

/// How a notice reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Success,
    Error,
}

/// What a notice is about, when a later event can settle it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// The service could not be reached.
    Offline,
}

/// One entry of the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: Level,
    pub text: String,
    pub at: DateTime<Utc>,
    /// False for an error until the notices log has been opened since it came in.
    pub read: bool,
    pub topic: Option<Topic>,
    /// When what it said stopped being true (the service answered again).
    pub resolved: Option<DateTime<Utc>>,
}

/// The queue, newest last.
#[derive(Debug, Clone, Default)]
pub struct Notices {
    entries: VecDeque<Notice>,
    /// How many notices were ever pushed; tells "something new came in".
    pushed: u64,
}

impl Notices {
    /// Entries the log keeps; older ones go.
    pub const CAPACITY: usize = 200;
    /// How long an info or success notice stays in the status line.
    pub const SHOWN_FOR: Duration = Duration::seconds(5);

    /// Adds a notice. Errors stay unread until the log is opened; the others count as read.
    pub fn push(&mut self, level: Level, text: impl Into<String>, at: DateTime<Utc>) {
        self.add(None, level, text.into(), at);
    }

    /// Adds a notice about `topic`, which [`Self::resolve`] settles.
    pub fn push_on(
        &mut self,
        topic: Topic,
        level: Level,
        text: impl Into<String>,
        at: DateTime<Utc>,
    ) {
        self.add(Some(topic), level, text.into(), at);
    }

    fn add(&mut self, topic: Option<Topic>, level: Level, text: String, at: DateTime<Utc>) {
        if self.entries.len() == Self::CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(Notice {
            level,
            text,
            at,
            read: level != Level::Error,
            topic,
            resolved: None,
        });
        self.pushed += 1;
    }

    /// What the notices about `topic` said is over: they leave the status line, and the log
    /// says when they were resolved.
    pub fn resolve(&mut self, topic: Topic, at: DateTime<Utc>) {
        for n in &mut self.entries {
            if n.topic == Some(topic) && n.resolved.is_none() {
                n.read = true;
                n.resolved = Some(at);
            }
        }
    }

    /// How many notices were ever pushed.
    pub fn pushed(&self) -> u64 {
        self.pushed
    }

    /// The newest notice.
    pub fn latest(&self) -> Option<&Notice> {
        self.entries.back()
    }

    /// Newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Notice> {
        self.entries.iter().rev()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Errors nobody has read yet.
    pub fn unread(&self) -> usize {
        self.entries.iter().filter(|n| !n.read).count()
    }

    /// What the status line shows at `now`: the newest unread error (a later success never
    /// hides it), else the newest notice while it is fresh.
    pub fn current(&self, now: DateTime<Utc>) -> Option<&Notice> {
        self.entries
            .iter()
            .rev()
            .find(|n| !n.read)
            .or_else(|| self.latest().filter(|n| now - n.at <= Self::SHOWN_FOR))
    }

    /// The log was opened: every error in it has been seen.
    pub fn mark_all_read(&mut self) {
        for n in &mut self.entries {
            n.read = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap()
    }

    #[test]
    fn a_later_success_never_hides_an_unread_failure() {
        let mut n = Notices::default();
        n.push(Level::Error, "Accepting A failed", t(0));
        n.push(Level::Success, "Accepted B", t(1));
        assert_eq!(n.current(t(1)).unwrap().text, "Accepting A failed");
        assert_eq!(n.unread(), 1);
        n.mark_all_read();
        assert_eq!(n.current(t(2)).unwrap().text, "Accepted B");
        assert_eq!(
            n.current(t(10)),
            None,
            "fresh notices fade, read errors too"
        );
        assert_eq!(n.len(), 2, "the log keeps both");
    }

    #[test]
    fn a_resolved_notice_leaves_the_status_line_and_says_when() {
        let mut n = Notices::default();
        n.push_on(Topic::Offline, Level::Error, "Offline", t(0));
        n.push(Level::Error, "Accepting A failed", t(1));
        n.resolve(Topic::Offline, t(5));
        assert_eq!(n.unread(), 1, "only the accept's failure is still unread");
        assert_eq!(n.current(t(6)).unwrap().text, "Accepting A failed");
        let offline = n.newest_first().last().unwrap();
        assert_eq!(offline.resolved, Some(t(5)));
    }

    #[test]
    fn the_log_keeps_the_last_two_hundred() {
        let mut n = Notices::default();
        for i in 0..250 {
            n.push(Level::Info, format!("n{i}"), t(i));
        }
        assert_eq!(n.len(), Notices::CAPACITY);
        assert_eq!(n.newest_first().last().unwrap().text, "n50");
        assert_eq!(n.pushed(), 250);
    }
}
