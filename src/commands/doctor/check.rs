//! One line of the doctor's report: what was checked, the verdict, why, and the figures behind
//! it for `--output json`.

use serde_json::{Map, Value};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::Display, strum::IntoStaticStr)]
pub enum Verdict {
    #[strum(serialize = "ok")]
    Ok,
    /// It works, but deserves a look.
    #[strum(serialize = "warn")]
    Warn,
    /// It does not work: the doctor exits 1.
    #[strum(serialize = "FAIL")]
    Fail,
    /// Not checked, because what it needs failed.
    #[strum(serialize = "skip")]
    Skip,
}

/// What a check looks at, in the order of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::Display, strum::IntoStaticStr)]
pub enum Subject {
    Identity,
    Endpoint,
    Service,
    Quotas,
    Store,
    PayloadTypes,
}

impl Subject {
    /// Its name in the text report.
    fn label(self) -> &'static str {
        match self {
            Subject::PayloadTypes => "Payloads",
            other => other.into(),
        }
    }
}

/// One check's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub subject: Subject,
    pub verdict: Verdict,
    /// One line that says what was found, or what is wrong.
    pub message: String,
    /// The figures, as JSON members beside `Verdict` and `Message`.
    pub details: Map<String, Value>,
}

impl Check {
    pub fn new(
        subject: Subject,
        verdict: Verdict,
        message: impl Into<String>,
        details: Value,
    ) -> Self {
        let details = match details {
            Value::Object(members) => members,
            _ => Map::new(),
        };
        Check {
            subject,
            verdict,
            message: message.into(),
            details,
        }
    }

    /// `ok    Identity  111122223333 · arn:aws:iam::…`.
    pub fn line(&self) -> String {
        let verdict: &str = self.verdict.into();
        format!("{verdict:<5} {:<9} {}", self.subject.label(), self.message)
    }

    /// `{"Verdict": "ok", "Message": "…", …the details}`.
    pub fn json(&self) -> Value {
        let mut members = self.details.clone();
        members.insert("Verdict".into(), Value::from(self.verdict.to_string()));
        members.insert("Message".into(), Value::from(self.message.clone()));
        Value::Object(members)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_check_is_one_aligned_line_and_one_object() {
        let check = Check::new(
            Subject::PayloadTypes,
            Verdict::Fail,
            "none",
            json!({"Read": 3}),
        );
        assert_eq!(check.line(), "FAIL  Payloads  none");
        assert_eq!(
            check.json(),
            json!({"Verdict": "FAIL", "Message": "none", "Read": 3})
        );
        let ok = Check::new(Subject::Store, Verdict::Ok, "fine", Value::Null);
        assert_eq!(ok.line(), "ok    Store     fine");
    }
}
