//! The scriptable subcommands, run as the real binary: against `--demo`, or against an emulator
//! in this test process through `--endpoint-url` and the standard credential chain (env vars),
//! with a private HOME.

use crate::common;

use std::collections::HashSet;
use std::process::Command;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use common::{against, emulator_and_home, run, run_with, Run};
use pc_inbox::commands::list::{self, ListArgs};
use pc_inbox::commands::{CommandResult, Failure, Format};
use pc_inbox::domain::{
    Engagement, EngagementMember, EngagementSummary, InvitationDetail, InvitationSummary,
    ListQuery, NewInvitation, Opportunity, Page, Task, TaskFilter, TaskKind, TaskStart,
};
use pc_inbox::service::aws::AwsPartnerCentral;
use pc_inbox::service::{CreatedInvitation, PartnerCentral, ServiceResult};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// Runs `pc-inbox --demo ARGS` with a fresh private HOME.
fn demo(args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    let mut all = vec!["--demo"];
    all.extend_from_slice(args);
    run(home.path(), &all)
}

#[test]
fn list_all_as_json_returns_every_one_of_a_thousand_invitations_once() {
    let r = demo(&[
        "--demo-generate",
        "1000",
        "list",
        "--all",
        "--output",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    let received = common::seed_ids(|i| i["ParticipantType"] == "RECEIVER").len();
    assert_eq!(rows.len(), 1000 + received);
    let ids: HashSet<&str> = rows.iter().map(|r| r["Id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), rows.len(), "each once");
    let date = rows[0]["InvitationDate"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(date).is_ok(),
        "ISO-8601: {date}"
    );
    assert_eq!(rows[0]["ParticipantType"], "RECEIVER");
}

#[test]
fn account_plans_are_listed_by_their_payload_type_and_shown_whole() {
    let r = demo(&["list", "--payload", "account-planning", "--output", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    let plans = common::seed_ids(|i| i["PayloadType"] == "AccountPlanningInvitation");
    assert_eq!(rows.len(), plans.len());
    assert!(rows
        .iter()
        .all(|r| r["PayloadType"] == "AccountPlanningInvitation"));
    let table = demo(&["list", "--payload", "account-planning"]);
    assert_eq!(
        table.stdout.matches(" Plan ").count(),
        plans.len(),
        "{}",
        table.stdout
    );

    let id = rows[0]["Id"].as_str().unwrap();
    let shown = demo(&["show", id, "--output", "json"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let json: Value = serde_json::from_str(&shown.stdout).unwrap();
    let seed = common::seed_json()["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["Id"] == id)
        .unwrap()
        .clone();
    assert_eq!(json["Payload"], seed["Payload"], "the service's JSON");
    let text = demo(&["show", id]);
    let customer = seed["Payload"]["AccountPlanningInvitation"]["Customer"]["CompanyName"]
        .as_str()
        .unwrap();
    assert!(text.stdout.contains(customer), "{}", text.stdout);
    assert!(text.stdout.contains("Preferred window"), "{}", text.stdout);
}

#[test]
fn list_filters_limits_and_sorts() {
    let r = demo(&[
        "list",
        "--status",
        "pending",
        "--payload",
        "lead",
        "--oldest-first",
        "--limit",
        "3",
        "--output",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows
        .iter()
        .all(|r| r["Status"] == "PENDING" && r["PayloadType"] == "LeadInvitation"));
    let dates: Vec<&str> = rows
        .iter()
        .map(|r| r["InvitationDate"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    let sent = demo(&["list", "--sent", "--output", "csv"]);
    assert_eq!(sent.stdout.lines().next().unwrap(), "Id,Status,PayloadType,EngagementId,EngagementTitle,SenderAwsAccountId,SenderCompanyName,InvitationDate,ExpirationDate,ReceiverAwsAccountId,ReceiverAlias");
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(sent.stdout.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows.len(),
        common::seed_ids(|i| i["ParticipantType"] == "SENDER").len()
    );
    assert!(
        rows.iter().all(|r| r[9].len() == 12),
        "every sent row names its receiver: {rows:?}"
    );
    let table = demo(&["list"]);
    assert!(table.stdout.starts_with("ID  "), "{}", table.stdout);
    assert!(table.stdout.lines().next().unwrap().contains("SENDER"));
    let sent_table = demo(&["list", "--sent"]);
    let header = sent_table.stdout.lines().next().unwrap().to_string();
    assert!(
        header.contains("RECEIVER") && !header.contains("SENDER"),
        "{header}"
    );
}

#[test]
fn show_prints_text_or_the_service_json() {
    let id = common::acceptable(0);
    let r = demo(&["show", &id, "--output", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["Id"], id.as_str());
    assert!(v["Payload"].is_object());
    let text = demo(&["show", &id]);
    assert!(
        text.stdout.contains("── Customer") || text.stdout.contains("── Lead"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_log_level_that_is_not_a_filter_is_refused_before_anything_runs() {
    let refused = demo(&["--log-level", "loud", "list"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("'--log-level <LEVEL>'") && refused.stderr.contains("target=level"),
        "{}",
        refused.stderr
    );
    assert!(refused.stdout.is_empty());
    let fine = demo(&["--log-level", "warn,pc_inbox=debug", "list", "--limit", "1"]);
    assert_eq!(fine.code, 0, "{}", fine.stderr);
}

#[test]
fn exit_codes_tell_service_errors_from_bad_input() {
    let missing = demo(&["show", "engi-0000000000000"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("not found"), "{}", missing.stderr);
    assert!(missing.stdout.is_empty());
    let bad_reason = demo(&["reject", &common::acceptable(0), "--reason", "tab\there"]);
    assert_eq!(bad_reason.code, 2);
    assert!(
        bad_reason
            .stderr
            .contains("--reason: Only printable characters"),
        "{}",
        bad_reason.stderr
    );
    let usage = demo(&["list", "--status", "bogus"]);
    assert_eq!(usage.code, 1);
    assert!(usage.stderr.contains("invalid value 'bogus'"));
}

/// Against an emulator whose accept tasks take 300 ms (not the demo's 3 s), polled every 50 ms,
/// so waiting for the outcome takes a fraction of a second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_wait_exits_0_on_complete_and_3_on_failed() {
    let (_emulator, url, home) = emulator_and_home().await;
    let config = home.path().join("config/pc-inbox");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[poll]\nfirst_seconds = 0.05\n").unwrap();
    let ok = against(
        &url,
        home.path(),
        &[
            "accept",
            &common::acceptable(0),
            "--wait",
            "--output",
            "json",
        ],
    )
    .await;
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let task: Value = serde_json::from_str(&ok.stdout).unwrap();
    assert_eq!(task["TaskStatus"], "COMPLETE");
    let opportunity_id = task["OpportunityId"].as_str().unwrap();
    assert!(opportunity_id.starts_with('O'));
    // The accepted invitation's opportunity, as GetOpportunity tells it.
    let shown = against(
        &url,
        home.path(),
        &["show", &common::acceptable(0), "--output", "json"],
    )
    .await;
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let shown: Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(shown["Opportunity"]["Id"], opportunity_id);
    assert_eq!(shown["Opportunity"]["LifeCycle"]["Stage"], "Prospect");
    assert_eq!(
        shown["Opportunity"]["Project"]["Title"],
        shown["Payload"]["OpportunityInvitation"]["Project"]["Title"]
    );
    let failing = common::failing_invitation();
    let failed = against(
        &url,
        home.path(),
        &["accept", failing["Id"].as_str().unwrap(), "--wait"],
    )
    .await;
    assert_eq!(failed.code, 3, "{}", failed.stderr);
    assert!(failed
        .stdout
        .contains(failing["AcceptOutcome"]["ReasonCode"].as_str().unwrap()));
    assert!(failed.stderr.contains("failed"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_reruns_resume_the_same_task_then_say_it_is_done_and_journal_each_change_once() {
    use pc_inbox::service::PartnerCentral;
    let (emulator, url, home) = emulator_and_home().await;
    let config = home.path().join("config/pc-inbox");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[poll]\nfirst_seconds = 0.05\n").unwrap();
    let id = common::acceptable(0);
    // Started without waiting: the task runs on, its token kept, as after a kill.
    let started = against(&url, home.path(), &["accept", &id]).await;
    assert_eq!(started.code, 0, "{}", started.stderr);
    assert!(started.stdout.contains("IN_PROGRESS"), "{}", started.stdout);
    let waited = against(&url, home.path(), &["accept", &id, "--wait"]).await;
    assert_eq!(waited.code, 0, "{}", waited.stderr);
    assert!(waited.stdout.contains("COMPLETE"), "{}", waited.stdout);
    let again = against(&url, home.path(), &["accept", &id, "--wait"]).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("already accepted — opportunity O"),
        "{}",
        again.stdout
    );
    let tasks = common::client(&emulator)
        .await
        .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
        .await
        .unwrap();
    assert_eq!(tasks.len(), 1, "one task: {tasks:?}");

    let journal = against(&url, home.path(), &["journal", "--output", "json"]).await;
    let entries: Value = serde_json::from_str(&journal.stdout).unwrap();
    let rows: Vec<(&str, &str)> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["Action"].as_str().unwrap(),
                e["Outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("AcceptStarted", "Succeeded"),
            ("AcceptResumed", "Succeeded"),
            ("AcceptCompleted", "Succeeded"),
        ]
    );
    assert_eq!(
        entries[2]["OpportunityId"],
        tasks[0].opportunity_id.clone().unwrap()
    );
    assert_eq!(entries[1]["ClientToken"], entries[0]["ClientToken"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reject_then_conflict_and_create_is_idempotent_per_file() {
    let (_emulator, url, home) = emulator_and_home().await;
    let id = common::acceptable(0);
    let first = against(
        &url,
        home.path(),
        &["reject", &id, "--reason", "Unable to support"],
    )
    .await;
    assert_eq!(first.code, 0, "{}", first.stderr);
    let other = against(
        &url,
        home.path(),
        &["reject", &id, "--reason", "Next steps unclear"],
    )
    .await;
    assert_eq!(other.code, 1);
    assert!(other.stderr.contains("conflict"), "{}", other.stderr);
    // The same reject again (as after an answer that was lost) is done already.
    let again = against(
        &url,
        home.path(),
        &["reject", &id, "--reason", "Unable to support"],
    )
    .await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stdout, first.stdout);

    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/invitation.example.toml"
    );
    let a = against(&url, home.path(), &["create", "--file", file]).await;
    let b = against(&url, home.path(), &["create", "--file", file]).await;
    assert_eq!((a.code, b.code), (0, 0), "{} {}", a.stderr, b.stderr);
    assert_eq!(a.stdout, b.stdout, "the same file creates one invitation");
    assert!(a.stdout.starts_with("engi-"));

    let bad = home.path().join("bad.toml");
    std::fs::write(
        &bad,
        std::fs::read_to_string(file)
            .unwrap()
            .replace("anna.keller@northwind.example", "anna-at-northwind"),
    )
    .unwrap();
    let refused = against(
        &url,
        home.path(),
        &["create", "--file", bad.to_str().unwrap()],
    )
    .await;
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("opportunity.contacts[1].email: Not an email address"),
        "{}",
        refused.stderr
    );

    let engagements = against(&url, home.path(), &["engagements", "--output", "json"]).await;
    let list: Vec<Value> = serde_json::from_str(&engagements.stdout).unwrap();
    assert_eq!(
        list.len(),
        common::seed_json()["Engagements"].as_array().unwrap().len()
    );
}

#[test]
fn completions_are_generated() {
    let home = tempfile::tempdir().unwrap();
    let bash = run(home.path(), &["completions", "bash"]);
    assert_eq!(bash.code, 0);
    assert!(bash.stdout.contains("pc-inbox") && bash.stdout.contains("engagements"));
    assert!(
        bash.stdout.contains("pc__inbox__subcmd__doctor"),
        "doctor is completed"
    );
}

#[test]
fn the_man_page_is_one_complete_page() {
    let home = tempfile::tempdir().unwrap();
    let man = run(home.path(), &["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    let page = &man.stdout;
    assert!(page.contains(".TH PC-INBOX 1"), "{}", &page[..200]);
    for section in pc_inbox::man::SECTIONS {
        let heading = if section.contains(' ') {
            format!("\n.SH \"{section}\"\n")
        } else {
            format!("\n.SH {section}\n")
        };
        assert!(page.contains(&heading), "{heading} missing");
    }
    for command in [
        "list",
        "show",
        "accept",
        "reject",
        "create",
        "engagements",
        "doctor",
        "emulator",
    ] {
        assert!(page.contains(&format!("\n.SS {command}\n")), "{command}");
    }
    let unescaped = page.replace("\\-", "-");
    let elsewhere = unescaped
        .match_indices("pc-inbox-")
        .map(|(at, _)| &unescaped[at..(at + 30).min(unescaped.len())])
        .find(|rest| rest.contains('('));
    assert_eq!(elsewhere, None, "no other pages are referred to");
    for text in [
        "Accept the invitation",
        "PC_INBOX_CONFIG",
        "accepts.json",
        "NO_COLOR",
    ] {
        assert!(unescaped.contains(text), "{text}");
    }

    let has_man = Command::new("which")
        .arg("man")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_man {
        eprintln!("man is not installed: the page is not rendered");
        return;
    }
    let mut render = Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = render.stdin.take().unwrap();
        stdin.write_all(page.as_bytes()).unwrap();
    }
    let out = render.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr, "", "man renders the page without complaint");
    let shown = String::from_utf8_lossy(&out.stdout);
    for heading in [
        "NAME",
        "SYNOPSIS",
        "COMMANDS",
        "KEYS",
        "EXIT STATUS",
        "FILES",
        "ENVIRONMENT",
    ] {
        assert!(
            shown.lines().any(|l| l == heading),
            "{heading} in:\n{shown}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_go_to_a_file_in_the_data_dir_without_credentials_or_signatures() {
    let (_emulator, url, home) = emulator_and_home().await;
    let r = against(
        &url,
        home.path(),
        &["--log-level", "trace", "list", "--limit", "2"],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains("TRACE") && !r.stderr.contains("TRACE"),
        "nothing on screen"
    );
    let dir = home.path().join("data/pc-inbox/logs");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .expect("a log file")
        .unwrap()
        .path();
    let log = std::fs::read_to_string(file).unwrap();
    assert!(
        log.contains("operation=\"ListEngagementInvitations\""),
        "{log}"
    );
    for secret in [
        "Signature=",
        "Credential=",
        "AWS4-HMAC-SHA256",
        "authorization",
        "x-amz-security-token",
    ] {
        assert!(
            !log.to_lowercase().contains(&secret.to_lowercase()),
            "{secret} in the log"
        );
    }
}

/// Every log file's text, after checking the directory is 0700 and each file 0600.
fn private_logs(home: &std::path::Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = home.join("data/pc-inbox/logs");
    assert_eq!(mode(&dir), 0o700, "the logs directory");
    let mut text = String::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        text.push_str(&std::fs::read_to_string(&path).unwrap());
    }
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn target_specific_log_filters_cannot_write_signatures_or_the_access_key() {
    const KEY: &str = "AKIDLOGCHECK7Q3Z";
    const SECRET: &str = "logcheck-secret-9xk";
    let config = pc_inbox::emulator::EmulatorConfig {
        credentials: vec![(KEY.into(), SECRET.into())],
        ..common::config(0)
    };
    let emulator = common::start(config).await;
    let url = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let filter = "pc_inbox=debug,aws_sigv4=trace,aws_sigv4::http_request=trace,\
                  aws_smithy_runtime::client::orchestrator=trace,aws_smithy_runtime=trace,\
                  aws_smithy_http_client=trace,aws_config=trace,hyper=trace,hyper_util=trace,h2=trace";
    let path = home.path().to_path_buf();
    let r = tokio::task::spawn_blocking(move || {
        let args = [
            "--endpoint-url",
            &url,
            "--log-level",
            filter,
            "list",
            "--limit",
            "2",
        ];
        let credentials = [
            ("AWS_ACCESS_KEY_ID", Some(KEY)),
            ("AWS_SECRET_ACCESS_KEY", Some(SECRET)),
        ];
        run_with(&path, &args, &credentials)
    })
    .await
    .unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let log = private_logs(home.path());
    assert!(log.contains("ListEngagementInvitations"), "{log}");
    for secret in [
        "Signature=",
        "Credential=",
        "AWS4-HMAC-SHA256",
        "authorization",
        "canonical",
        KEY,
        SECRET,
    ] {
        assert!(
            !log.to_lowercase().contains(&secret.to_lowercase()),
            "{secret} in the log:\n{log}"
        );
    }
}

/// Asserts an error on stderr reads as one or two sentences on one line, with no debug dump.
fn assert_sentence(r: &Run) {
    let text = r.stderr.trim_end();
    assert_eq!(text.lines().count(), 1, "one line: {text}");
    for dump in ["DispatchFailure", "ConnectorError", "{", "Response"] {
        assert!(!text.contains(dump), "{dump} in: {text}");
    }
    let sentences = text.matches(". ").count() + usize::from(text.ends_with('.'));
    assert!((1..=2).contains(&sentences), "{text}");
}

#[test]
fn a_dead_endpoint_is_one_sentence_that_names_it() {
    let home = tempfile::tempdir().unwrap();
    let r = run(
        home.path(),
        &["--endpoint-url", "http://127.0.0.1:1", "list"],
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "pc-inbox: could not reach Partner Central: http://127.0.0.1:1 refused the connection. \
         Check your network connection and the endpoint URL, then try again.\n"
    );
    assert_sentence(&r);
    let log = std::fs::read_dir(home.path().join("data/pc-inbox/logs"))
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect::<String>();
    assert!(
        log.contains("DispatchFailure"),
        "the whole chain is in the log: {log}"
    );
}

#[test]
fn missing_credentials_say_how_to_log_in_with_the_profile() {
    let home = tempfile::tempdir().unwrap();
    let no_keys = [("AWS_ACCESS_KEY_ID", None), ("AWS_SECRET_ACCESS_KEY", None)];
    let with_profile = run_with(
        home.path(),
        &[
            "--endpoint-url",
            "http://127.0.0.1:1",
            "--profile",
            "partner-sales",
            "show",
            "engi-0000000000000",
        ],
        &no_keys,
    );
    assert_eq!(with_profile.code, 1);
    assert!(
        with_profile.stderr.starts_with(
            "pc-inbox: no AWS credentials found for profile partner-sales. \
             Run `aws sso login --profile partner-sales`"
        ),
        "{}",
        with_profile.stderr
    );
    assert_sentence(&with_profile);
    let without = run_with(
        home.path(),
        &["--endpoint-url", "http://127.0.0.1:1", "list"],
        &no_keys,
    );
    assert_eq!(without.code, 1);
    assert!(
        without.stderr.contains("no AWS credentials found")
            && without.stderr.contains("aws configure sso"),
        "{}",
        without.stderr
    );
    assert_sentence(&without);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_region_says_partner_central_runs_only_in_us_east_1() {
    let emulator = common::start(common::config(0)).await;
    let url = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let flag = against(&url, home.path(), &["--region", "eu-west-1", "list"]).await;
    let config = home.path().join("config/pc-inbox");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "region = \"eu-west-1\"\n").unwrap();
    let file = against(&url, home.path(), &["engagements"]).await;
    for r in [flag, file] {
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr
                .starts_with("pc-inbox: Partner Central runs only in us-east-1, not in eu-west-1."),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("credentials"), "{}", r.stderr);
        assert_sentence(&r);
    }
}

#[test]
fn errors_and_refusals_use_the_command_lines_words() {
    let missing = demo(&["show", "engi-0000000000000"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("not found") && !missing.stderr.contains("refresh"),
        "{}",
        missing.stderr
    );
    let empty = demo(&["reject", &common::acceptable(0), "--reason", ""]);
    assert_eq!(empty.code, 2);
    assert_eq!(
        empty.stderr,
        "pc-inbox: --reason is empty: give 1–80 printable characters, e.g. --reason \"Unable to support\"\n"
    );
    let none = demo(&["list", "--limit", "0"]);
    assert_eq!(none.code, 2, "{}", none.stderr);
    assert!(none.stdout.is_empty(), "no header: {}", none.stdout);
    assert_eq!(
        none.stderr,
        "pc-inbox: --limit must be at least 1 (or use --all for every invitation)\n"
    );
}

#[test]
fn create_names_the_file_keys_of_every_field_it_refuses() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.toml");
    let example = include_str!("../../assets/invitation.example.toml");
    let bad = example
        .replace("anna.keller@northwind.example", "anna")
        .replace("+41445550101", "0041-44")
        .replace("amount = \"12000.00\"", "amount = \"lots\"")
        .replace("account_id = \"444455556666\"", "account_id = \"4444\"");
    std::fs::write(&file, bad).unwrap();
    let r = run(
        home.path(),
        &["--demo", "create", "--file", file.to_str().unwrap()],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let keys: Vec<&str> = r
        .stderr
        .lines()
        .skip(1)
        .map(|l| l.trim().split(": ").next().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "receiver.account_id",
            "opportunity.spend[1].amount",
            "opportunity.contacts[1].email",
            "opportunity.contacts[1].phone",
        ],
        "{}",
        r.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_prints_the_new_invitation_as_json() {
    let emulator = common::start(common::config(0)).await;
    let url = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/invitation.example.toml"
    );
    let json = against(
        &url,
        home.path(),
        &["create", "--file", file, "--output", "json"],
    )
    .await;
    assert_eq!(json.code, 0, "{}", json.stderr);
    let created: Value = serde_json::from_str(&json.stdout).unwrap();
    let id = created["Id"].as_str().unwrap();
    assert!(id.starts_with("engi-"), "{created}");
    assert_eq!(
        created["Receiver"]["Account"]["AwsAccountId"],
        "444455556666"
    );
    assert_eq!(
        created["Payload"]["OpportunityInvitation"]["Customer"]["CompanyName"],
        "Contoso Retail GmbH"
    );
    let shown = against(&url, home.path(), &["show", id, "--output", "json"]).await;
    assert_eq!(
        serde_json::from_str::<Value>(&shown.stdout).unwrap(),
        created,
        "the shape of `show --output json`"
    );
    let text = against(&url, home.path(), &["create", "--file", file]).await;
    assert_eq!(
        text.stdout,
        format!("{id}\t{}\n", created["Arn"].as_str().unwrap()),
        "the same file, the same invitation"
    );
}

/// A stand-in for Partner Central on 127.0.0.1 that answers every request with `body`.
async fn answering(body: &'static str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new().fallback(move || async move {
        (
            [(
                axum::http::header::CONTENT_TYPE,
                "application/x-amz-json-1.0",
            )],
            body,
        )
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_of_an_unknown_payload_points_to_the_console_not_to_a_key() {
    let url = answering(
        r#"{"Id":"engi-0000000000001","Catalog":"AWS","Status":"PENDING",
            "Arn":"arn:aws:partnercentral::111122223333:AWS/engagement-invitation/engi-0000000000001",
            "PayloadType":"ProjectInvitation","EngagementTitle":"Something new",
            "Payload":{"ProjectInvitation":{"Anything":1}}}"#,
    )
    .await;
    let home = tempfile::tempdir().unwrap();
    let r = against(&url, home.path(), &["show", "engi-0000000000001"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("Press"), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "This invitation carries a payload type this version of pc-inbox does not know \
             (ProjectInvitation).\nThe Partner Central console shows it: \
             https://console.aws.amazon.com/partnercentral/home?region=us-east-1\
             #/engagement-invitations/engi-0000000000001?catalog=AWS\n"
        ),
        "{}",
        r.stdout
    );
}

/// Bytes written, shared between the writer a command prints to and whoever watches it.
#[derive(Clone, Default)]
struct Written(Arc<Mutex<Vec<u8>>>);

impl Written {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl std::io::Write for Written {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Partner Central as the emulator answers it, noting how much output had been written when
/// each page was asked for; from page `spoil_from` (0-based) on, it sends a NextToken the
/// service refuses.
struct Watched {
    inner: AwsPartnerCentral,
    written: Written,
    asked_at: Mutex<Vec<usize>>,
    spoil_from: usize,
}

impl Watched {
    fn new(inner: AwsPartnerCentral, written: &Written, spoil_from: usize) -> Self {
        Watched {
            inner,
            written: written.clone(),
            asked_at: Mutex::default(),
            spoil_from,
        }
    }

    /// The output as it was when each page was asked for.
    fn output_at_each_request(&self) -> Vec<String> {
        let text = self.written.text();
        let at = self.asked_at.lock().unwrap();
        at.iter().map(|&n| text[..n].to_string()).collect()
    }
}

#[async_trait]
impl PartnerCentral for Watched {
    async fn list_invitations(
        &self,
        query: &ListQuery,
        next_token: Option<String>,
    ) -> ServiceResult<Page<InvitationSummary>> {
        let page = {
            let mut at = self.asked_at.lock().unwrap();
            at.push(self.written.0.lock().unwrap().len());
            at.len() - 1
        };
        let token = next_token.map(|t| {
            if page >= self.spoil_from {
                format!("x{t}")
            } else {
                t
            }
        });
        self.inner.list_invitations(query, token).await
    }

    async fn get_invitation(&self, _: &str) -> ServiceResult<InvitationDetail> {
        unreachable!("list only lists")
    }

    async fn reject_invitation(&self, _: &str, _: Option<&str>) -> ServiceResult<()> {
        unreachable!("list only lists")
    }

    async fn get_opportunity(&self, _: &str) -> ServiceResult<Opportunity> {
        unreachable!("list only lists")
    }

    async fn list_opportunities(&self, _: Option<String>) -> ServiceResult<Page<Opportunity>> {
        unreachable!("list only lists")
    }

    async fn start_task(&self, _: &TaskStart, _: &str) -> ServiceResult<Task> {
        unreachable!("list only lists")
    }

    async fn get_task(&self, _: TaskKind, _: &str) -> ServiceResult<Task> {
        unreachable!("list only lists")
    }

    async fn list_tasks(&self, _: TaskKind, _: &TaskFilter) -> ServiceResult<Vec<Task>> {
        unreachable!("list only lists")
    }

    async fn get_engagement(&self, _: &str) -> ServiceResult<Engagement> {
        unreachable!("list only lists")
    }

    async fn list_engagement_members(
        &self,
        _: &str,
        _: Option<String>,
    ) -> ServiceResult<Page<EngagementMember>> {
        unreachable!("list only lists")
    }

    async fn list_engagements(&self, _: Option<String>) -> ServiceResult<Page<EngagementSummary>> {
        unreachable!("list only lists")
    }

    async fn create_invitation(
        &self,
        _: &str,
        _: &str,
        _: &NewInvitation,
    ) -> ServiceResult<CreatedInvitation> {
        unreachable!("list only lists")
    }
}

/// `list --all --output FORMAT` as a command function against `service`, into `out`.
async fn list_all(service: &Watched, format: Format, out: &mut Written) -> CommandResult {
    let args = ListArgs {
        sent: false,
        status: Vec::new(),
        payload: None,
        oldest_first: false,
        limit: None,
        all: true,
        output: format,
    };
    list::run(service, &args, 20, None, out).await
}

/// Received invitations in an emulator with the seed and `generate` more.
fn received(generate: usize) -> usize {
    generate + common::seed_ids(|i| i["ParticipantType"] == "RECEIVER").len()
}

/// The rows of a JSON array that is complete or cut off after an element.
fn json_rows(text: &str) -> Vec<Value> {
    let closed = if text.trim_end().ends_with(']') {
        text.to_string()
    } else {
        format!("{text}\n]")
    };
    serde_json::from_str(&closed).unwrap()
}

#[tokio::test]
async fn list_all_prints_each_page_before_asking_for_the_next() {
    let (emulator, _) = common::start_in_process(common::config(250)).await;
    let pages = received(250).div_ceil(100);
    for format in [Format::Json, Format::Csv, Format::Table] {
        let mut out = Written::default();
        let service = Watched::new(common::client_in_process(&emulator).await, &out, usize::MAX);
        list_all(&service, format, &mut out).await.unwrap();
        let seen = service.output_at_each_request();
        assert_eq!(seen.len(), pages, "{format:?}");
        assert_eq!(seen[0], "", "nothing before the first page");
        for (n, text) in seen.iter().enumerate().skip(1) {
            let rows = match format {
                Format::Json => json_rows(text).len(),
                Format::Csv | Format::Table => text.lines().count() - 1,
            };
            assert_eq!(rows, 100 * n, "{format:?} before page {}:\n{text}", n + 1);
        }
    }
}

#[tokio::test]
async fn a_failure_mid_list_keeps_the_rows_printed_and_leaves_the_json_unclosed() {
    let (emulator, _) = common::start_in_process(common::config(250)).await;
    for format in [Format::Json, Format::Csv] {
        let mut out = Written::default();
        let service = Watched::new(common::client_in_process(&emulator).await, &out, 2);
        let failure = list_all(&service, format, &mut out).await.unwrap_err();
        assert!(matches!(failure, Failure::Service(_)), "{failure:?}");
        assert_eq!(failure.exit_code(), std::process::ExitCode::FAILURE);
        let text = out.text();
        match format {
            Format::Json => {
                assert!(serde_json::from_str::<Value>(&text).is_err(), "unclosed");
                assert_eq!(json_rows(&text).len(), 200);
            }
            _ => assert_eq!(text.lines().count(), 1 + 200),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_all_as_json_csv_and_table_holds_every_invitation_once() {
    let emulator = common::start(common::config(250)).await;
    let url = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for format in ["json", "csv", "table"] {
        let r = against(&url, home.path(), &["list", "--all", "--output", format]).await;
        assert_eq!(r.code, 0, "{}", r.stderr);
        outputs.push(r);
    }
    let [json, csv, table] = <[Run; 3]>::try_from(outputs).ok().unwrap();
    let json: Vec<Value> = serde_json::from_str(&json.stdout).unwrap();
    let json_ids: Vec<String> = json.iter().map(|r| r["Id"].to_string()).collect();
    let csv_ids: Vec<String> = csv::Reader::from_reader(csv.stdout.as_bytes())
        .records()
        .map(|r| format!("\"{}\"", &r.unwrap()[0]))
        .collect();
    let table_ids: Vec<String> = table
        .stdout
        .lines()
        .skip(1)
        .map(|l| format!("\"{}\"", l.split(' ').next().unwrap()))
        .collect();
    assert_eq!(json_ids.len(), received(250));
    assert_eq!(
        json_ids.iter().collect::<HashSet<_>>().len(),
        json_ids.len()
    );
    assert_eq!(csv_ids, json_ids);
    assert_eq!(table_ids, json_ids);
    let widths: HashSet<usize> = table
        .stdout
        .lines()
        .map(|l| {
            let last = l
                .find("ENGAGEMENT")
                .unwrap_or_else(|| l.rfind("  ").unwrap() + 2);
            l[..last].width()
        })
        .collect();
    assert_eq!(widths.len(), 1, "the columns line up across pages");
}

#[test]
fn list_all_into_a_reader_that_stops_early_ends_quietly() {
    use std::io::BufRead;
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pc-inbox"))
        .args([
            "--demo",
            "--demo-generate",
            "1000",
            "list",
            "--all",
            "--output",
            "json",
        ])
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "[\n");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
