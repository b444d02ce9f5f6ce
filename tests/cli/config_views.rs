//! `[[views]]` and the keys they replaced, read by the real binary: a bad view stops it with
//! `path:line:column`, naming the view; the old top-level keys are warnings, and `pc-inbox list`
//! (which never took its filters from the config file) lists as its flags say.

use std::process::Output;

/// Runs `pc-inbox --demo ARGS` with `config` as its config file, in a private home.
fn run_with_config(config: &str, args: &[&str]) -> (Output, String) {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("config.toml");
    std::fs::write(&path, config).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pc-inbox"))
        .arg("--demo")
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("PC_INBOX_CONFIG", &path)
        .output()
        .unwrap();
    (out, path.display().to_string())
}

#[test]
fn a_bad_view_stops_with_its_position_key_and_name() {
    let config = "page_size = 10\n\n[[views]]\nname = \"Mine\"\n\n[[views]]\nname = \"Soon\"\nsort = \"soonest\"\n";
    let (out, path) = run_with_config(config, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "{path}:8:8: `views[2].sort` (view \"Soon\"): unknown variant `soonest`"
        )),
        "{stderr}"
    );
}

#[test]
fn the_replaced_keys_warn_and_list_lists_as_its_flags_say() {
    let config = "status = [\"accepted\"]\nsort = \"oldest\"\npage_size = 100\n";
    let (out, path) = run_with_config(config, &["list", "--all", "--output", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for (line, key) in [(1, "status"), (2, "sort")] {
        assert!(
            stderr.contains(&format!(
                "{path}:{line}: `{key}` no longer applies: the inbox opens on the first of its \
                 [[views]] (see config.example.toml)"
            )),
            "{stderr}"
        );
    }
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let statuses: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["Status"].as_str().unwrap()).collect();
    assert!(
        statuses.contains("PENDING") && statuses.contains("ACCEPTED"),
        "every status, not only the config's: {statuses:?}"
    );
    let dates: Vec<&str> = rows
        .iter()
        .map(|r| r["InvitationDate"].as_str().unwrap())
        .collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first, "newest first, not the config's oldest");
}
