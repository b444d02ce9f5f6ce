//! The user's configuration file (TOML). Every key is documented in `config.example.toml`.

use std::fmt;
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

/// Reads and parses one config file.
pub fn load_from(path: &Path) -> Result<Loaded, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message: format!("cannot read the config file: {e}"),
    })?;
    file::parse(&text, &path.display().to_string()).map_err(|(position, message)| ConfigError {
        path: path.to_path_buf(),
        position,
        message,
    })
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
