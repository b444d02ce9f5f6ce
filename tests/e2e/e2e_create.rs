//! Creating an invitation in the real `pc-inbox --demo`, in a pseudo-terminal: the whole form
//! (with an invalid email refused first), the new invitation under Sent, and a draft that
//! survives quitting.

use crate::pty::Tui;
use serde_json::Value;

const TAB: &str = "\t";
const ENTER: &str = "\r";
const BACKSPACE: &str = "\x7f";
const CTRL_S: &str = "\x13";
const CTRL_C: &str = "\x03";

/// The first word of the title of an engagement the demo account created.
fn own_engagement() -> (String, String) {
    let seed: Value = crate::pty::seed();
    let e = seed["Engagements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["CreatedBy"] == "111122223333")
        .unwrap()
        .clone();
    let title = e["Title"].as_str().unwrap().to_string();
    (title.split_whitespace().next().unwrap().to_string(), title)
}

/// Types one field's text and moves on.
fn field(tui: &mut Tui, text: &str) {
    tui.send(text);
    tui.send(TAB);
}

/// Closes the form with Esc (the draft stays) and waits until it is gone.
fn close_form(tui: &mut Tui) {
    tui.send("\x1b");
    tui.wait_for("the form closed", |s| {
        !s.contents().contains("New invitation")
    });
}

/// Opens a picker, narrows it and chooses the first match.
fn pick(tui: &mut Tui, filter: &str, expect: &str) {
    tui.send(ENTER);
    tui.wait_text("type to filter");
    tui.send(filter);
    tui.wait_text(expect);
    tui.send(ENTER);
    tui.wait_for("the picker closed", |s| {
        !s.contents().contains("type to filter")
    });
    tui.send(TAB);
}

#[test]
fn fill_the_form_fix_a_bad_email_and_find_the_invitation_under_sent() {
    let (word, title) = own_engagement();
    let mut tui = Tui::start(&["--demo"], 140, 50);
    tui.wait_text(&crate::pty::at_row(1));
    tui.send("n");
    tui.wait_text("New invitation");
    pick(&mut tui, &word, &title);
    field(&mut tui, "444455556666");
    field(&mut tui, "Fabrikam");
    field(&mut tui, "Let's co-sell the POS modernisation together.");
    tui.send(TAB);
    field(&mut tui, "Contoso Retail GmbH");
    pick(&mut tui, "retail", "Retail");
    pick(&mut tui, "germ", "Germany (DE)");
    field(&mut tui, "https://www.contoso-retail.example");
    field(&mut tui, "POS modernisation");
    field(
        &mut tui,
        "The stores' point-of-sale servers reach end of life next year.",
    );
    field(&mut tui, "2030-06-30");
    field(&mut tui, "12000");
    for _ in 0..4 {
        tui.send(TAB);
    }
    tui.send(ENTER);
    tui.wait_text("type to filter");
    tui.send(" ");
    tui.send(ENTER);
    tui.wait_for("the picker closed", |s| {
        !s.contents().contains("type to filter")
    });
    tui.send(TAB);
    field(&mut tui, "anna-at-northwind");
    tui.wait_text("✗ Not an email address");
    tui.send(CTRL_S);
    tui.wait_text("1 field(s) need attention.");
    tui.wait_text("› #1 Email");
    for _ in 0.."anna-at-northwind".len() {
        tui.send(BACKSPACE);
    }
    tui.send("anna@northwind.example");
    tui.wait_for("the email accepted", |s| {
        !s.contents().contains("Not an email address")
    });
    tui.send(CTRL_S);
    tui.wait_text(" Sent ");
    tui.wait_text(" sent");
    tui.wait_text(&title.chars().take(18).collect::<String>());
    tui.wait_text("Contoso Retail GmbH");
    tui.quit();
}

#[test]
fn quitting_mid_form_keeps_the_draft_for_the_next_run() {
    let home = tempfile::tempdir().unwrap();
    let mut first = Tui::start_in(home.path(), &["--demo"], 120, 40);
    first.wait_text(&crate::pty::at_row(1));
    first.send("n");
    first.wait_text("New invitation");
    first.send(TAB);
    field(&mut first, "444455556666");
    field(&mut first, "Draft alias Ünïcode");
    first.wait_text("Draft alias Ünïcode");
    first.send(CTRL_C);
    assert_eq!(first.wait_exit(), 0, "Ctrl-c typed is a key: a normal quit");

    let mut second = Tui::start_in(home.path(), &["--demo"], 120, 40);
    second.wait_text("unsent invitation draft");
    second.send("n");
    second.wait_text("Restored your unsent draft");
    second.wait_text("444455556666");
    second.wait_text("Draft alias Ünïcode");
    close_form(&mut second);
    second.quit();
}

#[test]
fn ctrl_e_edits_the_message_in_the_editor_and_the_screen_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("editor");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf 'From the editor\\nline two\\n' > \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let editor = script.display().to_string();
    let mut tui = Tui::start_env(&["--demo"], &[("EDITOR", &editor)], 120, 40);
    tui.wait_text(&crate::pty::at_row(1));
    tui.send("n");
    tui.wait_text("New invitation");
    for _ in 0..3 {
        tui.send(TAB);
    }
    tui.wait_text("› Message");
    tui.send("\x05");
    tui.wait_text("From the editor");
    tui.wait_text("line two");
    tui.wait_text("New invitation");
    close_form(&mut tui);
    tui.quit();
}
