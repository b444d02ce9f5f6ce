//! The user's configuration file (TOML). Every key is documented in `config.example.toml`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

/// Environment variable naming the config file to use instead of the default lookup.
pub const CONFIG_ENV: &str = "PC_INBOX_CONFIG";

/// Which Partner Central catalog to work in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum Catalog {
    #[default]
    #[serde(rename = "AWS")]
    Aws,
    Sandbox,
}

impl Catalog {
    /// The service's `Catalog` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Catalog::Aws => "AWS",
            Catalog::Sandbox => "Sandbox",
        }
    }
}

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
                "page_size must be between 1 and 100, got {n}"
            )))
        }
    }
}

/// Settings read from the config file; command-line flags override them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub catalog: Option<Catalog>,
    pub endpoint_url: Option<String>,
    pub page_size: Option<PageSize>,
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
pub fn load() -> Result<Config, ConfigError> {
    match locate() {
        Some(path) => load_from(&path),
        None => Ok(Config::default()),
    }
}

/// Reads and parses one config file.
pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message: format!("cannot read the config file: {e}"),
    })?;
    parse(&text).map_err(|(position, message)| ConfigError {
        path: path.to_path_buf(),
        position,
        message,
    })
}

fn parse(text: &str) -> Result<Config, (Option<(usize, usize)>, String)> {
    toml::from_str(text).map_err(|e| {
        let position = e.span().map(|span| line_column(text, span.start));
        (position, e.message().to_string())
    })
}

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
    fn reads_every_key() {
        let c = parse("profile = \"p\"\nregion = \"us-east-1\"\ncatalog = \"Sandbox\"\nendpoint_url = \"http://127.0.0.1:1\"\npage_size = 50\n").unwrap();
        assert_eq!(c.profile.as_deref(), Some("p"));
        assert_eq!(c.catalog, Some(Catalog::Sandbox));
        assert_eq!(c.page_size, Some(PageSize(50)));
    }

    #[test]
    fn example_file_is_valid() {
        parse(include_str!("../config.example.toml")).unwrap();
    }

    #[test]
    fn reports_line_and_column_of_bad_values_and_unknown_keys() {
        let (pos, msg) = parse("profile = \"p\"\npage_size = 500\n").unwrap_err();
        assert_eq!(pos, Some((2, 13)));
        assert_eq!(msg, "page_size must be between 1 and 100, got 500");
        let (pos, msg) = parse("\n  colour = 1\n").unwrap_err();
        assert_eq!(pos, Some((2, 3)));
        assert!(msg.starts_with("unknown field `colour`"), "{msg}");
        let (pos, _) = parse("catalog = \"Prod\"").unwrap_err();
        assert_eq!(pos, Some((1, 11)));
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
