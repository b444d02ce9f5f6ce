//! `pc-inbox emulator` with fault options, as a process: the faults reach a client, and on
//! SIGTERM it prints how many of each kind it injected. Fault options without an emulator are
//! refused.

use crate::common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

#[test]
fn the_emulator_injects_faults_and_sums_them_up_when_stopped() {
    let home = tempfile::tempdir().unwrap();
    let mut emulator = common::command(
        home.path(),
        &["emulator", "--fail-rate", "1", "--fault-seed", "4"],
        &[],
    )
    .stdout(Stdio::piped())
    .spawn()
    .unwrap();
    let mut stdout = BufReader::new(emulator.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_string();

    let listed = common::run(
        home.path(),
        &["--endpoint-url", &url, "list", "--limit", "1"],
    );
    assert_eq!(listed.code, 1, "every attempt failed: {}", listed.stderr);

    let killed = Command::new("kill")
        .args(["-TERM", &emulator.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(emulator.wait().unwrap().success());
    let summary = rest.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("3 faults injected: ") && summary.contains(" × 503"),
        "the client's three attempts: {summary:?}"
    );
}

#[test]
fn fault_options_need_an_emulator() {
    let home = tempfile::tempdir().unwrap();
    let refused = common::run(home.path(), &["--fail-rate", "0.1", "list"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused
            .stderr
            .contains("use them with --demo or `pc-inbox emulator`"),
        "{}",
        refused.stderr
    );
}
