//! Files pc-inbox keeps between runs, in its data directory: accept tasks in flight (with their
//! client tokens), kept apart by where they were started, and the unsent invitation draft.
//! Files are written atomically, mode 0600.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The client tokens of accepts started, so none starts twice.
pub const ACCEPTS: &str = "accepts.json";
/// The new-invitation form, saved as it is typed.
pub const DRAFT: &str = "draft.json";

/// Where accept records of versions before origins go: kept, never resumed.
const UNSCOPED: &str = "";

/// The data directory: `$XDG_DATA_HOME/pc-inbox` or the platform default, seen from one origin
/// (the endpoint, catalog and identity an accept was started with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    path: PathBuf,
    origin: String,
}

/// The origin of accept records: the endpoint (`aws` for the real service, `demo` for the
/// embedded emulator), the catalog and the identity (profile or access key id).
pub fn origin(endpoint: &str, catalog: &str, identity: &str) -> String {
    format!("{endpoint}|{catalog}|{identity}")
}

impl DataDir {
    /// A data directory at `path` (created on first write), for the `default` origin.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        DataDir {
            path: path.into(),
            origin: "default".into(),
        }
    }

    /// The same directory, reading and writing the accept records of `origin` only.
    pub fn for_origin(self, origin: String) -> Self {
        DataDir { origin, ..self }
    }

    /// The platform's data directory for pc-inbox, if the home directory is known.
    pub fn default_location() -> Option<Self> {
        directories::ProjectDirs::from("", "", "pc-inbox").map(|d| DataDir::at(d.data_dir()))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, String> {
        let file = self.path.join(name);
        match fs::read_to_string(&file) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| format!("{}: {e}", file.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", file.display())),
        }
    }

    fn write<T: Serialize>(&self, name: &str, value: &T) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("{}: {e}", self.path.join(name).display());
        fs::create_dir_all(&self.path).map_err(fail)?;
        let _ = fs::set_permissions(&self.path, fs::Permissions::from_mode(0o700));
        let tmp = self.path.join(format!(".{name}.tmp"));
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(fail)?;
        file.write_all(
            serde_json::to_string_pretty(value)
                .expect("serializable")
                .as_bytes(),
        )
        .map_err(fail)?;
        file.sync_all().map_err(fail)?;
        fs::rename(&tmp, self.path.join(name)).map_err(fail)
    }

    fn remove(&self, name: &str) -> Result<(), String> {
        match fs::remove_file(self.path.join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(format!("{}: {e}", self.path.join(name).display()))
            }
            _ => Ok(()),
        }
    }

    /// Every origin's accept records. A file from before origins (one object with
    /// `invitations`) is kept under no origin, so it is never resumed and no token is lost.
    fn all_accepts(&self) -> Result<BTreeMap<String, Value>, String> {
        let Some(value) = self.read::<Value>(ACCEPTS)? else {
            return Ok(BTreeMap::new());
        };
        if value.get("invitations").is_some() {
            return Ok(BTreeMap::from([(UNSCOPED.to_string(), value)]));
        }
        serde_json::from_value(value)
            .map_err(|e| format!("{}: {e}", self.path.join(ACCEPTS).display()))
    }

    /// The accept records an earlier run saved for this origin.
    pub fn load_accepts<T: DeserializeOwned + Default>(&self) -> Result<T, String> {
        match self.all_accepts()?.remove(&self.origin) {
            Some(value) => serde_json::from_value(value)
                .map_err(|e| format!("{}: {e}", self.path.join(ACCEPTS).display())),
            None => Ok(T::default()),
        }
    }

    /// Saves this origin's accept records, leaving every other origin's as they are. A file
    /// that cannot be read is first moved aside to `accepts.json.unreadable`, not lost.
    pub fn save_accepts<T: Serialize>(&self, accepts: &T) -> Result<(), String> {
        let mut all = match self.all_accepts() {
            Ok(all) => all,
            Err(_) => {
                let file = self.path.join(ACCEPTS);
                let aside = self.path.join(format!("{ACCEPTS}.unreadable"));
                fs::rename(&file, &aside).map_err(|e| format!("{}: {e}", file.display()))?;
                BTreeMap::new()
            }
        };
        all.insert(
            self.origin.clone(),
            serde_json::to_value(accepts).expect("serializable"),
        );
        self.write(ACCEPTS, &all)
    }

    /// The unsent invitation draft, if any.
    pub fn load_draft<T: DeserializeOwned>(&self) -> Result<Option<T>, String> {
        self.read(DRAFT)
    }

    /// Saves the draft, or removes it when `None`.
    pub fn save_draft<T: Serialize>(&self, draft: Option<&T>) -> Result<(), String> {
        match draft {
            Some(d) => self.write(DRAFT, d),
            None => self.remove(DRAFT),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn round_trips_with_private_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path().join("pc-inbox"));
        let empty: BTreeMap<String, String> = data.load_accepts().unwrap();
        assert!(empty.is_empty());
        let mut map = BTreeMap::new();
        map.insert("engi-1".to_string(), "token".to_string());
        data.save_accepts(&map).unwrap();
        assert_eq!(
            data.load_accepts::<BTreeMap<String, String>>().unwrap(),
            map
        );
        let mode = fs::metadata(dir.path().join("pc-inbox").join(ACCEPTS))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        data.save_draft(Some(&map)).unwrap();
        assert_eq!(
            data.load_draft::<BTreeMap<String, String>>().unwrap(),
            Some(map)
        );
        data.save_draft::<BTreeMap<String, String>>(None).unwrap();
        assert_eq!(data.load_draft::<BTreeMap<String, String>>().unwrap(), None);
    }

    #[test]
    fn each_origin_sees_only_its_own_accepts_and_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let demo = DataDir::at(dir.path()).for_origin(origin("demo", "AWS", "test"));
        let real = DataDir::at(dir.path()).for_origin(origin("aws", "AWS", "partner-sales"));
        let records = |t: &str| BTreeMap::from([("engi-1".to_string(), t.to_string())]);
        demo.save_accepts(&records("demo-token")).unwrap();
        real.save_accepts(&records("real-token")).unwrap();
        assert_eq!(
            demo.load_accepts::<BTreeMap<String, String>>().unwrap(),
            records("demo-token")
        );
        assert_eq!(
            real.load_accepts::<BTreeMap<String, String>>().unwrap(),
            records("real-token")
        );
    }

    #[test]
    fn records_from_before_origins_are_kept_and_never_resumed() {
        let dir = tempfile::tempdir().unwrap();
        let old = r#"{"invitations":{"engi-1":{"client_token":"t"}}}"#;
        fs::write(dir.path().join(ACCEPTS), old).unwrap();
        let data = DataDir::at(dir.path()).for_origin(origin("aws", "AWS", "default"));
        let none: BTreeMap<String, Value> = data.load_accepts().unwrap();
        assert!(none.is_empty(), "not resumed anywhere");
        data.save_accepts(&BTreeMap::<String, String>::new())
            .unwrap();
        let file: Value =
            serde_json::from_str(&fs::read_to_string(dir.path().join(ACCEPTS)).unwrap()).unwrap();
        assert_eq!(
            file[UNSCOPED]["invitations"]["engi-1"]["client_token"], "t",
            "kept"
        );
    }

    #[test]
    fn a_corrupt_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(ACCEPTS), "{not json").unwrap();
        let data = DataDir::at(dir.path());
        assert!(data
            .load_accepts::<BTreeMap<String, String>>()
            .unwrap_err()
            .contains(ACCEPTS));
        data.save_accepts(&BTreeMap::from([("engi-1", "t")]))
            .unwrap();
        let aside = fs::read_to_string(dir.path().join(format!("{ACCEPTS}.unreadable"))).unwrap();
        assert_eq!(aside, "{not json", "the unreadable file is kept aside");
        assert_eq!(
            data.load_accepts::<BTreeMap<String, String>>()
                .unwrap()
                .len(),
            1
        );
    }
}
