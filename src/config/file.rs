//! Parsing a config file: typed settings, and warnings (with their line) for what is ignored:
//! unknown keys, colours and roles, actions and keys, and keys already in use.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::Duration;

use ratatui::style::Color;
use serde::de::IgnoredAny;
use serde::Deserialize;
use toml::Spanned;

use super::{
    line_column, Catalog, Config, Loaded, PageSize, PayloadName, SortName, StatusName, TimeZone,
    View,
};
use crate::app::PollSchedule;
use crate::keymap::{Action, Key, Keymap};
use crate::ui::Theme;

const KNOWN: [&str; 15] = [
    "console_url",
    "profile",
    "region",
    "catalog",
    "endpoint_url",
    "page_size",
    "view",
    "status",
    "payload",
    "sort",
    "time_zone",
    "poll",
    "theme",
    "keys",
    "log_level",
];

#[derive(Deserialize)]
#[serde(untagged)]
enum KeySpec {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize, Default)]
struct Raw {
    profile: Option<String>,
    region: Option<String>,
    catalog: Option<Catalog>,
    endpoint_url: Option<String>,
    page_size: Option<PageSize>,
    view: Option<View>,
    status: Option<Vec<StatusName>>,
    payload: Option<PayloadName>,
    sort: Option<SortName>,
    time_zone: Option<TimeZone>,
    poll: Option<BTreeMap<Spanned<String>, Spanned<f64>>>,
    theme: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    keys: Option<BTreeMap<Spanned<String>, Spanned<KeySpec>>>,
    log_level: Option<String>,
    console_url: Option<Spanned<String>>,
}

/// Parses a config file's text; `path` names it in warnings.
pub(super) fn parse(text: &str, path: &str) -> Result<Loaded, (Option<(usize, usize)>, String)> {
    let fail = |e: toml::de::Error| {
        (
            e.span().map(|s| line_column(text, s.start)),
            e.message().to_string(),
        )
    };
    let raw: Raw = toml::from_str(text).map_err(fail)?;
    let keys: BTreeMap<Spanned<String>, IgnoredAny> = toml::from_str(text).map_err(fail)?;
    let mut warnings = Vec::new();
    let mut warn = |span: std::ops::Range<usize>, message: String| {
        warnings.push(format!(
            "{path}:{}: {message}",
            line_column(text, span.start).0
        ));
    };
    for key in keys.keys() {
        if !KNOWN.contains(&key.get_ref().as_str()) {
            warn(key.span(), format!("unknown key `{}`", key.get_ref()));
        }
    }

    let mut config = Config {
        profile: raw.profile,
        region: raw.region,
        catalog: raw.catalog,
        endpoint_url: raw.endpoint_url,
        page_size: raw.page_size,
        view: raw.view.unwrap_or(View::Received),
        statuses: raw.status.unwrap_or_default(),
        payload: raw.payload.unwrap_or(PayloadName::All),
        sort: raw.sort.unwrap_or(SortName::Newest),
        time_zone: raw.time_zone.unwrap_or_default(),
        log_level: raw.log_level,
        ..Config::default()
    };

    if let Some(url) = raw.console_url {
        if url.get_ref().contains("{id}") {
            config.console_url = Some(url.get_ref().clone());
        } else {
            warn(
                url.span(),
                "`console_url` needs an `{id}` placeholder; using the default".into(),
            );
        }
    }

    let mut poll = PollSchedule::default();
    for (key, value) in raw.poll.unwrap_or_default() {
        let seconds = *value.get_ref();
        let duration = (seconds.is_finite() && seconds > 0.0 && seconds <= 3600.0)
            .then(|| Duration::from_secs_f64(seconds));
        match (key.get_ref().as_str(), duration) {
            ("first_seconds", Some(d)) => poll.first = d,
            ("max_seconds", Some(d)) => poll.cap = d,
            ("first_seconds" | "max_seconds", None) => warn(
                value.span(),
                format!(
                    "`poll.{}` must be between 0 and 3600 seconds",
                    key.get_ref()
                ),
            ),
            (other, _) => warn(key.span(), format!("unknown key `poll.{other}`")),
        }
    }
    if poll.cap < poll.first {
        poll.cap = poll.first;
    }
    config.poll = poll;

    for (role, colour) in raw.theme.unwrap_or_default() {
        if !Theme::ROLES.contains(&role.get_ref().as_str()) {
            warn(
                role.span(),
                format!(
                    "unknown theme role `{}` (roles: {})",
                    role.get_ref(),
                    Theme::ROLES.join(", ")
                ),
            );
            continue;
        }
        match Color::from_str(colour.get_ref()) {
            Ok(c) => config.colours.push((role.get_ref().clone(), c)),
            Err(_) => warn(
                colour.span(),
                format!(
                    "`theme.{}`: unknown colour `{}` (use a name like `cyan`, `#rrggbb` or 0-255)",
                    role.get_ref(),
                    colour.get_ref()
                ),
            ),
        }
    }

    let mut keymap = Keymap::default();
    for (name, spec) in raw.keys.unwrap_or_default() {
        let Some(action) = Action::from_name(name.get_ref()) else {
            warn(
                name.span(),
                format!("unknown action `{}` in [keys]", name.get_ref()),
            );
            continue;
        };
        let written = match spec.get_ref() {
            KeySpec::One(k) => vec![k.clone()],
            KeySpec::Many(ks) => ks.clone(),
        };
        let mut keys = Vec::new();
        for k in &written {
            match Key::parse(k) {
                Ok(key) => keys.push(key),
                Err(e) => warn(spec.span(), format!("`keys.{}`: {e}", name.get_ref())),
            }
        }
        if keys.is_empty() {
            continue;
        }
        for problem in keymap.rebind(action, &keys) {
            warn(spec.span(), format!("`keys.{}`: {problem}", name.get_ref()));
        }
    }
    config.keymap = keymap;
    Ok(Loaded { config, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/tests/config/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn the_example_file_is_valid_and_quiet() {
        let loaded = parse(include_str!("../../config.example.toml"), "example").unwrap();
        assert_eq!(loaded.warnings, Vec::<String>::new());
    }

    #[test]
    fn a_valid_file_sets_everything() {
        let loaded = parse(&fixture("valid.toml"), "valid.toml").unwrap();
        assert_eq!(loaded.warnings, Vec::<String>::new());
        let c = loaded.config;
        assert_eq!(c.profile.as_deref(), Some("partner-sales"));
        assert_eq!(c.catalog, Some(Catalog::Sandbox));
        assert_eq!(c.page_size, Some(PageSize(25)));
        assert_eq!(
            (c.view, c.statuses, c.payload, c.sort),
            (
                View::Sent,
                vec![StatusName::Pending],
                PayloadName::Lead,
                SortName::Oldest
            )
        );
        assert_eq!(c.time_zone, TimeZone::Utc);
        assert_eq!(
            c.poll,
            PollSchedule {
                first: Duration::from_millis(500),
                cap: Duration::from_secs(5)
            }
        );
        assert_eq!(
            c.colours,
            [
                ("danger".to_string(), Color::Magenta),
                ("key".to_string(), Color::Rgb(0xff, 0x88, 0x00))
            ]
        );
        assert_eq!(c.keymap.key_for(Action::Help).unwrap().to_string(), "H");
        assert_eq!(c.keymap.key_for(Action::Down).unwrap().to_string(), "C-n");
        assert_eq!(
            c.console_url.as_deref(),
            Some("https://partners.example/invitations/{id}")
        );
    }

    #[test]
    fn bad_toml_is_an_error_with_its_position() {
        let (position, message) = parse(&fixture("bad_toml.toml"), "bad_toml.toml").unwrap_err();
        assert_eq!(position, Some((2, 10)));
        assert_eq!(message, "invalid string\nexpected `\"`, `'`");
    }

    #[test]
    fn a_value_out_of_range_is_an_error() {
        let (position, message) = parse("page_size = 500\n", "x").unwrap_err();
        assert_eq!(
            (position, message.as_str()),
            (
                Some((1, 13)),
                "page_size must be between 1 and 100, got 500"
            )
        );
    }

    #[test]
    fn unknown_keys_bad_colours_unknown_actions_and_conflicts_are_warnings() {
        let loaded = parse(&fixture("warnings.toml"), "warnings.toml").unwrap();
        assert_eq!(
            loaded.warnings,
            [
                "warnings.toml:2: unknown key `colour`",
                "warnings.toml:3: `console_url` needs an `{id}` placeholder; using the default",
                "warnings.toml:6: unknown theme role `accent` (roles: text, muted, title, heading, border, border_focused, selected, key, success, warning, danger, info)",
                "warnings.toml:7: `theme.danger`: unknown colour `blood-orange` (use a name like `cyan`, `#rrggbb` or 0-255)",
                "warnings.toml:10: unknown action `acept` in [keys]",
                "warnings.toml:11: `keys.help`: cannot read key `ctrl-shift-meta`",
                "warnings.toml:12: `keys.reject`: `a` is already bound to accept",
                "warnings.toml:12: `keys.reject`: reject keeps its default keys",
            ]
        );
        assert_eq!(
            loaded.config.catalog,
            Some(Catalog::Aws),
            "the good keys still apply"
        );
        assert_eq!(
            loaded
                .config
                .keymap
                .key_for(Action::Reject)
                .unwrap()
                .to_string(),
            "x"
        );
    }
}
