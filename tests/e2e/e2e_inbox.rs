//! The real `pc-inbox --demo` in a pseudo-terminal: rows, selection and detail, paging, search,
//! the Sent view, help, quitting and terminal restoration.

use crate::pty::Tui;
use serde_json::Value;

/// Received seed invitations, newest first: (title, customer company).
fn received() -> Vec<(String, String)> {
    crate::pty::received()
        .iter()
        .map(|i| {
            let payload = i["Payload"].as_object().unwrap().values().next().unwrap();
            (
                i["EngagementTitle"].as_str().unwrap().to_string(),
                payload["Customer"]["CompanyName"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

fn sent_title() -> String {
    newest_sent()["EngagementTitle"]
        .as_str()
        .unwrap()
        .to_string()
}

fn newest_sent() -> Value {
    crate::pty::invitations("SENDER").swap_remove(0)
}

/// The first `n` characters, as the list pane may cut a title.
fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// `pc-inbox --demo` at 160×48, once the newest invitation shows.
fn demo_on_the_first_row() -> Tui {
    let tui = Tui::start(&["--demo"], 160, 48);
    tui.wait_text(&prefix(&received()[0].0, 20));
    tui
}

#[test]
fn rows_appear_and_the_detail_follows_the_selection() {
    let rows = received();
    let mut tui = Tui::start(&["--demo"], 160, 48);
    tui.wait_text(&prefix(&rows[0].0, 20));
    tui.wait_text(&rows[0].1);
    tui.send("j");
    tui.wait_text(&rows[1].1);
    tui.wait_text(&crate::pty::at_row(2));
    tui.send("k");
    tui.wait_text(&crate::pty::at_row(1));
    tui.quit();
    assert!(
        tui.terminal_restored(),
        "alternate screen left and cursor shown"
    );
}

#[test]
fn lists_every_page_of_a_generated_data_set_in_the_background() {
    let total = 300 + crate::pty::invitations("RECEIVER").len();
    let pages = total.div_ceil(100);
    let mut tui = Tui::start(&["--demo", "--demo-generate", "300"], 120, 40);
    tui.wait_text(&format!("{pages} pages · all loaded"));
    tui.send("7");
    tui.wait_text(" All ");
    tui.send("g");
    tui.wait_text(&format!("1/{total} · {pages} pages · all loaded"));
    tui.send("G");
    tui.wait_text(&format!("{total}/{total} · {pages} pages"));
    tui.quit();
}

#[test]
fn slash_narrows_the_list_and_esc_clears_it() {
    let rows = received();
    let target = &rows[5];
    let word: String = target.0.split_whitespace().next().unwrap().to_string();
    let mut tui = Tui::start(&["--demo"], 160, 48);
    tui.wait_text(&prefix(&rows[0].0, 20));
    tui.send(&format!("/{word}"));
    tui.wait_text(&format!("/{word}"));
    tui.wait_for("only matching rows", |s| {
        let text = s.contents();
        text.contains(&prefix(&target.0, 20)) && !text.contains(&prefix(&rows[0].0, 20))
    });
    tui.send("\r");
    tui.wait_text(&format!(" of {} · 1 page", rows.len()));
    tui.wait_text(&target.1);
    tui.send("\x1b");
    tui.wait_text(&format!("{} · 1 page", crate::pty::at_row(6)));
    tui.wait_text(&prefix(&rows[0].0, 20));
    tui.quit();
}

#[test]
fn switches_to_sent_and_opens_help() {
    let mut tui = demo_on_the_first_row();
    let sent = crate::pty::invitations("SENDER").len();
    tui.wait_text(&format!("6 Sent {sent}  7 All"));
    tui.send("6");
    tui.wait_text(" Sent ");
    tui.wait_text(&prefix(&sent_title(), 20));
    tui.send("?");
    tui.wait_text("Move down");
    tui.wait_text("Copy the invitation id");
    tui.send("?");
    tui.wait_for("help closed", |s| !s.contents().contains("Move down"));
    tui.quit();
    assert!(tui.terminal_restored());
}

#[test]
fn a_bracketed_paste_is_text_never_keys() {
    let mut tui = demo_on_the_first_row();
    tui.send("\x1b[200~x\na?\x1b[201~");
    tui.wait_text("Pasted text goes into a text field");
    assert!(
        !tui.text().contains("Reject invitation"),
        "x did not reject"
    );
    assert!(
        !tui.text().contains("Accept invitation?"),
        "a did not accept"
    );
    assert!(!tui.text().contains("Keys:"), "? did not open help");
    tui.send("/");
    tui.send("\x1b[200~zz\nxa\x1b[201~");
    tui.wait_text("/zz xa");
    assert!(!tui.text().contains("Reject invitation"));
    tui.send("\x1b");
    tui.wait_for("the prompt closed", |s| !s.contents().contains("/zz xa"));
    tui.quit();
}

#[test]
fn open_without_a_browser_or_display_shows_and_copies_the_link() {
    let rows = received();
    let mut tui = Tui::start(&["--demo"], 160, 48);
    tui.wait_text(&prefix(&rows[0].0, 20));
    tui.send("o");
    tui.wait_text("Link copied — no browser (no display, e.g. over SSH)");
    tui.send("!");
    tui.wait_text("engagement-invitations/");
    tui.send("q");
    tui.wait_for("the log closed", |s| !s.contents().contains("Notices ("));
    tui.quit();
}

#[test]
fn the_sent_list_names_the_receiver() {
    let sent = newest_sent();
    let alias = sent["Receiver"]["Account"]["Alias"].as_str().unwrap();
    let mut tui = Tui::start(&["--demo"], 200, 50);
    tui.wait_text(&crate::pty::at_row(1));
    tui.send("6");
    tui.wait_text(" Sent ");
    tui.wait_for("the receiver column and alias", |s| {
        let text = s.contents();
        let header = text.lines().nth(2).unwrap_or_default().to_string();
        header.contains("Receiver") && !header.contains("Sender") && text.contains(alias)
    });
    tui.quit();
}

#[test]
fn an_account_plan_shows_its_customer_and_the_preferred_window_in_local_time() {
    let plan = crate::pty::received()
        .into_iter()
        .find(|i| {
            i["Payload"]["AccountPlanningInvitation"]["PreferredContact"]["Timezone"]
                == "America/Chicago"
        })
        .expect("a plan for mornings in Chicago");
    let id = plan["Id"].as_str().unwrap();
    let customer = plan["Payload"]["AccountPlanningInvitation"]["Customer"]["CompanyName"]
        .as_str()
        .unwrap();
    let mut tui = Tui::start_env(&["--demo"], &[("TZ", "America/New_York")], 160, 48);
    crate::pty::select(&mut tui, id);
    tui.wait_text("Account planning");
    tui.wait_text("Morning (09:00–12:00 America/Chicago)");
    // Nine to noon in Chicago is ten to one in New York, whatever the season.
    tui.wait_text("10:00–13:00 your time");
    tui.wait_for("the customer in the list and the detail", |screen| {
        screen.contents().matches(&prefix(customer, 12)).count() >= 2
    });
    tui.quit();
}
