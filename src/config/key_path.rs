//! Which key a position in a config file belongs to, so that an error about a value can name
//! its key (`poll.first_seconds`), not only its line and column.

use std::ops::Range;

use toml_edit::{ImDocument, Item, Value};

/// The dotted path of the innermost key whose value spans byte `offset` of `text`; `None` when
/// the text is not TOML or no value spans it.
pub(super) fn key_at(text: &str, offset: usize) -> Option<String> {
    let doc = ImDocument::parse(text).ok()?;
    let mut best = None;
    for (key, item) in doc.as_table().iter() {
        item_at(key.to_string(), item, offset, &mut best);
    }
    best.map(|(path, _)| path)
}

/// The best match so far: a path and its depth.
type Best = Option<(String, usize)>;

fn item_at(path: String, item: &Item, offset: usize, best: &mut Best) {
    consider(&path, item.span(), offset, best);
    match item {
        Item::Table(table) => {
            for (key, item) in table.iter() {
                item_at(format!("{path}.{key}"), item, offset, best);
            }
        }
        Item::ArrayOfTables(tables) => {
            for (key, item) in tables.iter().flat_map(|t| t.iter()) {
                item_at(format!("{path}.{key}"), item, offset, best);
            }
        }
        Item::Value(value) => value_at(&path, value, offset, best),
        Item::None => {}
    }
}

fn value_at(path: &str, value: &Value, offset: usize, best: &mut Best) {
    match value {
        Value::InlineTable(table) => {
            for (key, value) in table.iter() {
                let inner = format!("{path}.{key}");
                consider(&inner, value.span(), offset, best);
                value_at(&inner, value, offset, best);
            }
        }
        Value::Array(items) => {
            for value in items.iter() {
                value_at(path, value, offset, best);
            }
        }
        _ => {}
    }
}

/// Keeps `path` when its value spans `offset` and it is deeper than the best so far.
fn consider(path: &str, span: Option<Range<usize>>, offset: usize, best: &mut Best) {
    let depth = path.split('.').count();
    if span.is_some_and(|s| s.contains(&offset)) && best.as_ref().is_none_or(|(_, d)| depth > *d) {
        *best = Some((path.to_string(), depth));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_innermost_key_of_a_position() {
        let text =
            "page_size = \"x\"\n[poll]\nfirst_seconds = true\n[keys.reject]\nup = { a = [1] }\n";
        let at = |needle: &str| key_at(text, text.find(needle).unwrap());
        assert_eq!(at("\"x\"").as_deref(), Some("page_size"));
        assert_eq!(at("true").as_deref(), Some("poll.first_seconds"));
        assert_eq!(at("1]").as_deref(), Some("keys.reject.up.a"));
        assert_eq!(key_at("not = = toml", 6), None);
    }
}
