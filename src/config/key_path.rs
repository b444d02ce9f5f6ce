//! Which key a position in a config file belongs to, so that an error about a value can name
//! its key (`poll.first_seconds`, `views[2].sort`), not only its line and column. A table in an
//! array is named by its place, counting from 1.

use std::ops::Range;

use toml_edit::{ImDocument, Item, Value};

/// The dotted path of the innermost key whose value (or, for a table in an array, whose header)
/// spans byte `offset` of `text`; `None` when the text is not TOML or nothing spans it.
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
            for (i, table) in tables.iter().enumerate() {
                let path = format!("{path}[{}]", i + 1);
                consider(&path, table.span(), offset, best);
                for (key, item) in table.iter() {
                    item_at(format!("{path}.{key}"), item, offset, best);
                }
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
            for (i, value) in items.iter().enumerate() {
                if value.is_inline_table() {
                    let path = format!("{path}[{}]", i + 1);
                    consider(&path, value.span(), offset, best);
                    value_at(&path, value, offset, best);
                } else {
                    value_at(path, value, offset, best);
                }
            }
        }
        _ => {}
    }
}

/// Where the `index`th (from 1) table of the array `key` starts, and its `name` if that is a
/// string; `None` when there is no such table.
pub(super) fn array_entry(text: &str, key: &str, index: usize) -> Option<(usize, Option<String>)> {
    let doc = ImDocument::parse(text).ok()?;
    let (span, name) = match doc.as_table().get(key)? {
        Item::ArrayOfTables(tables) => {
            let table = tables.get(index.checked_sub(1)?)?;
            (table.span(), table.get("name").and_then(Item::as_str))
        }
        Item::Value(Value::Array(items)) => {
            let value = items.get(index.checked_sub(1)?)?;
            let name = value.as_inline_table().and_then(|t| t.get("name"));
            (value.span(), name.and_then(Value::as_str))
        }
        _ => return None,
    };
    Some((span?.start, name.map(String::from)))
}

/// Keeps `path` when its value spans `offset` and it is deeper than the best so far.
fn consider(path: &str, span: Option<Range<usize>>, offset: usize, best: &mut Best) {
    let depth = path.split(['.', '[']).count();
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

    #[test]
    fn names_a_table_of_an_array_by_its_place() {
        let text = "[[views]]\nname = \"A\"\n[[views]]\nname = \"B\"\nsort = 1\n";
        let at = |needle: &str| key_at(text, text.find(needle).unwrap());
        assert_eq!(at("1\n").as_deref(), Some("views[2].sort"));
        assert_eq!(at("\"A\"").as_deref(), Some("views[1].name"));
        assert_eq!(
            key_at(text, text.rfind("[[").unwrap()).as_deref(),
            Some("views[2]")
        );
        let inline = "views = [{ name = \"A\" }, { sort = [2] }]\n";
        assert_eq!(
            key_at(inline, inline.find('2').unwrap()).as_deref(),
            Some("views[2].sort")
        );
        assert_eq!(
            array_entry(text, "views", 2),
            Some((text.rfind("[[").unwrap(), Some("B".into())))
        );
        assert_eq!(
            array_entry(inline, "views", 1).and_then(|e| e.1).as_deref(),
            Some("A")
        );
        assert_eq!(array_entry(text, "views", 3), None);
        assert_eq!(array_entry(text, "views", 0), None);
    }
}
