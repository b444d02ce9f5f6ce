//! `[[views]]`: the inbox's named views. A problem with a view names its key as `views[N].key`
//! (N counting from 1, as the digit keys that switch to the first nine do) and the view's name.

use std::collections::BTreeMap;
use std::ops::{Range, RangeInclusive};

use serde::Deserialize;
use toml::Spanned;

use super::key_path::array_entry;
use super::line_column;
use crate::domain::PayloadChoice;
use crate::domain::{InvitationStatus, Origin, Participant, View, ViewSort};

/// The keys a view may have.
pub(super) const KEYS: [&str; 7] = [
    "name",
    "side",
    "status",
    "payload",
    "from",
    "expires_within_days",
    "sort",
];

/// The most views a file may name.
pub(super) const MAX: usize = 50;

/// The longest a view's name may be, in characters.
const MAX_NAME: usize = 40;

/// What `expires_within_days` may be.
const DAYS: RangeInclusive<u32> = 1..=365;

/// One `[[views]]` table as written; unknown keys are left to [`unknown_keys`].
#[derive(Deserialize)]
pub(super) struct Raw {
    name: Spanned<String>,
    side: Option<Participant>,
    status: Option<Vec<InvitationStatus>>,
    payload: Option<PayloadChoice>,
    from: Option<Origin>,
    expires_within_days: Option<Spanned<u32>>,
    sort: Option<ViewSort>,
}

/// A refused config file: the 1-based line and column of the problem, when known, and why.
pub(super) type Refusal = (Option<(usize, usize)>, String);

/// A key in backticks, followed by its view's name when it belongs to one (`views[N]…`) that has
/// a name.
pub(super) fn label(text: &str, key: &str) -> String {
    let name = key
        .strip_prefix("views[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(n, _)| n.parse().ok())
        .and_then(|n| array_entry(text, "views", n))
        .and_then(|(_, name)| name)
        .filter(|name| !name.trim().is_empty());
    match name {
        Some(name) => format!("`{key}` (view {name:?})"),
        None => format!("`{key}`"),
    }
}

/// The views of the file's `views` array, checked, in order. `views_at` is where the `views` key
/// is written.
pub(super) fn views(text: &str, raw: Vec<Raw>, views_at: usize) -> Result<Vec<View>, Refusal> {
    let refuse = |offset: usize, key: &str, message: String| -> Refusal {
        (
            Some(line_column(text, offset)),
            format!("{}: {message}", label(text, key)),
        )
    };
    if raw.is_empty() {
        return Err(refuse(
            views_at,
            "views",
            "at least one view is needed (leave `views` out for the default set)".into(),
        ));
    }
    if raw.len() > MAX {
        let key = format!("views[{}]", MAX + 1);
        let at = array_entry(text, "views", MAX + 1).map_or(views_at, |(start, _)| start);
        return Err(refuse(
            at,
            &key,
            format!("at most {MAX} views, got {}", raw.len()),
        ));
    }
    let mut views: Vec<View> = Vec::with_capacity(raw.len());
    for (i, view) in raw.into_iter().enumerate() {
        let key = |k: &str| format!("views[{}].{k}", i + 1);
        let name = view.name.get_ref().trim();
        let name_at = view.name.span().start;
        if name.is_empty() {
            return Err(refuse(name_at, &key("name"), "a view needs a name".into()));
        }
        let length = name.chars().count();
        if length > MAX_NAME {
            return Err(refuse(
                name_at,
                &key("name"),
                format!("a view's name is at most {MAX_NAME} characters, got {length}"),
            ));
        }
        let folded = name.to_lowercase();
        if let Some(j) = views.iter().position(|v| v.name.to_lowercase() == folded) {
            return Err(refuse(
                name_at,
                &key("name"),
                format!(
                    "views[{}] is named {:?} already (names must differ, ignoring case)",
                    j + 1,
                    views[j].name
                ),
            ));
        }
        if let Some(days) = &view.expires_within_days {
            if !DAYS.contains(days.get_ref()) {
                return Err(refuse(
                    days.span().start,
                    &key("expires_within_days"),
                    format!(
                        "must be between {} and {}, got {}",
                        DAYS.start(),
                        DAYS.end(),
                        days.get_ref()
                    ),
                ));
            }
        }
        views.push(View {
            name: name.to_string(),
            side: view.side.unwrap_or(Participant::Received),
            statuses: view.status.unwrap_or_default(),
            payloads: view.payload.unwrap_or_default().kinds(),
            from: view.from,
            expires_within_days: view.expires_within_days.map(Spanned::into_inner),
            sort: view.sort.unwrap_or_default(),
        });
    }
    Ok(views)
}

/// The keys of the file's views that are not view keys: where each is and a warning naming it.
/// Nothing when the file has no views or cannot be read as having them.
pub(super) fn unknown_keys(text: &str) -> Vec<(Range<usize>, String)> {
    #[derive(Deserialize)]
    struct Keys {
        views: Option<Vec<BTreeMap<Spanned<String>, toml::Value>>>,
    }
    let Ok(Keys { views: Some(views) }) = toml::from_str::<Keys>(text) else {
        return Vec::new();
    };
    let mut unknown = Vec::new();
    for (i, keys) in views.iter().enumerate() {
        let name = keys
            .iter()
            .find(|(key, _)| key.get_ref() == "name")
            .and_then(|(_, value)| value.as_str())
            .filter(|name| !name.trim().is_empty());
        for key in keys.keys() {
            if !KEYS.contains(&key.get_ref().as_str()) {
                let path = format!("views[{}].{}", i + 1, key.get_ref());
                let label = match name {
                    Some(name) => format!("`{path}` (view {name:?})"),
                    None => format!("`{path}`"),
                };
                unknown.push((key.span(), format!("unknown key {label}")));
            }
        }
    }
    unknown
}

#[cfg(test)]
mod tests {
    use super::super::file::parse;
    use super::*;
    use crate::domain::PayloadKind;

    /// The line, column and message a text is refused with.
    fn refusal(text: &str) -> (usize, usize, String) {
        let (position, message) = parse(text, "c.toml").unwrap_err();
        let (line, column) = position.expect("a position");
        (line, column, message)
    }

    /// `n` views named `View 1`…
    fn numbered(n: usize) -> String {
        (1..=n)
            .map(|i| format!("[[views]]\nname = \"View {i}\"\n"))
            .collect()
    }

    #[test]
    fn views_are_read_in_order_with_every_key() {
        let text = r#"
[[views]]
name = "  Hot leads "
status = ["pending"]
payload = "lead"
from = "partners"
expires_within_days = 1
sort = "spend"

[[views]]
name = "Sent"
side = "sent"
status = ["accepted", "rejected", "expired"]
payload = "opportunity"
sort = "customer"

[[views]]
name = "AWS"
side = "received"
payload = "all"
from = "aws"
expires_within_days = 365
sort = "sender"

[[views]]
name = "Everything, oldest first"
sort = "oldest"
"#;
        let loaded = parse(text, "c.toml").unwrap();
        assert_eq!(loaded.warnings, Vec::<String>::new());
        assert_eq!(
            loaded.config.views,
            [
                View {
                    name: "Hot leads".into(),
                    side: Participant::Received,
                    statuses: vec![InvitationStatus::Pending],
                    payloads: vec![PayloadKind::Lead],
                    from: Some(Origin::Partners),
                    expires_within_days: Some(1),
                    sort: ViewSort::Spend,
                },
                View {
                    name: "Sent".into(),
                    side: Participant::Sent,
                    statuses: vec![
                        InvitationStatus::Accepted,
                        InvitationStatus::Rejected,
                        InvitationStatus::Expired
                    ],
                    payloads: vec![PayloadKind::Opportunity],
                    from: None,
                    expires_within_days: None,
                    sort: ViewSort::Customer,
                },
                View {
                    from: Some(Origin::Aws),
                    expires_within_days: Some(365),
                    sort: ViewSort::Sender,
                    ..View::all("AWS", Participant::Received)
                },
                View {
                    sort: ViewSort::Oldest,
                    ..View::all("Everything, oldest first", Participant::Received)
                },
            ]
        );
        let settings = loaded.config.app_settings("AWS".into());
        assert_eq!(settings.views, loaded.config.views);
    }

    #[test]
    fn without_views_the_defaults_apply_and_an_inline_array_works_too() {
        let config = parse("page_size = 10\n", "c.toml").unwrap().config;
        assert_eq!(config.views, View::defaults());
        assert_eq!(config.app_settings("AWS".into()).views, View::defaults());
        let inline = parse(
            "views = [{ name = \"Mine\", sort = \"expires\" }]\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(
            inline.config.views,
            [View {
                sort: ViewSort::Expires,
                ..View::all("Mine", Participant::Received)
            }]
        );
    }

    #[test]
    fn fifty_views_are_allowed_and_the_fifty_first_is_refused_where_it_starts() {
        let fifty = parse(&numbered(50), "c.toml").unwrap().config.views;
        assert_eq!(fifty.len(), 50);
        assert_eq!(fifty[49].name, "View 50");
        assert_eq!(
            refusal(&numbered(51)),
            (
                101,
                1,
                "`views[51]` (view \"View 51\"): at most 50 views, got 51".into()
            )
        );
    }

    #[test]
    fn each_bad_view_is_refused_naming_its_key_and_view() {
        let cases = [
            (
                "[[views]]\nname = \"Pending\"\n[[views]]\nname = \"pending \"\n",
                (4, 8, "`views[2].name` (view \"pending \"): views[1] is named \"Pending\" already (names must differ, ignoring case)"),
            ),
            (
                "[[views]]\nname = \"A\"\n[[views]]\nname = \"  \"\n",
                (4, 8, "`views[2].name`: a view needs a name"),
            ),
            (
                &format!("[[views]]\nname = \"{}\"\n", "x".repeat(41)),
                (2, 8, "`views[1].name` (view \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"): a view's name is at most 40 characters, got 41"),
            ),
            (
                "[[views]]\nname = \"Soon\"\nexpires_within_days = 0\n",
                (3, 23, "`views[1].expires_within_days` (view \"Soon\"): must be between 1 and 365, got 0"),
            ),
            (
                "[[views]]\nname = \"Soon\"\nexpires_within_days = 366\n",
                (3, 23, "`views[1].expires_within_days` (view \"Soon\"): must be between 1 and 365, got 366"),
            ),
            (
                "[[views]]\nname = \"A\"\n\n[[views]]\nname = \"Soon\"\nsort = \"soonest\"\n",
                (6, 8, "`views[2].sort` (view \"Soon\"): unknown variant `soonest`, expected one of `newest`, `oldest`, `expires`, `sender`, `customer`, `spend`"),
            ),
            (
                "[[views]]\nname = \"Out\"\nside = \"outgoing\"\n",
                (3, 8, "`views[1].side` (view \"Out\"): unknown variant `outgoing`, expected `received` or `sent`"),
            ),
            (
                "[[views]]\nname = \"Soon\"\nexpires_within_days = \"3\"\n",
                (3, 23, "`views[1].expires_within_days` (view \"Soon\"): invalid type: string \"3\", expected u32"),
            ),
            (
                "[[views]]\nname = \"Mine\"\nfrom = \"me\"\n",
                (3, 8, "`views[1].from` (view \"Mine\"): unknown variant `me`, expected `aws` or `partners`"),
            ),
            (
                "[[views]]\nname = \"Mine\"\nstatus = [\"pending\", \"open\"]\n",
                (3, 22, "`views[1].status` (view \"Mine\"): unknown variant `open`, expected one of `pending`, `accepted`, `rejected`, `expired`"),
            ),
            (
                "page_size = 10\nviews = []\n",
                (2, 1, "`views`: at least one view is needed (leave `views` out for the default set)"),
            ),
        ];
        for (text, (line, column, message)) in cases {
            assert_eq!(refusal(text), (line, column, message.to_string()), "{text}");
        }
    }

    #[test]
    fn a_view_without_a_name_is_refused_at_its_header() {
        let (line, _, message) = refusal("[[views]]\nname = \"A\"\n[[views]]\nsort = \"oldest\"\n");
        assert_eq!(
            (line, message.as_str()),
            (3, "`views[2]`: missing field `name`")
        );
    }

    #[test]
    fn an_unknown_key_in_a_view_is_a_warning_with_its_line() {
        let text = "[[views]]\nname = \"Leads\"\nkind = \"lead\"\npayload = \"lead\"\n";
        let loaded = parse(text, "c.toml").unwrap();
        assert_eq!(
            loaded.warnings,
            ["c.toml:3: unknown key `views[1].kind` (view \"Leads\")"]
        );
        assert_eq!(
            loaded.config.views,
            [View {
                payloads: vec![PayloadKind::Lead],
                ..View::all("Leads", Participant::Received)
            }]
        );
    }

    #[test]
    fn the_keys_views_replaced_are_warnings_and_change_nothing() {
        let text = "view = \"sent\"\nstatus = [\"pending\"]\npage_size = 10\npayload = \"lead\"\nsort = \"nonsense\"\n";
        let loaded = parse(text, "c.toml").unwrap();
        let replaced = |line: usize, key: &str| {
            format!(
                "c.toml:{line}: `{key}` no longer applies: the inbox opens on the first of its \
                 [[views]] (see config.example.toml)"
            )
        };
        assert_eq!(
            loaded.warnings,
            [
                replaced(4, "payload"),
                replaced(5, "sort"),
                replaced(2, "status"),
                replaced(1, "view"),
            ]
        );
        assert_eq!(loaded.config.views, View::defaults());
        assert_eq!(loaded.config.page_size, Some(super::super::PageSize(10)));
    }
}
