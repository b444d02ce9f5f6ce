//! Connections the emulator holds: past its cap a client gets a prompt 503 while those served
//! go on, and however stalled its clients, it stops promptly.

use crate::common;

use std::time::Duration;

use pc_inbox::emulator::EmulatorConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The start of a request whose client then stalls.
const HALF_A_REQUEST: &[u8] = b"POST / HTTP/1.1\r\nhost: local";

/// Sends an unsigned request on a kept-alive connection and reads its answer; returns the
/// status.
async fn exchange(stream: &mut TcpStream) -> u16 {
    stream
        .write_all(b"POST / HTTP/1.1\r\nhost: localhost\r\ncontent-length: 2\r\n\r\n{}")
        .await
        .unwrap();
    let mut seen = Vec::new();
    let mut buf = [0; 1024];
    let head_end = loop {
        if let Some(at) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "the server closed the connection");
        seen.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&seen[..head_end]).to_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .unwrap()
        .parse()
        .unwrap();
    while seen.len() < head_end + length {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "the server closed the connection");
        seen.extend_from_slice(&buf[..n]);
    }
    head.split(' ').nth(1).unwrap().parse().unwrap()
}

/// Ends a stalled client's request and waits until the server has closed its connection. On
/// the test's single-threaded runtime, the connection's task has then freed its slot too.
async fn hang_up(mut stream: TcpStream) {
    stream.shutdown().await.unwrap();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest).await;
}

#[tokio::test]
async fn past_the_cap_a_client_gets_a_503_at_once_and_those_served_go_on() {
    let emulator = common::start(EmulatorConfig {
        max_connections: 3,
        ..common::config(0)
    })
    .await;
    let mut served = TcpStream::connect(emulator.addr()).await.unwrap();
    assert_eq!(exchange(&mut served).await, 403, "unsigned, and served");
    let mut stalled = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(emulator.addr()).await.unwrap();
        stream.write_all(HALF_A_REQUEST).await.unwrap();
        stalled.push(stream);
    }
    // Connections are accepted in order: this one comes after the three that fill the cap.
    let signed = Some(("test", "test"));
    let body = r#"{"Catalog":"AWS"}"#;
    let r = common::raw_call(&emulator, "ListEngagements", body, signed).await;
    assert_eq!(r.status, 503, "{}", r.body);
    assert_eq!(r.body["__type"], "ServiceUnavailableException");
    assert!(r.head.contains("content-type: application/x-amz-json-1.0"));
    assert!(r.head.contains("connection: close"));
    assert_eq!(exchange(&mut served).await, 403, "a client served goes on");
    for stream in stalled {
        hang_up(stream).await;
    }
    let r = common::raw_call(&emulator, "ListEngagements", body, signed).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// Request headers that announce a body of `length` bytes and ask to be told to send it.
fn head_expecting(length: usize) -> String {
    format!(
        "POST / HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/x-amz-json-1.0\r\n\
         x-amz-target: AWSPartnerCentralSelling.ListEngagements\r\ncontent-length: {length}\r\n\
         expect: 100-continue\r\n\r\n"
    )
}

/// Reads until the server's `100 Continue`: the connection is being served and its request's
/// body is being read.
async fn await_continue(stream: &mut TcpStream) {
    let mut seen = Vec::new();
    let mut buf = [0; 256];
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "the server closed the connection");
        seen.extend_from_slice(&buf[..n]);
    }
    let seen = String::from_utf8_lossy(&seen);
    assert!(seen.starts_with("HTTP/1.1 100"), "{seen}");
}

#[tokio::test]
async fn a_stop_takes_under_a_second_whatever_clients_stall() {
    // The read timeouts are the default 30 s: a stop that waited for them would take that long.
    let emulator = common::start(common::config(0)).await;
    let mut mid_headers = TcpStream::connect(emulator.addr()).await.unwrap();
    mid_headers.write_all(HALF_A_REQUEST).await.unwrap();
    // Connections are accepted in order: once this one is served, so is the one above.
    let mut mid_body = TcpStream::connect(emulator.addr()).await.unwrap();
    mid_body
        .write_all(head_expecting(100).as_bytes())
        .await
        .unwrap();
    await_continue(&mut mid_body).await;
    mid_body.write_all(b"{\"Catalog\"").await.unwrap();
    tokio::time::timeout(Duration::from_secs(1), emulator.stop())
        .await
        .expect("the emulator stops within a second");
    let mut rest = Vec::new();
    let closed = mid_headers.read_to_end(&mut rest).await;
    assert!(
        matches!(closed, Ok(0)) || closed.is_err(),
        "the stalled connection is closed"
    );
}
