//! Errors on screen are sentences: the real binary against a dead endpoint and without
//! credentials shows what failed and what to do, never the SDK's debug dump.

use crate::pty::Tui;

/// A screen's text as one line: borders dropped, rows joined, runs of spaces squeezed, so a
/// sentence wrapped across rows reads whole.
fn flat(text: &str) -> String {
    let text = text.replace(['│', '┌', '┐', '└', '┘', '─'], " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Waits for `sentence` on screen, first in the status line, and checks that nothing of a
/// debug dump shows anywhere.
fn assert_readable(tui: &Tui, sentence: &str) {
    tui.wait_for(sentence, |screen| {
        flat(&screen.contents()).contains(sentence)
    });
    let screen = tui.text();
    for dump in ["DispatchFailure", "ConnectorError", "{"] {
        assert!(!screen.contains(dump), "{dump} on screen:\n{screen}");
    }
    let status = screen.lines().last().unwrap_or_default();
    let start: String = sentence.chars().take(20).collect();
    assert!(
        status.starts_with(&format!("✗ Could not load invitations: {start}")),
        "the status line starts with the sentence:\n{screen}"
    );
}

/// The environment of a run with no AWS configuration at all.
const NOTHING: [(&str, &str); 3] = [
    ("AWS_CONFIG_FILE", "/dev/null"),
    ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
    ("AWS_EC2_METADATA_DISABLED", "true"),
];

#[test]
fn e2e_a_dead_endpoint_shows_a_sentence_that_names_it() {
    let mut env = NOTHING.to_vec();
    env.extend([
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test"),
    ]);
    let mut tui = Tui::start_env(
        &[
            "--endpoint-url",
            "http://127.0.0.1:1",
            "--region",
            "us-east-1",
        ],
        &env,
        100,
        30,
    );
    assert_readable(
        &tui,
        "could not reach Partner Central: http://127.0.0.1:1 refused the connection. \
         Check your network connection and the endpoint URL, then try again.",
    );
    tui.quit();
}

#[test]
fn e2e_missing_credentials_show_a_sentence_with_the_login_command() {
    let mut tui = Tui::start_env(
        &[
            "--endpoint-url",
            "http://127.0.0.1:1",
            "--profile",
            "partner-sales",
        ],
        &NOTHING,
        100,
        30,
    );
    assert_readable(
        &tui,
        "no AWS credentials found for profile partner-sales. \
         Run `aws sso login --profile partner-sales`",
    );
    tui.quit();
}
