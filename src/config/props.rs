//! Property tests of the config parser: any text or bytes give settings or a clear error and
//! never a panic; documents made of the real keys (and `[[views]]`) with values of any type are
//! refused only with a message that names the key at fault, at its line.

use std::io::Write;

use proptest::prelude::*;
use proptest::sample::select;

use super::file::{parse, KNOWN, REPLACED_BY_VIEWS};
use super::load_from;
use super::views;
use crate::keymap::{Action, Mode};
use crate::ui::Theme;

/// Keys that take a plain value at the top level (the others are tables), with those views
/// replaced.
const SCALARS: [&str; 12] = [
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
    "log_level",
];

/// A TOML value as written in a file: words the real keys take, and values of every type.
fn value() -> impl Strategy<Value = String> {
    let words = select(vec![
        "received",
        "sent",
        "AWS",
        "Sandbox",
        "newest",
        "oldest",
        "local",
        "utc",
        "all",
        "aws",
        "partners",
        "expires",
        "sender",
        "customer",
        "spend",
        "Pending",
        "lead",
        "opportunity",
        "pending",
        "expired",
        "info",
        "cyan",
        "#ff8800",
        "208",
        "ctrl-d",
        "f1",
        "esc",
        "ctrl-shift-meta",
        "https://partners.example/{id}",
        "",
    ])
    .prop_map(|w| toml::Value::String(w.into()).to_string());
    let leaf = prop_oneof![
        4 => words,
        2 => "\\PC{0,12}".prop_map(|s| toml::Value::String(s).to_string()),
        2 => prop_oneof![Just(0i64), Just(1), Just(100), Just(101), Just(365), Just(366), Just(3600), Just(-1), any::<i64>()]
            .prop_map(|n| n.to_string()),
        1 => prop_oneof![Just(0.5f64), Just(3600.5), Just(-0.0), Just(1e300), any::<f64>()]
            .prop_map(|f| toml::Value::Float(f).to_string()),
        1 => select(vec!["true", "false", "inf", "-inf", "nan", "1979-05-27T07:32:00Z", "07:32:00"])
            .prop_map(String::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| format!("[{}]", v.join(", "))),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..3).prop_map(|m| {
                let items: Vec<String> = m.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", items.join(", "))
            }),
        ]
    })
}

/// Names a table may hold: its real keys, and a misspelt one.
fn names(real: Vec<&'static str>) -> impl Strategy<Value = &'static str> {
    prop_oneof![9 => select(real), 1 => Just("colour")]
}

/// Key paths and lines of one table: `name = value`, each name once.
fn table(real: Vec<&'static str>) -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map(names(real), value(), 0..5)
        .prop_map(|m| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// A config document built from the real keys, and every key path in it with how its line
/// starts.
#[derive(Debug, Clone)]
struct Document {
    text: String,
    paths: Vec<(String, String)>,
}

/// A `[[views]]` table's lines: a name, mostly, and other view keys.
fn view() -> impl Strategy<Value = Vec<(String, String)>> {
    let others: Vec<&'static str> = views::KEYS
        .iter()
        .copied()
        .filter(|k| *k != "name")
        .collect();
    (proptest::option::weighted(0.9, value()), table(others)).prop_map(|(name, mut lines)| {
        if let Some(name) = name {
            lines.insert(0, ("name".to_string(), name));
        }
        lines
    })
}

fn document() -> impl Strategy<Value = Document> {
    let actions: Vec<&'static str> = Action::NAMES.iter().map(|(_, n)| *n).collect();
    let modes: Vec<&'static str> = Mode::NAMES.iter().map(|(_, n)| *n).collect();
    (
        table(SCALARS.to_vec()),
        proptest::option::of(table(vec!["first_seconds", "max_seconds"])),
        proptest::option::of(table(Theme::ROLES.to_vec())),
        proptest::option::of(table(actions.clone())),
        proptest::collection::btree_map(select(modes), table(actions), 0..3),
        proptest::collection::vec(view(), 0..4),
    )
        .prop_map(|(top, poll, theme, keys, modes, views)| {
            let mut doc = Document {
                text: String::new(),
                paths: Vec::new(),
            };
            let section = |doc: &mut Document, name: Option<&str>, lines: &[(String, String)]| {
                if let Some(name) = name {
                    doc.text.push_str(&format!("\n[{name}]\n"));
                }
                for (key, value) in lines {
                    doc.text.push_str(&format!("{key} = {value}\n"));
                    let path = match name {
                        Some(table) => format!("{table}.{key}"),
                        None => key.clone(),
                    };
                    doc.paths.push((path, format!("{key} = ")));
                }
            };
            section(&mut doc, None, &top);
            for (name, lines) in [("poll", poll), ("theme", theme)] {
                if let Some(lines) = lines {
                    section(&mut doc, Some(name), &lines);
                }
            }
            if keys.is_some() || !modes.is_empty() {
                // `[keys.search]` and a `search = …` line under `[keys]` would be one key twice.
                let mut keys = keys.unwrap_or_default();
                keys.retain(|(key, _)| !modes.contains_key(key.as_str()));
                section(&mut doc, Some("keys"), &keys);
            }
            for (mode, lines) in modes {
                section(&mut doc, Some(&format!("keys.{mode}")), &lines);
            }
            for (i, lines) in views.iter().enumerate() {
                let path = format!("views[{}]", i + 1);
                doc.text.push_str("\n[[views]]\n");
                doc.paths.push((path.clone(), "[[views]]".into()));
                for (key, value) in lines {
                    doc.text.push_str(&format!("{key} = {value}\n"));
                    doc.paths
                        .push((format!("{path}.{key}"), format!("{key} = ")));
                }
            }
            doc
        })
}

/// A refusal is clear: a message, and a position inside the text.
fn assert_clear(text: &str, position: Option<(usize, usize)>, message: &str) {
    assert!(!message.trim().is_empty(), "an empty message for {text:?}");
    if let Some((line, column)) = position {
        let lines = text.split('\n').count();
        assert!(
            (1..=lines).contains(&line) && column >= 1,
            "{line}:{column} is outside {text:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    /// Any text is settings or a clear error.
    #[test]
    fn any_text_is_settings_or_a_clear_error(text in "\\PC{0,200}|[\\[\\]=\"'a-z_. \n#{},0-9-]{0,200}") {
        if let Err((position, message)) = parse(&text, "p.toml") {
            assert_clear(&text, position, &message);
        }
    }

    /// Documents of the real keys with values of any type: a refusal names the key at fault
    /// (and a view's key, its view), on its line; warnings name their file and line.
    #[test]
    fn a_refused_value_is_named_by_its_key(doc in document()) {
        let known_top: Vec<&str> = doc.paths.iter().map(|(p, _)| p.split(['.', '[']).next().unwrap_or(p)).collect();
        prop_assert!(known_top.iter().all(|k| KNOWN.contains(k) || REPLACED_BY_VIEWS.contains(k) || *k == "colour"));
        match parse(&doc.text, "p.toml") {
            Ok(loaded) => {
                for warning in loaded.warnings {
                    prop_assert!(warning.starts_with("p.toml:"), "{warning}");
                }
            }
            Err((position, message)) => {
                assert_clear(&doc.text, position, &message);
                let (line, _) = position.expect("a value error has a position");
                let named = doc.paths.iter().filter(|(p, _)| {
                    ["`: ", "` (view ", ".", "["].iter().any(|after| message.starts_with(&format!("`{p}{after}")))
                }).max_by_key(|(p, _)| p.len());
                let (path, start) = named.unwrap_or_else(|| panic!("{message:?} names no key of\n{}", doc.text));
                if path.starts_with("views[") && message.contains("` (view ") {
                    // The key, or one element of it (`status[1]`), then its view.
                    let rest = message[1..].strip_prefix(path.as_str()).unwrap_or_default();
                    let rest = rest
                        .strip_prefix('[')
                        .and_then(|r| r.split_once(']'))
                        .map_or(rest, |(index, r)| if index.parse::<usize>().is_ok() { r } else { rest });
                    prop_assert!(rest.starts_with("` (view "), "{message:?}");
                }
                let text = doc.text.split('\n').nth(line - 1).unwrap_or_default();
                prop_assert!(
                    text.starts_with(start.as_str()),
                    "{message:?} points at line {line}: {text:?}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any bytes in a config file, valid UTF-8 or not, are settings or a clear error.
    #[test]
    fn any_file_is_settings_or_a_clear_error(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&bytes).unwrap();
        if let Err(e) = load_from(file.path()) {
            let shown = e.to_string();
            prop_assert!(shown.starts_with(&file.path().display().to_string()), "{shown}");
            assert_clear(&String::from_utf8_lossy(&bytes), e.position, &e.message);
        }
    }
}
