//! `pc-inbox watch`: a line per invitation that arrives, that another client rejects, or that
//! expires, while it runs; nothing for what did not change.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use pc_inbox::emulator::{Clock, EmulatorConfig};
use pc_inbox::service::PartnerCentral;
use serde_json::Value;

/// A running `pc-inbox watch`, its output lines arriving on channels.
struct Watcher {
    child: Child,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
}

impl Watcher {
    fn start(url: &str, home: &std::path::Path) -> Self {
        let args = [
            "--endpoint-url",
            url,
            "watch",
            "--interval",
            "1",
            "--output",
            "json",
        ];
        let mut child = common::command(home, &args, &[])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = |pipe: Box<dyn std::io::Read + Send>| {
            let (tx, rx) = channel();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
            rx
        };
        let stdout = lines(Box::new(child.stdout.take().unwrap()));
        let stderr = lines(Box::new(child.stderr.take().unwrap()));
        Watcher {
            child,
            stdout,
            stderr,
        }
    }

    /// Waits for the first look to be done: the line that says what is watched.
    fn wait_until_watching(&self) {
        let line = self
            .stderr
            .recv_timeout(Duration::from_secs(60))
            .expect("watch says it is watching");
        assert!(line.contains("watching"), "{line}");
    }

    /// The next line, as JSON.
    fn next(&self, waiting_for: &str) -> Value {
        let line = self
            .stdout
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no line for {waiting_for}"));
        serde_json::from_str(&line).unwrap()
    }

    /// The next line naming `id`, as JSON; earlier lines are returned too, for asserts.
    fn line_for(&self, id: &str) -> (Value, Vec<Value>) {
        let mut before = Vec::new();
        loop {
            let value = self.next(id);
            if value["Id"] == id {
                return (value, before);
            }
            before.push(value);
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejection_by_another_client_is_printed_as_a_status_change() {
    let (emulator, url, home) = common::emulator_and_home().await;
    let watcher = Watcher::start(&url, home.path());
    watcher.wait_until_watching();
    let id = common::acceptable(0);
    let other = common::client(&emulator).await;
    other
        .reject_invitation(&id, Some("Unable to support"))
        .await
        .unwrap();
    let (line, before) = watcher.line_for(&id);
    assert!(before.is_empty(), "nothing else changed: {before:#?}");
    assert_eq!(line["Status"], "REJECTED");
    assert_eq!(line["Change"], "StatusChanged");
    assert_eq!(line["ParticipantType"], "RECEIVER");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_that_expires_is_printed_as_expired() {
    let clock = Clock::new();
    let emulator = common::start(EmulatorConfig {
        clock: clock.clone(),
        ..common::config(0)
    })
    .await;
    let url = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let seed = common::seed_json();
    let soonest = seed["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["ParticipantType"] == "RECEIVER" && i["Status"] == "PENDING")
        .min_by_key(|i| i["ExpiresInHours"].as_i64().unwrap())
        .unwrap();
    let id = soonest["Id"].as_str().unwrap();
    let hours = soonest["ExpiresInHours"].as_i64().unwrap();
    let watcher = Watcher::start(&url, home.path());
    watcher.wait_until_watching();
    clock.advance(Duration::from_secs(hours as u64 * 3600 + 60));
    let (line, _) = watcher.line_for(id);
    assert_eq!(line["Status"], "EXPIRED");
    assert_eq!(line["Change"], "Expired");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_arrival_is_printed_as_new_with_its_invitation_time() {
    let clock = Clock::new();
    let emulator = common::start(EmulatorConfig {
        clock: clock.clone(),
        arrivals_every: Some(Duration::from_secs(3600)),
        ..common::config(0)
    })
    .await;
    let url = emulator.endpoint_url();
    let home = tempfile::tempdir().unwrap();
    let watcher = Watcher::start(&url, home.path());
    watcher.wait_until_watching();
    clock.advance(Duration::from_secs(3 * 3600 + 60));
    let lines: Vec<Value> = (0..3).map(|_| watcher.next("three arrivals")).collect();
    let mut dates = Vec::new();
    for line in &lines {
        assert_eq!(line["Change"], "New", "{lines:#?}");
        assert_eq!(line["Status"], "PENDING");
        dates.push(line["InvitationDate"].as_str().unwrap().to_string());
    }
    dates.dedup();
    assert_eq!(dates.len(), 3, "each with its own time: {lines:#?}");
    let store = pc_inbox::store::DataDir::at(home.path().join("data/pc-inbox"))
        .for_origin(pc_inbox::store::Origin {
            endpoint: url.clone(),
            catalog: "AWS".into(),
            identity: "default".into(),
        })
        .open()
        .unwrap()
        .store;
    let query = pc_inbox::domain::ListQuery::new(pc_inbox::domain::Participant::Received);
    let kept = store.view(&query).unwrap().rows;
    for line in &lines {
        let row = kept
            .iter()
            .find(|r| r.summary.id == line["Id"].as_str().unwrap());
        assert!(
            row.is_some_and(|r| r.unread),
            "kept for the inbox, unread: {line}"
        );
    }
    let status = common::against(&url, home.path(), &["status", "--output", "json"]).await;
    let status: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert!(
        status["LastLook"].is_string(),
        "looks are noted: {status:#}"
    );
    assert!(
        status["Reads"]["Used"].as_u64().unwrap() >= 3,
        "the watch's reads are counted as it goes: {status:#}"
    );
    drop(emulator);
}
