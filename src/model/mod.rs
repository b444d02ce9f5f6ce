//! The Partner Central service model (botocore's `service-2.json`, embedded) and a validator that
//! checks request and response bodies against it: required members, unions, enums, string
//! patterns and lengths, list sizes and integer ranges.

mod member;

use std::collections::HashMap;
use std::sync::OnceLock;

use fancy_regex::Regex;
use serde::Deserialize;
use serde_json::Value;

const MODEL_JSON: &str = include_str!("../../assets/model/partnercentral-selling-2022-07-26.json");

/// The parsed model, built once per process.
pub fn model() -> &'static ServiceModel {
    static MODEL: OnceLock<ServiceModel> = OnceLock::new();
    MODEL.get_or_init(|| ServiceModel::parse(MODEL_JSON).expect("embedded service model is valid"))
}

/// A `CreateEngagementInvitationRequest` body, for checking it against the model before it is
/// sent.
pub fn create_invitation_request(
    catalog: &str,
    engagement_id: &str,
    client_token: &str,
    invitation: &crate::domain::NewInvitation,
) -> Value {
    let request = crate::wire::CreateEngagementInvitationRequest::new(
        catalog,
        engagement_id,
        client_token,
        invitation,
    );
    serde_json::to_value(request).expect("requests serialize")
}

/// One member the validator refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Dotted path, e.g. `Invitation.Payload.OpportunityInvitation.SenderContacts[0].Email`.
    pub field: String,
    pub message: String,
    /// A `ValidationExceptionErrorCode` value.
    pub code: &'static str,
}

/// What the validator found: how many violations there were, and the first few of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violations {
    /// Every violation found, kept or not.
    pub total: usize,
    /// The first violations found, at most as many as the caller asked to keep.
    pub first: Vec<Violation>,
    keep: usize,
}

impl Violations {
    fn push(&mut self, make: impl FnOnce() -> Violation) {
        self.total += 1;
        if self.first.len() < self.keep {
            self.first.push(make());
        }
    }
}

/// Echoed values and map keys are cut to this many characters.
const SHOWN_CHARS: usize = 64;

/// `text`, or its first [`SHOWN_CHARS`] characters and "…".
fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// A body that is not even the right JSON types: the protocol's SerializationException.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeMismatch(pub String);

/// Operations and shapes of the service.
pub struct ServiceModel {
    shapes: HashMap<String, Shape>,
    operations: HashMap<String, Operation>,
}

/// The input and output shape names of one operation.
#[derive(Debug, Clone)]
pub struct Operation {
    pub input: String,
    pub output: Option<String>,
}

enum Shape {
    Structure {
        members: Vec<(String, String)>,
        required: Vec<String>,
        union: bool,
    },
    List {
        member: String,
        min: Option<u64>,
        max: Option<u64>,
    },
    Map {
        value: String,
        min: Option<u64>,
        max: Option<u64>,
    },
    String {
        pattern: Option<(Regex, String)>,
        enumeration: Option<Vec<String>>,
        min: Option<u64>,
        max: Option<u64>,
        sensitive: bool,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Timestamp,
    Other,
}

#[derive(Deserialize)]
struct RawModel {
    operations: HashMap<String, RawOperation>,
    shapes: HashMap<String, RawShape>,
}

#[derive(Deserialize)]
struct RawOperation {
    input: Option<RawRef>,
    output: Option<RawRef>,
}

#[derive(Deserialize)]
struct RawRef {
    shape: String,
}

#[derive(Deserialize)]
struct RawShape {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    members: serde_json::Map<String, Value>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    union: bool,
    member: Option<RawRef>,
    value: Option<RawRef>,
    min: Option<f64>,
    max: Option<f64>,
    pattern: Option<String>,
    #[serde(rename = "enum")]
    enumeration: Option<Vec<String>>,
    #[serde(default)]
    sensitive: bool,
}

impl ServiceModel {
    fn parse(json: &str) -> Result<Self, String> {
        let raw: RawModel = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut shapes = HashMap::new();
        for (name, s) in raw.shapes {
            let min = s.min.map(|v| v as u64);
            let max = s.max.map(|v| v as u64);
            let shape = match s.kind.as_str() {
                "structure" => Shape::Structure {
                    members: s
                        .members
                        .iter()
                        .filter_map(|(k, v)| {
                            Some((k.clone(), v.get("shape")?.as_str()?.to_string()))
                        })
                        .collect(),
                    required: s.required,
                    union: s.union,
                },
                "list" => Shape::List {
                    member: s.member.ok_or("list without member")?.shape,
                    min,
                    max,
                },
                "map" => Shape::Map {
                    value: s.value.ok_or("map without value")?.shape,
                    min,
                    max,
                },
                "string" => Shape::String {
                    pattern: match s.pattern {
                        Some(p) => Some((
                            Regex::new(&format!("^(?:{p})$"))
                                .map_err(|e| format!("{name}: {e}"))?,
                            p,
                        )),
                        None => None,
                    },
                    enumeration: s.enumeration,
                    min,
                    max,
                    sensitive: s.sensitive,
                },
                "integer" | "long" => Shape::Integer {
                    min: s.min.map(|v| v as i64),
                    max: s.max.map(|v| v as i64),
                },
                "timestamp" => Shape::Timestamp,
                _ => Shape::Other,
            };
            shapes.insert(name, shape);
        }
        let operations = raw
            .operations
            .into_iter()
            .filter_map(|(name, op)| {
                Some((
                    name,
                    Operation {
                        input: op.input?.shape,
                        output: op.output.map(|o| o.shape),
                    },
                ))
            })
            .collect();
        Ok(ServiceModel { shapes, operations })
    }

    /// The allowed values of an enum shape (empty for other shapes).
    pub fn enum_values(&self, shape: &str) -> &[String] {
        match self.shapes.get(shape) {
            Some(Shape::String {
                enumeration: Some(values),
                ..
            }) => values,
            _ => &[],
        }
    }

    /// The operation of that name, if the service has it.
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.get(name)
    }

    /// Checks `value` against the named shape. `Err` when JSON types are wrong; otherwise every
    /// constraint violation found.
    pub fn validate(&self, shape: &str, value: &Value) -> Result<Vec<Violation>, TypeMismatch> {
        Ok(self.validate_first(shape, value, usize::MAX)?.first)
    }

    /// Like [`validate`](Self::validate), for untrusted input: counts every violation but keeps
    /// only the first `keep`, and does not look inside a list or map longer than its maximum.
    pub fn validate_first(
        &self,
        shape: &str,
        value: &Value,
        keep: usize,
    ) -> Result<Violations, TypeMismatch> {
        let mut out = Violations {
            keep,
            ..Violations::default()
        };
        self.check(shape, value, "", &mut out)?;
        Ok(out)
    }

    fn check(
        &self,
        shape: &str,
        value: &Value,
        path: &str,
        out: &mut Violations,
    ) -> Result<(), TypeMismatch> {
        let Some(s) = self.shapes.get(shape) else {
            return Ok(());
        };
        let at = if path.is_empty() {
            "the request".to_string()
        } else {
            format!("'{path}'")
        };
        let mismatch = |want: &str| TypeMismatch(format!("Expected {want} at {at}"));
        match s {
            Shape::Structure {
                members,
                required,
                union,
            } => {
                let obj = value.as_object().ok_or_else(|| mismatch("an object"))?;
                for name in required {
                    if obj.get(name).is_none_or(Value::is_null) {
                        out.push(|| missing(&join(path, name)));
                    }
                }
                let mut set = 0;
                for (name, member_shape) in members {
                    if let Some(v) = obj.get(name).filter(|v| !v.is_null()) {
                        set += 1;
                        self.check(member_shape, v, &join(path, name), out)?;
                    }
                }
                if *union && set != 1 {
                    out.push(|| Violation {
                        field: path.to_string(),
                        message: format!("Value at {at} failed to satisfy constraint: Union must have exactly one member set, found {set}"),
                        code: "INVALID_VALUE",
                    });
                }
            }
            Shape::List { member, min, max } => {
                let items = value.as_array().ok_or_else(|| mismatch("a list"))?;
                let fits = size(
                    items.len() as u64,
                    *min,
                    *max,
                    path,
                    out,
                    ("NOT_ENOUGH_VALUES", "TOO_MANY_VALUES"),
                );
                if !fits {
                    return Ok(());
                }
                for (i, item) in items.iter().enumerate() {
                    self.check(member, item, &format!("{path}[{i}]"), out)?;
                }
            }
            Shape::Map {
                value: value_shape,
                min,
                max,
            } => {
                let obj = value.as_object().ok_or_else(|| mismatch("a map"))?;
                let fits = size(
                    obj.len() as u64,
                    *min,
                    *max,
                    path,
                    out,
                    ("NOT_ENOUGH_VALUES", "TOO_MANY_VALUES"),
                );
                if !fits {
                    return Ok(());
                }
                for (k, v) in obj {
                    self.check(value_shape, v, &join(path, &cut(k)), out)?;
                }
            }
            Shape::String {
                pattern,
                enumeration,
                min,
                max,
                sensitive,
            } => {
                let text = value.as_str().ok_or_else(|| mismatch("a string"))?;
                let shown = if *sensitive {
                    String::new()
                } else {
                    format!("'{}' ", cut(text))
                };
                if let Some(allowed) = enumeration {
                    if !allowed.iter().any(|a| a == text) {
                        let listed: Vec<&str> =
                            allowed.iter().take(12).map(String::as_str).collect();
                        let more = if allowed.len() > listed.len() {
                            ", ..."
                        } else {
                            ""
                        };
                        out.push(|| Violation {
                            field: path.to_string(),
                            message: format!("Value {shown}at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{}{more}]", listed.join(", ")),
                            code: "INVALID_ENUM_VALUE",
                        });
                    }
                }
                size(
                    text.chars().count() as u64,
                    *min,
                    *max,
                    path,
                    out,
                    ("INVALID_VALUE", "INVALID_VALUE"),
                );
                if let Some((re, source)) = pattern {
                    if !re.is_match(text).unwrap_or(false) {
                        out.push(|| Violation {
                            field: path.to_string(),
                            message: format!("Value {shown}at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {source}"),
                            code: "INVALID_STRING_FORMAT",
                        });
                    }
                }
            }
            Shape::Integer { min, max } => {
                let n = value.as_i64().ok_or_else(|| mismatch("an integer"))?;
                let bound = match (min, max) {
                    (Some(lo), _) if n < *lo => Some(format!("greater than or equal to {lo}")),
                    (_, Some(hi)) if n > *hi => Some(format!("less than or equal to {hi}")),
                    _ => None,
                };
                if let Some(bound) = bound {
                    out.push(|| Violation {
                        field: path.to_string(),
                        message: format!("Value '{n}' at '{path}' failed to satisfy constraint: Member must have value {bound}"),
                        code: "VALUE_OUT_OF_RANGE",
                    });
                }
            }
            Shape::Timestamp => {
                let ok = value.is_number()
                    || value
                        .as_str()
                        .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok());
                if !ok {
                    return Err(mismatch("an ISO-8601 timestamp"));
                }
            }
            Shape::Other => {}
        }
        Ok(())
    }
}

/// A required member that is absent or null.
fn missing(path: &str) -> Violation {
    Violation {
        field: path.to_string(),
        message: format!("Value at '{path}' failed to satisfy constraint: Member must not be null"),
        code: "REQUIRED_FIELD_MISSING",
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// Reports a size outside its bounds; `false` when it is over the maximum.
fn size(
    n: u64,
    min: Option<u64>,
    max: Option<u64>,
    path: &str,
    out: &mut Violations,
    (low_code, high_code): (&'static str, &'static str),
) -> bool {
    let (bound, code) = match (min, max) {
        (Some(lo), _) if n < lo => (format!("greater than or equal to {lo}"), low_code),
        (_, Some(hi)) if n > hi => (format!("less than or equal to {hi}"), high_code),
        _ => return true,
    };
    out.push(|| Violation {
        field: path.to_string(),
        message: format!(
            "Value at '{path}' failed to satisfy constraint: Member must have length {bound}"
        ),
        code,
    });
    max.is_none_or(|hi| n <= hi)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_pattern_in_the_model_compiles() {
        assert!(model().operation("ListEngagementInvitations").is_some());
    }

    #[test]
    fn reports_missing_required_members_with_their_path() {
        let v = model()
            .validate(
                "ListEngagementInvitationsRequest",
                &json!({"Catalog": "AWS"}),
            )
            .unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].field, "ParticipantType");
        assert_eq!(v[0].code, "REQUIRED_FIELD_MISSING");
    }

    #[test]
    fn checks_enums_ranges_patterns_and_list_sizes() {
        let v = model()
            .validate(
                "ListEngagementInvitationsRequest",
                &json!({"Catalog": "AWS!", "ParticipantType": "BOTH", "MaxResults": 101, "Status": []}),
            )
            .unwrap();
        let fields: Vec<(&str, &str)> = v.iter().map(|v| (v.field.as_str(), v.code)).collect();
        assert!(
            fields.contains(&("Catalog", "INVALID_STRING_FORMAT")),
            "{fields:?}"
        );
        assert!(
            fields.contains(&("ParticipantType", "INVALID_ENUM_VALUE")),
            "{fields:?}"
        );
        assert!(
            fields.contains(&("MaxResults", "VALUE_OUT_OF_RANGE")),
            "{fields:?}"
        );
        assert!(
            fields.contains(&("Status", "NOT_ENOUGH_VALUES")),
            "{fields:?}"
        );
    }

    #[test]
    fn lookahead_patterns_and_unicode_ranges_work() {
        let ok = model()
            .validate("RejectEngagementInvitationRequest", &json!({"Catalog": "AWS", "Identifier": "engi-0123456789abc", "RejectionReason": "Kunde unklar – später"}))
            .unwrap();
        assert!(ok.is_empty(), "{ok:?}");
        let bad = model()
            .validate("RejectEngagementInvitationRequest", &json!({"Catalog": "AWS", "Identifier": "engi-short", "RejectionReason": "tab\tinside"}))
            .unwrap();
        let fields: Vec<&str> = bad.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["Identifier", "RejectionReason"]);
    }

    #[test]
    fn unions_need_exactly_one_member_and_wrong_types_are_mismatches() {
        let v = model().validate("Receiver", &json!({})).unwrap();
        assert_eq!(v[0].code, "INVALID_VALUE");
        assert!(model()
            .validate("ListEngagementInvitationsRequest", &json!({"Catalog": 5}))
            .is_err());
    }

    #[test]
    fn keeps_the_first_violations_and_counts_them_all() {
        let items = vec![json!("NOPE"); 1000];
        let v = model()
            .validate_first("Channels", &Value::Array(items), 10)
            .unwrap();
        assert_eq!((v.total, v.first.len()), (1000, 10));
        assert_eq!(v.first[9].field, "[9]");
    }

    #[test]
    fn a_list_over_its_maximum_is_refused_without_checking_its_items() {
        let items = vec![json!({}); 100_000];
        let v = model()
            .validate_first("ExpectedCustomerSpendList", &Value::Array(items), 10)
            .unwrap();
        assert_eq!(v.total, 1, "{:?}", v.first);
        assert_eq!(v.first[0].code, "TOO_MANY_VALUES");
    }

    #[test]
    fn echoed_values_and_map_keys_are_cut() {
        let long = "x".repeat(1000);
        let v = model().validate("Channel", &json!(long)).unwrap();
        let shown = format!("'{}…'", "x".repeat(64));
        assert!(
            v[0].message.starts_with(&format!("Value {shown} at")),
            "{}",
            v[0].message
        );
        let v = model()
            .validate("AmountMap", &json!({ long.clone(): 5 }))
            .unwrap_err();
        assert!(v.0.contains(&format!("'{}…'", "x".repeat(64))), "{}", v.0);
        assert!(!v.0.contains(&"x".repeat(65)), "{}", v.0);
    }
}
