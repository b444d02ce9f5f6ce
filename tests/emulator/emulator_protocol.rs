//! Protocol edges: bodies over the limit and clients that stall.

use crate::common;

use std::time::Duration;

use pc_inbox::emulator::{EmulatorConfig, ReadTimeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends `head` and `body` and reads until the server closes the connection; `None` if it has
/// not within 10 s (a bound for a failing test, not a synchronisation).
async fn send_and_read(
    emulator: &pc_inbox::emulator::Emulator,
    head: &str,
    body: &[u8],
) -> Option<String> {
    let mut stream = TcpStream::connect(emulator.addr()).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer));
    match read.await {
        Ok(_) => Some(String::from_utf8_lossy(&answer).into_owned()),
        Err(_) => None,
    }
}

fn head(content_length: usize) -> String {
    format!(
        "POST / HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/x-amz-json-1.0\r\n\
         x-amz-target: AWSPartnerCentralSelling.ListEngagements\r\ncontent-length: {content_length}\r\n\r\n"
    )
}

#[tokio::test]
async fn a_body_over_the_limit_gets_a_json_413() {
    let emulator = common::start(common::config(0)).await;
    let answer = send_and_read(&emulator, &head(2 * 1024 * 1024 + 1), b"")
        .await
        .unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let head = head.to_lowercase();
    assert!(head.starts_with("http/1.1 413"), "{head}");
    assert!(
        head.contains("content-type: application/x-amz-json-1.0"),
        "{head}"
    );
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["__type"], "RequestEntityTooLargeException");
    assert!(body["Message"].as_str().unwrap().contains("2097152"));
}

fn short_timeouts() -> EmulatorConfig {
    EmulatorConfig {
        read_timeouts: ReadTimeouts {
            header: Duration::from_millis(200),
            body: Duration::from_millis(200),
        },
        ..common::config(0)
    }
}

#[tokio::test]
async fn a_client_stalled_mid_headers_is_disconnected() {
    let emulator = common::start(short_timeouts()).await;
    let answer = send_and_read(&emulator, "POST / HTTP/1.1\r\nhost: local", b"").await;
    assert!(answer.is_some(), "the connection is still open");
}

#[tokio::test]
async fn a_client_stalled_mid_body_gets_a_408_and_is_disconnected() {
    let emulator = common::start(short_timeouts()).await;
    let answer = send_and_read(&emulator, &head(100), b"{\"Catalog\"")
        .await
        .expect("the connection is still open");
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 408"), "{head}");
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["__type"], "RequestTimeoutException");
}
