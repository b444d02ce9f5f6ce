//! The log file: one per UTC day, `pc-inbox.YYYY-MM-DD.log`, private to the user (0600, in a
//! 0700 directory) whatever existed before, the seven newest days kept.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};

const PREFIX: &str = "pc-inbox.";
const SUFFIX: &str = ".log";
/// Days of logs kept.
const KEEP: usize = 7;

/// Writes to the day's log file, opening the next day's when the date changes.
pub struct DailyFile {
    dir: PathBuf,
    open: Option<(NaiveDate, File)>,
}

impl DailyFile {
    /// Logs into `dir`: created if needed, set to 0700, and every log file already there set
    /// to 0600.
    pub fn new(dir: &Path) -> io::Result<Self> {
        crate::files::private_dir(dir)?;
        for log in log_files(dir)? {
            fs::set_permissions(&log, Permissions::from_mode(0o600))?;
        }
        Ok(DailyFile {
            dir: dir.to_path_buf(),
            open: None,
        })
    }

    /// Writes `buf` to the file of `day`, opening it first if it is not the one open.
    fn write_on(&mut self, day: NaiveDate, buf: &[u8]) -> io::Result<usize> {
        match &mut self.open {
            Some((open, file)) if *open == day => file.write(buf),
            _ => {
                let mut file = open_private(&self.dir.join(file_name(day)))?;
                prune(&self.dir)?;
                let written = file.write(buf);
                self.open = Some((day, file));
                written
            }
        }
    }
}

impl Write for DailyFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_on(Utc::now().date_naive(), buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.open {
            Some((_, file)) => file.flush(),
            None => Ok(()),
        }
    }
}

fn file_name(day: NaiveDate) -> String {
    format!("{PREFIX}{}{SUFFIX}", day.format("%Y-%m-%d"))
}

/// Opens `path` for appending: created 0600, and set to 0600 if it existed with another mode.
fn open_private(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)?;
    file.set_permissions(Permissions::from_mode(0o600))?;
    Ok(file)
}

/// The log files in `dir`, oldest first (the date in the name sorts).
fn log_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut logs: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    logs.sort();
    Ok(logs)
}

/// Removes all but the newest [`KEEP`] log files.
fn prune(dir: &Path) -> io::Result<()> {
    let logs = log_files(dir)?;
    for old in &logs[..logs.len().saturating_sub(KEEP)] {
        fs::remove_file(old)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn what_existed_becomes_private_and_so_does_the_next_day() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("logs");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, Permissions::from_mode(0o755)).unwrap();
        let old = dir.join(file_name(day(1)));
        fs::write(&old, "old\n").unwrap();
        fs::set_permissions(&old, Permissions::from_mode(0o644)).unwrap();
        let tomorrow = dir.join(file_name(day(3)));

        let mut file = DailyFile::new(&dir).unwrap();
        assert_eq!((mode(&dir), mode(&old)), (0o700, 0o600));
        file.write_on(day(2), b"today\n").unwrap();
        fs::write(&tomorrow, "left by an older version\n").unwrap();
        fs::set_permissions(&tomorrow, Permissions::from_mode(0o644)).unwrap();
        file.write_on(day(3), b"tomorrow\n").unwrap();

        assert_eq!(mode(&dir.join(file_name(day(2)))), 0o600);
        assert_eq!(mode(&tomorrow), 0o600);
        let text = fs::read_to_string(&tomorrow).unwrap();
        assert_eq!(text, "left by an older version\ntomorrow\n");
    }

    #[test]
    fn the_seven_newest_days_are_kept() {
        let home = tempfile::tempdir().unwrap();
        let mut file = DailyFile::new(home.path()).unwrap();
        fs::write(home.path().join("other.txt"), "not a log").unwrap();
        for d in 1..=9 {
            file.write_on(day(d), b"line\n").unwrap();
        }
        let names: Vec<String> = log_files(home.path())
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.first().unwrap(), &file_name(day(3)));
        assert_eq!(names.len(), 7);
        assert!(home.path().join("other.txt").exists());
    }
}
