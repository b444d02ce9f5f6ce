//! The user's configuration file (TOML). Every key is documented in `config.example.toml`.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::{Deserialize, Deserializer};

use crate::app::{PollSchedule, Settings, Watch, DEFAULT_CONSOLE_URL, DEFAULT_OPPORTUNITY_URL};
use crate::domain::View;
use crate::keymap::Keymap;
use crate::ui::Theme;

mod file;
mod key_path;
#[cfg(test)]
mod props;
mod views;

pub use crate::domain::Catalog;

/// Environment variable naming the config file to use instead of the default lookup.
pub const CONFIG_ENV: &str = "PC_INBOX_CONFIG";

/// Rows per ListEngagementInvitations page, 1–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(pub u32);

impl<'de> Deserialize<'de> for PageSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u32::deserialize(d)?;
        if (1..=100).contains(&n) {
            Ok(PageSize(n))
        } else {
            Err(serde::de::Error::custom(format!(
                "must be between 1 and 100, got {n}"
            )))
        }
    }
}

/// A log filter as `log_level` takes it: a level (`off`, `error`, `warn`, `info`, `debug`,
/// `trace`), or comma-separated `target=level` directives with at most one bare level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFilter(pub String);

/// The levels a log filter names.
const LOG_LEVELS: [&str; 6] = ["off", "error", "warn", "info", "debug", "trace"];

impl LogFilter {
    /// Checks a filter as written in the config file or given to `--log-level`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let level = |l: &str| LOG_LEVELS.contains(&l.trim().to_ascii_lowercase().as_str());
        let fits = !text.trim().is_empty()
            && text
                .split(',')
                .all(|directive| match directive.split_once('=') {
                    Some((target, l)) => !target.trim().is_empty() && level(l),
                    None => level(directive),
                });
        match fits {
            true => Ok(LogFilter(text.to_string())),
            false => Err(format!(
                "expected a level ({}) or target=level directives, got `{text}`",
                LOG_LEVELS.join(", ")
            )),
        }
    }
}

impl<'de> Deserialize<'de> for LogFilter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        LogFilter::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Where dates are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeZone {
    #[default]
    Local,
    Utc,
}

/// Settings read from the config file; command-line flags override them.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub catalog: Option<Catalog>,
    pub endpoint_url: Option<String>,
    pub page_size: Option<PageSize>,
    /// `[[views]]`, in order; the inbox opens on the first.
    pub views: Vec<View>,
    pub poll: PollSchedule,
    pub time_zone: TimeZone,
    /// Log filter when neither `--log-level` nor `RUST_LOG` is given, e.g. `debug`.
    pub log_level: Option<String>,
    /// Where `o` opens an invitation; `None` for the default.
    pub console_url: Option<String>,
    /// Where `o` opens the opportunity an accepted invitation created; `None` for the default.
    pub opportunity_url: Option<String>,
    /// `[theme]` colours by role, already checked.
    pub colours: Vec<(String, Color)>,
    /// The key table with the `[keys]` overrides applied.
    pub keymap: Keymap,
    /// `[watch]`: how often the inbox and `pc-inbox watch` look for changes.
    pub watch: Watch,
    /// After acting on one invitation, select the next one that can be acted on.
    pub auto_advance: bool,
    /// `[actions] reject_hold_seconds`: how long a confirmed reject waits, undoable, before
    /// it is sent.
    pub reject_hold: std::time::Duration,
    /// The triage rules file the detail pane applies.
    pub rules: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            profile: None,
            region: None,
            catalog: None,
            endpoint_url: None,
            page_size: None,
            views: View::defaults(),
            poll: PollSchedule::default(),
            time_zone: TimeZone::Local,
            log_level: None,
            console_url: None,
            opportunity_url: None,
            colours: Vec::new(),
            keymap: Keymap::default(),
            watch: Watch::default(),
            auto_advance: true,
            reject_hold: Settings::default().reject_hold,
            rules: None,
        }
    }
}

impl Config {
    /// Rows per page, 100 (the most the service allows) unless set.
    pub fn page_size(&self) -> u32 {
        self.page_size.map_or(100, |p| p.0)
    }

    /// The inbox's settings from this file, for a catalog.
    pub fn app_settings(&self, catalog: String) -> Settings {
        Settings {
            page_size: self.page_size(),
            catalog,
            poll: self.poll,
            reject_hold: self.reject_hold,
            views: self.views.clone(),
            utc: self.time_zone == TimeZone::Utc,
            opportunity_url: self
                .opportunity_url
                .clone()
                .unwrap_or_else(|| DEFAULT_OPPORTUNITY_URL.into()),
            console_url: self
                .console_url
                .clone()
                .unwrap_or_else(|| DEFAULT_CONSOLE_URL.into()),
            watch: self.watch,
            auto_advance: self.auto_advance,
            ..Settings::default()
        }
    }

    /// The theme: `NO_COLOR` wins over `[theme]` colours.
    pub fn theme(&self) -> Theme {
        let mut theme = Theme::from_env();
        if !Theme::no_color() {
            for (role, colour) in &self.colours {
                theme.set_colour(role, *colour);
            }
        }
        theme
    }
}

/// A config file read: its settings and what in it was ignored, with why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    pub config: Config,
    /// `path:line: message` for each ignored key or value.
    pub warnings: Vec<String>,
}

/// A config file that could not be read or understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column of the problem, when known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Where the config file is: `$PC_INBOX_CONFIG`, else the first existing of
/// `$XDG_CONFIG_HOME/pc-inbox/config.toml`, `~/.config/pc-inbox/config.toml` and the platform
/// default. `None` when there is none.
pub fn locate() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(CONFIG_ENV) {
        return Some(PathBuf::from(path));
    }
    let mut candidates = Vec::new();
    if let Some(xdg) = std::env::var_os("XDG_CONFIG_HOME") {
        candidates.push(PathBuf::from(xdg).join("pc-inbox/config.toml"));
    }
    if let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) {
        candidates.push(home.join(".config/pc-inbox/config.toml"));
    }
    if let Some(dirs) = directories::ProjectDirs::from("", "", "pc-inbox") {
        candidates.push(dirs.config_dir().join("config.toml"));
    }
    candidates.into_iter().find(|p| p.is_file())
}

/// Reads the config file if there is one; no file means defaults.
pub fn load() -> Result<Loaded, ConfigError> {
    match locate() {
        Some(path) => load_from(&path),
        None => Ok(Loaded::default()),
    }
}

/// The largest config file read.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads one config file: a regular file of at most [`MAX_CONFIG_BYTES`] (a FIFO or a device
/// is refused before it is opened, so nothing blocks or fills memory).
fn read(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the config file: {e}"))?;
    if !meta.is_file() {
        return Err(
            "the config file is not a regular file (a directory, FIFO or device is \
                    not read)"
                .into(),
        );
    }
    let too_big = || format!("the config file is larger than {MAX_CONFIG_BYTES} bytes (1 MiB)");
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(too_big());
    }
    let mut text = String::new();
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read the config file: {e}"))?;
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read the config file: {e}"))?;
    if text.len() as u64 > MAX_CONFIG_BYTES {
        return Err(too_big());
    }
    Ok(text)
}

/// Reads and parses one config file.
pub fn load_from(path: &Path) -> Result<Loaded, ConfigError> {
    let text = read(path).map_err(|message| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message,
    })?;
    file::parse(&text, &path.display().to_string()).map_err(|(position, message)| ConfigError {
        path: path.to_path_buf(),
        position,
        message,
    })
}

/// Where each line of a text starts, for finding the line of many offsets in linear time.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts.collect())
    }

    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(path: &Path) -> String {
        load_from(path).unwrap_err().message
    }

    #[test]
    fn only_regular_files_of_at_most_a_mebibyte_are_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(refused(dir.path()).contains("not a regular file"));
        assert!(refused(Path::new("/dev/zero")).contains("not a regular file"));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(
                refused(&fifo).contains("not a regular file"),
                "refused at once"
            );
        }
        let big = dir.path().join("big.toml");
        std::fs::write(
            &big,
            format!("# {}\n", "x".repeat(MAX_CONFIG_BYTES as usize)),
        )
        .unwrap();
        assert!(refused(&big).contains("larger than"), "{}", refused(&big));
        let fine = dir.path().join("fine.toml");
        std::fs::write(&fine, "page_size = 50\n").unwrap();
        assert_eq!(
            load_from(&fine).unwrap().config.page_size,
            Some(PageSize(50))
        );
    }

    #[test]
    fn a_log_level_that_is_not_a_filter_is_refused_by_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        for good in ["debug", "warn,pc_inbox=trace", "pc_inbox::runtime=DEBUG"] {
            std::fs::write(&path, format!("log_level = \"{good}\"\n")).unwrap();
            let loaded = load_from(&path).unwrap();
            assert_eq!(loaded.config.log_level.as_deref(), Some(good));
        }
        for bad in ["loud", "", "pc_inbox=chatty", "=debug"] {
            std::fs::write(&path, format!("log_level = \"{bad}\"\n")).unwrap();
            let e = load_from(&path).unwrap_err();
            assert!(
                e.message.starts_with("`log_level`"),
                "{bad:?}: {}",
                e.message
            );
            assert_eq!(e.position.map(|p| p.0), Some(1), "{bad:?}");
        }
    }

    #[test]
    fn displays_path_line_and_column() {
        let e = ConfigError {
            path: PathBuf::from("/x/config.toml"),
            position: Some((3, 7)),
            message: "bad".into(),
        };
        assert_eq!(e.to_string(), "/x/config.toml:3:7: bad");
    }
}
