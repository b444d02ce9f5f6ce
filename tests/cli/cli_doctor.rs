//! `pc-inbox doctor`: a verdict a line on the credentials' owner (STS), the endpoint, the
//! service, payload types, the store and the quotas; exit 1 when one fails, every check run
//! whatever the others found, and its own requests counted like any command's.

use std::time::{Duration, Instant};

use crate::common;

use common::{against, emulator_and_home};
use serde_json::Value;

const CHECKS: [&str; 6] = [
    "Identity",
    "Endpoint",
    "Service",
    "PayloadTypes",
    "Store",
    "Quotas",
];

fn json(run: &common::Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn against_the_emulator_every_check_is_ok_and_its_reads_are_counted() {
    let (_emulator, url, home) = emulator_and_home().await;
    let run = against(&url, home.path(), &["doctor", "--output", "json"]).await;
    assert_eq!(run.code, 0, "{run:?}");
    let report = json(&run);
    assert_eq!(report["Healthy"], true, "{report:#}");
    for check in CHECKS {
        assert_eq!(report[check]["Verdict"], "ok", "{check}: {report:#}");
        assert!(report[check]["Message"].is_string(), "{check}: {report:#}");
    }
    assert_eq!(report["Identity"]["Account"], "111122223333");
    assert_eq!(
        report["Identity"]["Arn"],
        "arn:aws:iam::111122223333:user/northwind"
    );
    assert_eq!(report["Endpoint"]["Endpoint"], url.as_str());
    assert_eq!(report["Endpoint"]["Region"], "us-east-1");
    assert_eq!(report["Endpoint"]["Catalog"], "AWS");
    assert!(report["Service"]["LatencyMs"].is_u64(), "{report:#}");
    assert!(report["PayloadTypes"]["Read"].as_u64().unwrap() > 0);
    assert_eq!(report["PayloadTypes"]["Unknown"], serde_json::json!({}));
    let path = report["Store"]["Path"].as_str().unwrap();
    assert!(path.ends_with("pc-inbox.db"), "{path}");
    assert!(report["Store"]["Schema"].is_u64(), "{report:#}");
    let day = chrono::Utc::now().date_naive().to_string();
    assert_eq!(report["Quotas"]["Day"], day.as_str());
    assert_eq!(report["Quotas"]["Reads"]["Used"], 2, "its own two reads");
    assert_eq!(report["Quotas"]["Reads"]["Quota"], 100_000);
    assert_eq!(report["Quotas"]["Writes"]["Used"], 0);

    let status = against(&url, home.path(), &["status", "--output", "json"]).await;
    assert_eq!(json(&status)["Reads"]["Used"], 2, "{status:?}");

    let text = against(&url, home.path(), &["doctor"]).await;
    assert_eq!(text.code, 0, "{text:?}");
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{text:?}");
    assert!(lines.iter().all(|l| l.starts_with("ok ")), "{text:?}");
    assert!(
        lines[0].contains("111122223333 · arn:aws:iam::111122223333:user/northwind"),
        "{text:?}"
    );
    assert!(lines[5].contains("4 reads of 100,000"), "{text:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_identity_is_the_one_the_credentials_belong_to() {
    let (_emulator, url, home) = emulator_and_home().await;
    let home = home.path().to_path_buf();
    let partner2 = [
        ("AWS_ACCESS_KEY_ID", Some("partner2")),
        ("AWS_SECRET_ACCESS_KEY", Some("partner2")),
    ];
    let run = tokio::task::spawn_blocking(move || {
        let args = ["--endpoint-url", &url, "doctor", "--output", "json"];
        common::run_with(&home, &args, &partner2)
    })
    .await
    .unwrap();
    assert_eq!(run.code, 0, "{run:?}");
    let report = json(&run);
    assert_eq!(report["Identity"]["Account"], "246813579135");
    assert_eq!(
        report["Identity"]["Arn"],
        "arn:aws:iam::246813579135:user/tidewater"
    );
}

#[test]
fn against_a_dead_endpoint_the_service_fails_with_the_reason_and_the_doctor_ends() {
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let run = common::run(
        home.path(),
        &["--endpoint-url", "http://127.0.0.1:1", "doctor"],
    );
    assert!(started.elapsed() < Duration::from_secs(30), "{run:?}");
    assert_eq!(run.code, 1, "{run:?}");
    let line = |label: &str| {
        run.stdout
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(label))
            .unwrap_or_else(|| panic!("no {label} line: {run:?}"))
            .to_string()
    };
    let service = line("Service");
    assert!(service.starts_with("FAIL "), "{service}");
    assert!(
        service.contains("http://127.0.0.1:1 refused the connection"),
        "{service}"
    );
    assert!(line("Identity").starts_with("FAIL "), "{run:?}");
    assert!(line("Payloads").starts_with("skip "), "{run:?}");
    assert!(line("Store").starts_with("ok "), "{run:?}");
    assert!(
        run.stderr.contains("checks failed: Identity, Service"),
        "{run:?}"
    );

    let run = common::run(
        home.path(),
        &[
            "--endpoint-url",
            "http://127.0.0.1:1",
            "doctor",
            "--output",
            "json",
        ],
    );
    assert_eq!(run.code, 1, "{run:?}");
    let report = json(&run);
    assert_eq!(report["Healthy"], false);
    assert_eq!(report["Service"]["Verdict"], "FAIL");
    assert_eq!(report["Service"]["LatencyMs"], Value::Null);
    assert_eq!(report["PayloadTypes"]["Verdict"], "skip");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_it_cannot_open_fails_the_store_line_and_the_other_checks_still_run() {
    let (_emulator, url, home) = emulator_and_home().await;
    let database = home.path().join("data/pc-inbox/pc-inbox.db");
    std::fs::create_dir_all(&database).unwrap();
    let run = against(&url, home.path(), &["doctor", "--output", "json"]).await;
    assert_eq!(run.code, 1, "{run:?}");
    let report = json(&run);
    assert_eq!(report["Healthy"], false);
    assert_eq!(report["Store"]["Verdict"], "FAIL", "{report:#}");
    let message = report["Store"]["Message"].as_str().unwrap();
    assert!(message.contains(database.to_str().unwrap()), "{message}");
    assert_eq!(report["Store"]["Schema"], Value::Null);
    for check in ["Identity", "Endpoint", "Service", "PayloadTypes"] {
        assert_eq!(report[check]["Verdict"], "ok", "{check}: {report:#}");
    }
    assert_eq!(report["Quotas"]["Verdict"], "warn", "{report:#}");
    assert_eq!(report["Quotas"]["Reads"]["Used"], Value::Null);
    assert!(run.stderr.contains("the Store check failed"), "{run:?}");
    assert!(
        database.is_dir(),
        "the doctor leaves what it found in place"
    );
}
