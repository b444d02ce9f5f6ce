//! Files pc-inbox keeps between runs, in its data directory: accept tasks in flight (with their
//! client tokens) and the unsent invitation draft. Files are written atomically, mode 0600.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The client tokens of accepts started, so none starts twice.
pub const ACCEPTS: &str = "accepts.json";
/// The new-invitation form, saved as it is typed.
pub const DRAFT: &str = "draft.json";

/// The data directory: `$XDG_DATA_HOME/pc-inbox` or the platform default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    path: PathBuf,
}

impl DataDir {
    /// A data directory at `path` (created on first write).
    pub fn at(path: impl Into<PathBuf>) -> Self {
        DataDir { path: path.into() }
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

    /// The accept records saved by an earlier run.
    pub fn load_accepts<T: DeserializeOwned + Default>(&self) -> Result<T, String> {
        Ok(self.read(ACCEPTS)?.unwrap_or_default())
    }

    pub fn save_accepts<T: Serialize>(&self, accepts: &T) -> Result<(), String> {
        self.write(ACCEPTS, accepts)
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
    fn a_corrupt_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(ACCEPTS), "{not json").unwrap();
        let data = DataDir::at(dir.path());
        assert!(data
            .load_accepts::<BTreeMap<String, String>>()
            .unwrap_err()
            .contains(ACCEPTS));
    }
}
