//! The two effects that touch the outside world directly: the browser and the clipboard.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// Opens a URL with the platform's opener; its output is discarded so it cannot scribble on
/// the screen.
pub fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

/// The OSC 52 escape sequence that puts `text` on the clipboard.
fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text))
}

/// Copies text with the OSC 52 escape sequence, which terminals honour locally and over SSH.
pub fn copy_osc52(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(osc52(text).as_bytes());
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_wraps_the_text_in_base64() {
        assert_eq!(
            osc52("engi-0123456789abc"),
            "\x1b]52;c;ZW5naS0wMTIzNDU2Nzg5YWJj\x07"
        );
    }
}
