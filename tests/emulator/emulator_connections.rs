//! Connections the emulator holds: however stalled its clients, it stops promptly.

use crate::common;

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

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
    mid_headers
        .write_all(b"POST / HTTP/1.1\r\nhost: local")
        .await
        .unwrap();
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
