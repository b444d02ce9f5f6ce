//! Things kept whole per origin, each in its own JSON form: the unsent invitation draft and
//! the bulk action in progress.

use chrono::Utc;
use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{stamp, Error, Result, Store};

/// A table holding one JSON value per origin, and what its value is called in errors.
struct Slot {
    table: &'static str,
    what: &'static str,
}

const DRAFT: Slot = Slot {
    table: "drafts",
    what: "draft",
};
const BULK: Slot = Slot {
    table: "bulk",
    what: "bulk action",
};

impl Store {
    /// The unsent draft, if any. A draft this version cannot read is an error, not lost.
    pub fn draft<T: DeserializeOwned>(&self) -> Result<Option<T>> {
        self.read(&DRAFT)
    }

    /// Saves the draft, or removes it when `None`.
    pub fn save_draft<T: Serialize>(&mut self, draft: Option<&T>) -> Result<()> {
        self.write(&DRAFT, draft)
    }

    /// The bulk action a run left unfinished, if any.
    pub fn bulk<T: DeserializeOwned>(&self) -> Result<Option<T>> {
        self.read(&BULK)
    }

    /// Saves the bulk action in progress, or removes it when `None`.
    pub fn save_bulk<T: Serialize>(&mut self, bulk: Option<&T>) -> Result<()> {
        self.write(&BULK, bulk)
    }

    fn read<T: DeserializeOwned>(&self, slot: &Slot) -> Result<Option<T>> {
        let json: Option<String> = self
            .conn
            .query_row(
                &format!("SELECT value FROM {} WHERE origin = ?1", slot.table),
                [self.key()],
                |r| r.get(0),
            )
            .optional()
            .map_err(Error::from)?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|source| Error::Json {
                what: format!("the saved {}", slot.what),
                source,
            })
        })
        .transpose()
    }

    fn write<T: Serialize>(&mut self, slot: &Slot, value: Option<&T>) -> Result<()> {
        let result = match value {
            Some(v) => {
                let json = serde_json::to_string(v).map_err(|source| Error::Json {
                    what: format!("the {}", slot.what),
                    source,
                })?;
                self.conn.execute(
                    &format!(
                        "INSERT INTO {} (origin, value, saved_at) VALUES (?1, ?2, ?3) \
                         ON CONFLICT (origin) DO UPDATE SET value = excluded.value, \
                         saved_at = excluded.saved_at",
                        slot.table
                    ),
                    params![self.key(), json, stamp(Utc::now())],
                )
            }
            None => self.conn.execute(
                &format!("DELETE FROM {} WHERE origin = ?1", slot.table),
                [self.key()],
            ),
        };
        result.map(drop).map_err(Error::from)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{DataDir, Origin};

    #[test]
    fn drafts_and_bulk_actions_are_kept_per_origin_and_removed_by_none() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = DataDir::at(dir.path()).open().unwrap().store;
        store.save_draft(Some(&"a draft")).unwrap();
        store.save_bulk(Some(&vec!["engi-1", "engi-2"])).unwrap();
        store.save_bulk(Some(&vec!["engi-3"])).unwrap();
        assert_eq!(store.draft::<String>().unwrap().as_deref(), Some("a draft"));
        assert_eq!(store.bulk::<Vec<String>>().unwrap().unwrap(), ["engi-3"]);
        let other = Origin {
            endpoint: "http://127.0.0.1:1".into(),
            ..Origin::default()
        };
        let elsewhere = DataDir::at(dir.path())
            .for_origin(other)
            .open()
            .unwrap()
            .store;
        assert_eq!(elsewhere.bulk::<Vec<String>>().unwrap(), None);
        store.save_bulk::<Vec<String>>(None).unwrap();
        assert_eq!(store.bulk::<Vec<String>>().unwrap(), None);
        assert!(store.bulk::<u8>().is_ok(), "nothing saved reads as none");
    }
}
