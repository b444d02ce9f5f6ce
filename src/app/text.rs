//! Pasted text into a one-line text field.

use tui_input::{Input, InputRequest};

/// Types `text` into `input` at its cursor, as a one-line field takes it: a trailing line break
/// goes, every other line break, tab or control character becomes a space, so a paste can never
/// press a key.
pub fn paste_into(input: &mut Input, text: &str) {
    let text = text.replace("\r\n", "\n");
    for c in text.trim_end_matches('\n').chars() {
        let c = if c.is_control() { ' ' } else { c };
        input.handle(InputRequest::InsertChar(c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_spaces() {
        let mut input = Input::new("a".into());
        paste_into(&mut input, "Line one\tTab\r\nx\r\n");
        assert_eq!(input.value(), "aLine one Tab x");
    }
}
