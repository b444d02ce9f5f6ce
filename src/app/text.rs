//! Pasted text into a text field: one line, or several, as the field takes it; what shows
//! is exactly what is kept and sent.

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

/// Pasted text for a field of several lines: every line break (CR, LF or CRLF) is a line
/// break, and a tab or any other control character becomes a space, so nothing hidden is kept.
pub fn multiline(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' | '\n' => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_break_is_one_and_tabs_are_spaces_in_several_lines() {
        assert_eq!(
            multiline("team,\rplease\r\njoin\tus\nin the\u{7}Rheinland"),
            "team,\nplease\njoin us\nin the Rheinland"
        );
    }

    #[test]
    fn control_characters_become_spaces() {
        let mut input = Input::new("a".into());
        paste_into(&mut input, "Line one\tTab\r\nx\r\n");
        assert_eq!(input.value(), "aLine one Tab x");
    }
}
