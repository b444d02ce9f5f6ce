//! The config file, read by the real binary in a pseudo-terminal: a key override changes both
//! the key that works and the help overlay; problems in the file are reported, not fatal.

use crate::pty::Tui;

fn home_with_config(text: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/pc-inbox");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
    home
}

#[test]
fn a_key_override_changes_the_key_and_the_help() {
    let home = home_with_config("[keys]\nhelp = \"H\"\n");
    let mut tui = Tui::start_in(home.path(), &["--demo"], 120, 40);
    tui.wait_text(&crate::pty::at_row(1));
    tui.wait_text("H help");
    tui.send("?");
    tui.send("j");
    tui.wait_text(&crate::pty::at_row(2));
    assert!(
        !tui.text().contains("Show or hide this help"),
        "? no longer opens help"
    );
    tui.send("H");
    tui.wait_for("help with the new key", |s| {
        s.contents()
            .lines()
            .any(|l| l.contains("│H ") && l.contains("Show or hide this help"))
    });
    tui.send("H");
    tui.wait_for("help closed", |s| {
        !s.contents().contains("Show or hide this help")
    });
    tui.quit();
}

#[test]
fn config_problems_are_warnings_naming_the_line() {
    let home = home_with_config("[keys]\nhelp = \"H\"\nacept = \"A\"\n");
    let mut tui = Tui::start_in(home.path(), &["--demo"], 120, 40);
    tui.wait_for("the warning in the status line", |s| {
        s.contents().contains("✗ Config file:")
    });
    tui.send("!");
    tui.wait_for("the warning with its line in the notices log", |s| {
        let text = s.contents();
        text.contains("Notices (")
            && text.contains("config.toml:3:")
            && text.contains("`acept`")
            && text.contains("unknown")
    });
    tui.send("\x1b");
    tui.wait_for("the log closed", |s| !s.contents().contains("Notices ("));
    tui.wait_text("H help"); // the rest of the file applies
    tui.quit();
}

#[test]
fn a_broken_config_file_stops_with_its_position() {
    let home = home_with_config("page_size = 500\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pc-inbox"))
        .args(["--demo", "list"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("config.toml:1:13: `page_size`: must be between 1 and 100, got 500"),
        "{stderr}"
    );
}

/// Runs `pc-inbox --demo list --limit 1` with these extra environment variables and returns
/// stderr, where config warnings go.
fn warnings_with(home: &std::path::Path, env: &[(&str, std::path::PathBuf)]) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pc-inbox"));
    cmd.args(["--demo", "list", "--limit", "1"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn the_config_file_is_looked_up_in_the_documented_order() {
    let home = tempfile::tempdir().unwrap();
    let write = |dir: &std::path::Path, marker: &str| {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("config.toml"), format!("{marker} = 1\n")).unwrap();
    };
    write(&home.path().join(".config/pc-inbox"), "from_dot_config");
    write(&home.path().join("xdg/pc-inbox"), "from_xdg");
    let explicit = home.path().join("explicit.toml");
    std::fs::write(&explicit, "from_env = 1\n").unwrap();

    let stderr = warnings_with(home.path(), &[]);
    assert!(stderr.contains("unknown key `from_dot_config`"), "{stderr}");
    let stderr = warnings_with(home.path(), &[("XDG_CONFIG_HOME", home.path().join("xdg"))]);
    assert!(stderr.contains("unknown key `from_xdg`"), "{stderr}");
    let stderr = warnings_with(
        home.path(),
        &[
            ("XDG_CONFIG_HOME", home.path().join("xdg")),
            ("PC_INBOX_CONFIG", explicit.clone()),
        ],
    );
    assert!(
        stderr.contains("explicit.toml:1: unknown key `from_env`"),
        "{stderr}"
    );
}

#[test]
fn views_from_the_config_render_with_their_counts_and_sort_by_expiry() {
    let home = home_with_config(
        "[[views]]\nname = \"Due this week\"\nstatus = [\"pending\"]\n\
         expires_within_days = 5\nsort = \"expires\"\n\n\
         [[views]]\nname = \"Everything\"\n",
    );
    let mut due: Vec<serde_json::Value> = crate::pty::received()
        .into_iter()
        .filter(|i| (1..=5 * 24).contains(&i["ExpiresInHours"].as_i64().unwrap()))
        .collect();
    due.sort_by_key(|i| i["ExpiresInHours"].as_i64().unwrap());
    assert!(due.len() > 1, "the seed has invitations due this week");
    let all = crate::pty::invitations("RECEIVER").len();
    let mut tui = Tui::start_in(home.path(), &["--demo"], 160, 40);
    tui.wait_text(&format!(
        "1 Due this week {}  2 Everything {all}",
        due.len()
    ));
    tui.wait_text(&format!("1/{} · 1 page · all loaded", due.len()));
    let soonest = due[0]["EngagementTitle"].as_str().unwrap();
    tui.wait_for("the soonest first", |s| {
        let text = s.contents();
        let first_row = text.lines().nth(3).unwrap_or_default().to_string();
        first_row.contains(&soonest.chars().take(20).collect::<String>())
    });
    tui.send("2");
    tui.wait_text(" Everything ");
    tui.wait_text(&format!("/{all} · 1 page · all loaded"));
    tui.quit();
}
