//! Signals sent to the real binary from outside: each catchable one restores the terminal,
//! writes local state and exits with the shell's code for it (128 + the signal's number).
//! Ctrl-c typed in the inbox is a key, not a signal: a normal quit.

use crate::pty::{received, Tui};

/// Starts the demo inbox, sends `signal` once the first row shows, and checks the exit code
/// and that the terminal is back as the shell left it.
fn ends_with(signal: &str, code: u32) {
    let first = received()[0]["Id"].as_str().unwrap().to_string();
    let mut tui = Tui::start(&["--demo"], 100, 30);
    tui.wait_text(&first);
    assert!(!tui.cooked(), "raw mode while the inbox runs");
    tui.signal(signal);
    assert_eq!(tui.wait_exit(), code, "exit code after SIG{signal}");
    assert!(
        tui.terminal_restored(),
        "alternate screen left, cursor shown, echo on after SIG{signal}"
    );
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    ends_with("INT", 130);
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    ends_with("QUIT", 131);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    ends_with("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    ends_with("HUP", 129);
}

#[test]
fn ctrl_c_typed_is_a_normal_quit() {
    let mut tui = Tui::start(&["--demo"], 100, 30);
    tui.wait_text(&crate::pty::at_row(1));
    tui.send("\x03");
    assert_eq!(tui.wait_exit(), 0);
    assert!(tui.terminal_restored());
}

#[test]
fn sigint_mid_form_keeps_the_draft_for_the_next_run() {
    let home = tempfile::tempdir().unwrap();
    let mut first = Tui::start_in(home.path(), &["--demo"], 120, 40);
    first.wait_text(&crate::pty::at_row(1));
    first.send("n");
    first.wait_text("New invitation");
    first.send("\t444455556666");
    first.wait_text("444455556666");
    first.signal("INT");
    assert_eq!(first.wait_exit(), 130);

    let mut second = Tui::start_in(home.path(), &["--demo"], 120, 40);
    second.wait_text("unsent invitation draft");
    second.send("n");
    second.wait_text("444455556666");
    second.send("\x03");
    assert_eq!(second.wait_exit(), 0);
}
