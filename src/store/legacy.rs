//! The JSON files of versions before the store (`accepts.json`, `draft.json`): imported once,
//! then renamed to `*.imported`, so nothing in them is lost and nothing is imported twice.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{tasks, Error, Result, Store};
use crate::domain::{SavedAccepts, TaskKind};

/// Imports the old files found in `dir`; returns what could not be imported.
pub fn import(store: &mut Store, dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let accepts = dir.join("accepts.json");
    if accepts.exists() {
        match import_accepts(store, &accepts) {
            Ok(()) => done(&accepts, &mut problems),
            Err(e) => problems.push(format!(
                "{} could not be imported ({e}); it is left where it is",
                accepts.display()
            )),
        }
    }
    let draft = dir.join("draft.json");
    if draft.exists() {
        match import_draft(store, &draft) {
            Ok(()) => done(&draft, &mut problems),
            Err(e) => problems.push(format!(
                "{} could not be imported ({e}); it is left where it is",
                draft.display()
            )),
        }
    }
    problems
}

fn done(file: &Path, problems: &mut Vec<String>) {
    let imported = file.with_extension("json.imported");
    match fs::rename(file, &imported) {
        Ok(()) => super::sync_parent(file),
        Err(e) => problems.push(format!("{}: {e}", file.display())),
    }
}

/// A file of an older version, as JSON.
fn read_json(file: &Path) -> Result<Value> {
    let text = fs::read_to_string(file).map_err(|source| Error::File {
        path: file.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| Error::Json {
        what: file.display().to_string(),
        source,
    })
}

/// `accepts.json` maps origins to records; a file of the version before origins is one
/// object with `invitations`, kept under no origin (never resumed, not lost).
fn import_accepts(store: &mut Store, file: &Path) -> Result<()> {
    let value = read_json(file)?;
    let json = |source| Error::Json {
        what: file.display().to_string(),
        source,
    };
    let by_origin: BTreeMap<String, SavedAccepts> = if value.get("invitations").is_some() {
        BTreeMap::from([(String::new(), serde_json::from_value(value).map_err(json)?)])
    } else {
        serde_json::from_value(value).map_err(json)?
    };
    let tx = store.conn.transaction().map_err(Error::from)?;
    for (origin, saved) in by_origin {
        for (id, a) in saved.invitations {
            tasks::insert_if_absent(&tx, &origin, (TaskKind::Accept, &id), &a)?;
        }
    }
    tx.commit().map_err(Error::from)
}

/// `draft.json` had no origin: it becomes the draft of the origin that finds it.
fn import_draft(store: &mut Store, file: &Path) -> Result<()> {
    let draft = read_json(file)?;
    if store.draft::<Value>()?.is_none() {
        store.save_draft(Some(&draft))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::{DataDir, Origin};

    fn origin(endpoint: &str) -> Origin {
        Origin {
            endpoint: endpoint.into(),
            catalog: "AWS".into(),
            identity: "test".into(),
        }
    }

    #[test]
    fn old_files_are_imported_once_into_their_origins() {
        let dir = tempfile::tempdir().unwrap();
        let here = origin("http://127.0.0.1:1");
        let accepts = serde_json::json!({
            here.key(): {"invitations": {"engi-1": {"client_token": "t1", "task_id": "task-1",
                "title": "T", "started": "2026-11-01T10:00:00Z"}}},
            origin("aws").key(): {"invitations": {"engi-2": {"client_token": "t2",
                "task_id": null, "title": null, "started": "2026-11-01T10:00:00Z"}}},
        });
        std::fs::write(dir.path().join("accepts.json"), accepts.to_string()).unwrap();
        std::fs::write(dir.path().join("draft.json"), r#"{"title":"draft"}"#).unwrap();
        let data = DataDir::at(dir.path()).for_origin(here.clone());
        let store = data.open().unwrap().store;
        let records = store.accepts().unwrap().invitations;
        assert_eq!(records.len(), 1);
        assert_eq!(
            (
                records["engi-1"].client_token.as_str(),
                records["engi-1"].task_id.as_deref()
            ),
            ("t1", Some("task-1"))
        );
        let draft: serde_json::Value = store.draft().unwrap().unwrap();
        assert_eq!(draft["title"], "draft");
        drop(store);
        assert!(dir.path().join("accepts.json.imported").exists());
        assert!(!dir.path().join("accepts.json").exists(), "imported once");
        let aws = DataDir::at(dir.path()).for_origin(origin("aws"));
        let store = aws.open().unwrap().store;
        assert_eq!(
            store.accepts().unwrap().invitations["engi-2"].client_token,
            "t2"
        );
        assert_eq!(store.draft::<serde_json::Value>().unwrap(), None);
    }

    #[test]
    fn an_unreadable_old_file_is_reported_and_left_in_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("accepts.json"), "{not json").unwrap();
        let opened = DataDir::at(dir.path()).open().unwrap();
        assert_eq!(opened.warnings.len(), 1);
        assert!(opened.warnings[0].contains("could not be imported"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("accepts.json")).unwrap(),
            "{not json"
        );
    }
}
