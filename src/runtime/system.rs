//! The two effects that touch the outside world directly: the browser and the clipboard.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// Where a browser can be started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    /// `$BROWSER`: commands separated by `:`, each with `%s` for the URL or taking it last.
    pub browser: Option<String>,
    /// Whether a graphical session is there to show a browser in (always on macOS and
    /// Windows; on other systems `$DISPLAY` or `$WAYLAND_DISPLAY`).
    pub display: bool,
}

impl Launch {
    /// What this process's environment offers.
    pub fn from_env() -> Self {
        let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Launch {
            browser: std::env::var("BROWSER")
                .ok()
                .filter(|b| !b.trim().is_empty()),
            display: cfg!(any(target_os = "macos", windows))
                || set("DISPLAY")
                || set("WAYLAND_DISPLAY"),
        }
    }
}

/// Opens a URL with `$BROWSER`, else the platform's opener, with their output discarded so it
/// cannot scribble on the screen. Blocks until the launcher answers; says why when none could.
pub fn open_in_browser(url: &str, launch: &Launch) -> Result<(), String> {
    if let Some(browser) = &launch.browser {
        let mut failures = Vec::new();
        for command in browser.split(':').filter(|c| !c.trim().is_empty()) {
            match run_browser(command, url) {
                Ok(()) => return Ok(()),
                Err(e) => failures.push(e),
            }
        }
        return Err(format!("$BROWSER did not start: {}", failures.join("; ")));
    }
    if !launch.display {
        return Err("no display, e.g. over SSH".into());
    }
    open::that(url).map_err(|e| format!("the system's opener failed: {e}"))
}

/// Runs one `$BROWSER` entry: its words, `%s` replaced by the URL (or the URL added last).
fn run_browser(command: &str, url: &str) -> Result<(), String> {
    let mut words: Vec<String> = command.split_whitespace().map(str::to_string).collect();
    if words.iter().any(|w| w.contains("%s")) {
        for w in &mut words {
            *w = w.replace("%s", url);
        }
    } else {
        words.push(url.to_string());
    }
    let status = Command::new(&words[0])
        .args(&words[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("`{}`: {e}", words[0]))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` exited with {status}", words[0]))
    }
}

/// Edits `text` in `$VISUAL` or `$EDITOR` (else `vi`): the terminal leaves the alternate
/// screen and raw mode while the editor runs, and comes back after. The text goes through a
/// private temporary file, removed afterwards.
pub fn edit_in_editor(text: &str) -> Result<String, String> {
    use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
    use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
    use std::os::unix::fs::OpenOptionsExt;

    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".into());
    let path = std::env::temp_dir().join(format!(
        "pc-inbox-{}-{}.txt",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    drop(file);
    let mut out = std::io::stdout();
    let _ = crossterm::execute!(out, DisableBracketedPaste, LeaveAlternateScreen);
    let _ = crossterm::terminal::disable_raw_mode();
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = Command::new(program).args(words).arg(&path).status();
    let _ = crossterm::terminal::enable_raw_mode();
    let _ = crossterm::execute!(out, EnterAlternateScreen, EnableBracketedPaste);
    let result = match status {
        Ok(s) if s.success() => {
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        }
        Ok(s) => Err(format!(
            "`{editor}` exited with {s}; the field keeps its text"
        )),
        Err(e) => Err(format!("`{editor}` could not start: {e}")),
    };
    let _ = std::fs::remove_file(&path);
    result
}

/// The OSC 52 escape sequence that puts `text` on the clipboard.
fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text))
}

/// Copies text with the OSC 52 escape sequence, which terminals honour locally and over SSH.
/// Announces an arrival: the bell (BEL), and a desktop notification (OSC 9) with `text`.
pub fn announce(bell: bool, notification: Option<&str>) {
    let mut out = std::io::stdout().lock();
    if let Some(text) = notification {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let _ = write!(out, "\x1b]9;{text}\x07");
    }
    if bell {
        let _ = out.write_all(b"\x07");
    }
    let _ = out.flush();
}

pub fn copy_osc52(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(osc52(text).as_bytes());
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_is_honoured_with_its_placeholder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("opened");
        let script = dir.path().join("browser");
        std::fs::write(
            &script,
            format!("#!/bin/sh\necho \"$2\" > {}\n", out.display()),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
        let launch = Launch {
            browser: Some(format!(
                "/nonexistent-browser:{} --new-tab %s",
                script.display()
            )),
            display: false,
        };
        open_in_browser("https://example.test/x", &launch).unwrap();
        let opened = std::fs::read_to_string(&out).unwrap();
        assert_eq!(opened.trim(), "https://example.test/x");
    }

    #[test]
    fn without_a_browser_or_a_display_it_says_why() {
        let launch = Launch {
            browser: None,
            display: false,
        };
        let e = open_in_browser("https://example.test", &launch).unwrap_err();
        assert!(e.contains("no display"), "{e}");
        let broken = Launch {
            browser: Some("/nonexistent-browser".into()),
            display: true,
        };
        let e = open_in_browser("https://example.test", &broken).unwrap_err();
        assert!(
            e.starts_with("$BROWSER did not start: `/nonexistent-browser`"),
            "{e}"
        );
    }

    #[test]
    fn osc52_wraps_the_text_in_base64() {
        assert_eq!(
            osc52("engi-0123456789abc"),
            "\x1b]52;c;ZW5naS0wMTIzNDU2Nzg5YWJj\x07"
        );
    }
}
