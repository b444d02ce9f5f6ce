//! Parsing a config file: typed settings, and warnings (with their line) for what is ignored:
//! unknown keys, colours and roles, actions and keys, keys already in use, and the keys views
//! replaced.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::Duration;

use ratatui::style::Color;
use serde::de::IgnoredAny;
use serde::Deserialize;
use toml::Spanned;

use super::key_path::key_at;
use super::views::{self, label, Refusal};
use super::{line_column, Catalog, Config, Lines, Loaded, LogFilter, PageSize, TimeZone};
use crate::app::{PollSchedule, Watch};
use crate::keymap::{Action, Key, Keymap, Mode};
use crate::ui::Theme;

/// The longest hold `[actions] reject_hold_seconds` may ask for.
const MAX_HOLD_SECONDS: u64 = 60;

/// The top-level keys a config file may have.
pub(super) const KNOWN: [&str; 17] = [
    "console_url",
    "opportunity_url",
    "profile",
    "region",
    "catalog",
    "endpoint_url",
    "page_size",
    "views",
    "time_zone",
    "poll",
    "theme",
    "keys",
    "log_level",
    "watch",
    "auto_advance",
    "rules",
    "actions",
];

/// The top-level keys that said what the inbox opens on, before `[[views]]`: a file that still
/// has one is warned and otherwise read as if it had not.
pub(super) const REPLACED_BY_VIEWS: [&str; 4] = ["view", "status", "payload", "sort"];

/// What `[keys]` holds under one name: a key or list of keys for a list action (`help = "H"`),
/// or a mode's table (`[keys.reject]`).
enum KeyEntry {
    Keys(Vec<String>),
    Mode(BTreeMap<Spanned<String>, Spanned<KeyEntry>>),
}

impl<'de> Deserialize<'de> for KeyEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeyEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key, a list of keys, or a table of a mode's actions")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyEntry, E> {
                Ok(KeyEntry::Keys(vec![v.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<KeyEntry, A::Error> {
                let keys = Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(KeyEntry::Keys(keys))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<KeyEntry, A::Error> {
                let table =
                    BTreeMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(KeyEntry::Mode(table))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Deserialize, Default)]
struct Raw {
    profile: Option<String>,
    region: Option<String>,
    catalog: Option<Catalog>,
    endpoint_url: Option<String>,
    page_size: Option<PageSize>,
    views: Option<Vec<views::Raw>>,
    time_zone: Option<TimeZone>,
    poll: Option<BTreeMap<Spanned<String>, Spanned<f64>>>,
    theme: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    keys: Option<BTreeMap<Spanned<String>, Spanned<KeyEntry>>>,
    log_level: Option<LogFilter>,
    console_url: Option<Spanned<String>>,
    opportunity_url: Option<Spanned<String>>,
    watch: Option<WatchRaw>,
    auto_advance: Option<bool>,
    rules: Option<std::path::PathBuf>,
    actions: Option<BTreeMap<Spanned<String>, Spanned<u64>>>,
}

/// `[watch]`: every key optional; others are warned about ([`WATCH_KEYS`]).
#[derive(Deserialize)]
struct WatchRaw {
    interval_seconds: Option<u64>,
    bell: Option<bool>,
    notify: Option<bool>,
}

/// The keys `[watch]` takes.
const WATCH_KEYS: [&str; 3] = ["interval_seconds", "bell", "notify"];

/// The keys written in `[watch]`, where each is.
fn watch_keys(text: &str) -> Vec<Spanned<String>> {
    #[derive(Deserialize)]
    struct Tables {
        watch: Option<BTreeMap<Spanned<String>, IgnoredAny>>,
    }
    toml::from_str::<Tables>(text)
        .ok()
        .and_then(|t| t.watch)
        .map(|keys| keys.into_keys().collect())
        .unwrap_or_default()
}

/// Parses a config file's text; `path` names it in warnings.
pub(super) fn parse(text: &str, path: &str) -> Result<Loaded, Refusal> {
    let fail = |e: toml::de::Error| {
        let span = e.span();
        let message = match e.message().trim() {
            "" => "this is not valid TOML: something is missing here, such as a value".into(),
            message => message.to_string(),
        };
        let message = match span.as_ref().and_then(|s| key_at(text, s.start)) {
            Some(key) => format!("{}: {message}", label(text, &key)),
            None => message,
        };
        (span.map(|s| line_column(text, s.start)), message)
    };
    let raw: Raw = toml::from_str(text).map_err(fail)?;
    let keys: BTreeMap<Spanned<String>, IgnoredAny> = toml::from_str(text).map_err(fail)?;
    let mut warnings = Vec::new();
    let lines = Lines::new(text);
    let mut warn = |span: std::ops::Range<usize>, message: String| {
        warnings.push(format!("{path}:{}: {message}", lines.line(span.start)));
    };
    for key in keys.keys() {
        let name = key.get_ref().as_str();
        if REPLACED_BY_VIEWS.contains(&name) {
            warn(
                key.span(),
                format!(
                    "`{name}` no longer applies: the inbox opens on the first of its [[views]] \
                     (see config.example.toml)"
                ),
            );
        } else if !KNOWN.contains(&name) {
            warn(key.span(), format!("unknown key `{name}`"));
        }
    }
    let views = match raw.views {
        Some(raw_views) => {
            let views_at = keys
                .keys()
                .find(|k| k.get_ref() == "views")
                .map_or(0, |k| k.span().start);
            views::views(text, raw_views, views_at)?
        }
        None => crate::domain::View::defaults(),
    };
    for (span, message) in views::unknown_keys(text) {
        warn(span, message);
    }
    for key in watch_keys(text) {
        if !WATCH_KEYS.contains(&key.get_ref().as_str()) {
            warn(key.span(), format!("unknown key `watch.{}`", key.get_ref()));
        }
    }

    let mut config = Config {
        profile: raw.profile,
        region: raw.region,
        catalog: raw.catalog,
        endpoint_url: raw.endpoint_url,
        page_size: raw.page_size,
        views,
        time_zone: raw.time_zone.unwrap_or_default(),
        log_level: raw.log_level.map(|f| f.0),
        auto_advance: raw.auto_advance.unwrap_or(true),
        // A relative path is relative to the config file.
        rules: raw
            .rules
            .map(|r| match std::path::Path::new(path).parent() {
                Some(dir) if r.is_relative() => dir.join(r),
                _ => r,
            }),
        ..Config::default()
    };

    for (name, url, slot) in [
        ("console_url", raw.console_url, &mut config.console_url),
        (
            "opportunity_url",
            raw.opportunity_url,
            &mut config.opportunity_url,
        ),
    ] {
        let Some(url) = url else { continue };
        if url.get_ref().contains("{id}") {
            *slot = Some(url.get_ref().clone());
        } else {
            warn(
                url.span(),
                format!("`{name}` needs an `{{id}}` placeholder; using the default"),
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
                    "`poll.{}` must be more than 0 and at most 3600 seconds, got {seconds}",
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

    let mut actions: Vec<_> = raw.actions.unwrap_or_default().into_iter().collect();
    actions.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in actions {
        let seconds = *value.get_ref();
        match key.get_ref().as_str() {
            "reject_hold_seconds" if seconds <= MAX_HOLD_SECONDS => {
                config.reject_hold = Duration::from_secs(seconds)
            }
            "reject_hold_seconds" => warn(
                value.span(),
                format!(
                    "`actions.reject_hold_seconds` must be 0 (off) to {MAX_HOLD_SECONDS}, got \
                     {seconds}; using the default"
                ),
            ),
            other => warn(key.span(), format!("unknown key `actions.{other}`")),
        }
    }

    if let Some(watch) = raw.watch {
        let defaults = config.watch;
        config.watch = Watch {
            interval: watch
                .interval_seconds
                .map_or(defaults.interval, Duration::from_secs),
            bell: watch.bell.unwrap_or(defaults.bell),
            notify: watch.notify.unwrap_or(defaults.notify),
        };
    }

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
    for (name, entry) in raw.keys.unwrap_or_default() {
        match entry.get_ref() {
            KeyEntry::Keys(_) => {
                let mode = match Action::from_name(name.get_ref()) {
                    Some(Action::ForceQuit) => Mode::Global,
                    _ => Mode::List,
                };
                bind(&mut keymap, (mode, "keys"), &name, &entry, &mut warn);
            }
            KeyEntry::Mode(table) => {
                let Some(mode) = Mode::from_name(name.get_ref()) else {
                    warn(
                        name.span(),
                        format!("unknown mode `[keys.{}]`", name.get_ref()),
                    );
                    continue;
                };
                let table_name = format!("keys.{}", mode.name());
                for (action, keys) in table {
                    bind(&mut keymap, (mode, &table_name), action, keys, &mut warn);
                }
            }
        }
    }
    config.keymap = keymap;
    Ok(Loaded { config, warnings })
}

/// Applies one `action = keys` line of `table`: `[keys]` (list actions) or `[keys.<mode>]`.
fn bind(
    keymap: &mut Keymap,
    (mode, table): (Mode, &str),
    name: &Spanned<String>,
    entry: &Spanned<KeyEntry>,
    warn: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    let path = format!("{table}.{}", name.get_ref());
    let Some(action) = Action::from_name(name.get_ref()) else {
        warn(
            name.span(),
            format!("unknown action `{}` in [{table}]", name.get_ref()),
        );
        return;
    };
    let KeyEntry::Keys(written) = entry.get_ref() else {
        warn(
            entry.span(),
            format!("`{path}`: expected a key or a list of keys"),
        );
        return;
    };
    let mut keys = Vec::new();
    for k in written {
        match Key::parse(k) {
            Ok(key) => keys.push(key),
            Err(e) => warn(entry.span(), format!("`{path}`: {e}")),
        }
    }
    if keys.is_empty() {
        return;
    }
    for problem in keymap.rebind(mode, action, &keys) {
        warn(entry.span(), format!("`{path}`: {problem}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{InvitationStatus, Origin, Participant, PayloadKind, View, ViewSort};

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/tests/config/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn the_example_file_is_valid_and_quiet_and_changes_nothing() {
        let loaded = parse(include_str!("../../config.example.toml"), "example").unwrap();
        assert_eq!(loaded.warnings, Vec::<String>::new());
        assert_eq!(loaded.config.views, View::defaults());
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
            c.views,
            [
                View {
                    name: "Sent leads".into(),
                    side: Participant::Sent,
                    statuses: vec![InvitationStatus::Pending],
                    payloads: vec![PayloadKind::Lead],
                    from: None,
                    expires_within_days: None,
                    sort: ViewSort::Oldest,
                },
                View {
                    name: "AWS, this week".into(),
                    side: Participant::Received,
                    statuses: vec![InvitationStatus::Pending, InvitationStatus::Accepted],
                    payloads: vec![PayloadKind::Opportunity],
                    from: Some(Origin::Aws),
                    expires_within_days: Some(7),
                    sort: ViewSort::Expires,
                },
            ]
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
        assert_eq!(
            c.keymap
                .key_for(Mode::List, Action::Help)
                .unwrap()
                .to_string(),
            "H"
        );
        assert_eq!(
            c.keymap
                .key_for(Mode::List, Action::Down)
                .unwrap()
                .to_string(),
            "C-n"
        );
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
    fn a_key_without_a_value_is_an_error_that_says_so() {
        let (position, message) = parse("a=", "x").unwrap_err();
        assert_eq!(
            (position, message.as_str()),
            (
                Some((1, 3)),
                "this is not valid TOML: something is missing here, such as a value"
            )
        );
    }

    #[test]
    fn a_value_of_a_nested_key_names_its_path() {
        let (position, message) = parse("[poll]\nfirst_seconds = true\n", "x").unwrap_err();
        assert_eq!(
            (position, message.as_str()),
            (
                Some((2, 17)),
                "`poll.first_seconds`: invalid type: boolean `true`, expected f64"
            )
        );
    }

    #[test]
    fn a_value_out_of_range_is_an_error() {
        let (position, message) = parse("page_size = 500\n", "x").unwrap_err();
        assert_eq!(
            (position, message.as_str()),
            (
                Some((1, 13)),
                "`page_size`: must be between 1 and 100, got 500"
            )
        );
    }

    #[test]
    fn poll_times_outside_their_range_are_warnings_that_state_the_range() {
        let loaded = parse(
            "[poll]\nfirst_seconds = 0\nmax_seconds = 3601\n",
            "poll.toml",
        )
        .unwrap();
        assert_eq!(
            loaded.warnings,
            [
                "poll.toml:2: `poll.first_seconds` must be more than 0 and at most 3600 seconds, got 0",
                "poll.toml:3: `poll.max_seconds` must be more than 0 and at most 3600 seconds, got 3601",
            ]
        );
        assert_eq!(loaded.config.poll, PollSchedule::default());
        let edges = parse("[poll]\nfirst_seconds = 0.1\nmax_seconds = 3600\n", "x").unwrap();
        assert_eq!(edges.warnings, Vec::<String>::new());
        assert_eq!(
            edges.config.poll,
            PollSchedule {
                first: Duration::from_millis(100),
                cap: Duration::from_secs(3600)
            }
        );
    }

    #[test]
    fn a_relative_rules_path_is_relative_to_the_config_file() {
        let relative = parse(
            "rules = \"rules.toml\"\n",
            "/home/u/.config/pc-inbox/config.toml",
        );
        assert_eq!(
            relative.unwrap().config.rules.unwrap(),
            std::path::Path::new("/home/u/.config/pc-inbox/rules.toml")
        );
        let absolute = parse("rules = \"/srv/rules.toml\"\n", "/etc/config.toml");
        assert_eq!(
            absolute.unwrap().config.rules.unwrap(),
            std::path::Path::new("/srv/rules.toml")
        );
        assert_eq!(parse("", "x").unwrap().config.rules, None);
        assert!(
            !parse("auto_advance = false\n", "x")
                .unwrap()
                .config
                .auto_advance
        );
    }

    #[test]
    fn actions_set_the_reject_hold_zero_for_off_and_warn_outside_the_range() {
        let default = parse("", "a").unwrap().config.reject_hold;
        assert_eq!(default, Duration::from_secs(5));
        let off = parse("[actions]\nreject_hold_seconds = 0\n", "a").unwrap();
        assert!(off.warnings.is_empty());
        assert_eq!(off.config.reject_hold, Duration::ZERO);
        let odd = parse("[actions]\nreject_hold_seconds = 61\nhold = 1\n", "a").unwrap();
        assert_eq!(
            odd.warnings,
            [
                "a:2: `actions.reject_hold_seconds` must be 0 (off) to 60, got 61; using the default",
                "a:3: unknown key `actions.hold`",
            ]
        );
        assert_eq!(odd.config.reject_hold, default);
        let (_, message) = parse("[actions]\nreject_hold_seconds = -1\n", "a").unwrap_err();
        assert!(message.contains("reject_hold_seconds"), "{message}");
    }

    #[test]
    fn watch_takes_an_interval_zero_for_off_and_how_to_announce() {
        let off = parse("[watch]\ninterval_seconds = 0\nbell = true\n", "w").unwrap();
        assert!(off.warnings.is_empty());
        assert_eq!(
            off.config.watch,
            Watch {
                interval: Duration::ZERO,
                bell: true,
                notify: false
            }
        );
        assert_eq!(parse("", "w").unwrap().config.watch, Watch::default());
        let typo = parse("\n[watch]\nintervall = 5\nbell = true\n", "w").unwrap();
        assert_eq!(typo.warnings, ["w:3: unknown key `watch.intervall`"]);
        assert!(typo.config.watch.bell, "the rest of the table is read");
    }

    #[test]
    fn every_unknown_key_is_warned_about_on_its_own_line_however_many() {
        let mut text = String::from("page_size = 50\n");
        for i in 0..5_000 {
            text.push_str(&format!("k{i} = 1\n"));
        }
        text.push_str("[[views]]\nname = \"Hot\"\n");
        for i in 0..5_000 {
            text.push_str(&format!("v{i} = 1\n"));
        }
        let loaded = parse(&text, "many").unwrap();
        assert_eq!(loaded.warnings.len(), 10_000);
        assert_eq!(loaded.warnings[0], "many:2: unknown key `k0`");
        assert!(
            loaded
                .warnings
                .contains(&"many:5004: unknown key `views[1].v0` (view \"Hot\")".to_string()),
            "{:?}",
            &loaded.warnings[5_000..5_002]
        );
        assert_eq!(loaded.config.page_size, Some(PageSize(50)));
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
                .key_for(Mode::List, Action::Reject)
                .unwrap()
                .to_string(),
            "x"
        );
    }
}
