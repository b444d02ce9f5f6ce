//! What the service takes as a rejection reason.

/// Longest reason the service accepts.
pub const MAX_REASON: usize = 80;

/// Checks a rejection reason as the service does: 1–80 printable characters.
pub fn reason_problem(reason: &str) -> Option<String> {
    let len = reason.chars().count();
    if len == 0 {
        return Some("Pick a reason or type one".into());
    }
    if len > MAX_REASON {
        return Some(format!("At most {MAX_REASON} characters ({len} now)"));
    }
    let printable = |c: char| matches!(c, '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}');
    reason
        .chars()
        .find(|c| !printable(*c))
        .map(|c| format!("Only printable characters (not {:?})", c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_must_be_one_to_eighty_printable_characters() {
        assert!(reason_problem("").is_some());
        assert!(reason_problem("Unable to support").is_none());
        assert!(reason_problem("Kein Kunde – später").is_none());
        assert!(reason_problem(&"x".repeat(80)).is_none());
        assert_eq!(
            reason_problem(&"x".repeat(81)).unwrap(),
            "At most 80 characters (81 now)"
        );
        assert!(reason_problem("tab\there").is_some());
    }
}
