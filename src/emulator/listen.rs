//! The accept loop: HTTP/1.1 connections served by hyper with a header read timeout, so a
//! client that stalls mid-headers loses its connection instead of holding it forever. (The body
//! read timeout is the handler's, in [`super::server`].) Each connection's requests carry a
//! [`ConnectionReset`], with which a handler can have the connection dropped without an answer.

use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch, Notify};

/// Drops the connection a request came on, without answering it.
#[derive(Clone, Default)]
pub struct ConnectionReset(Arc<Notify>);

impl ConnectionReset {
    /// Asks the connection's task to drop the connection, and waits to be dropped with it.
    pub async fn close<T>(&self) -> T {
        self.0.notify_one();
        std::future::pending().await
    }
}

/// How long a stop lets open connections finish their current request before it drops them,
/// whatever their clients are doing, so that a stop never waits on a stalled client.
const SHUTDOWN_GRACE: Duration = Duration::from_millis(500);

/// Serves `app` on `listener` until `stop` fires, then lets open connections finish their
/// current request for up to [`SHUTDOWN_GRACE`], and drops those still open.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    mut stop: oneshot::Receiver<()>,
) {
    // Dropping `closing` asks every connection to finish, dropping `dropping` ends them at
    // once; `open` is closed once all have ended.
    let (closing, closing_rx) = watch::channel(());
    let (dropping, dropping_rx) = watch::channel(());
    let (open, open_rx) = watch::channel(());
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, say: give closing connections a moment.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let reset = ConnectionReset::default();
        let service = TowerToHyperService::new(app.clone().layer(Extension(reset.clone())));
        let mut closing = closing_rx.clone();
        let mut dropping = dropping_rx.clone();
        let open = open_rx.clone();
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let mut connection = pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = reset.0.notified() => {}
                _ = closing.changed() => {
                    connection.as_mut().graceful_shutdown();
                    tokio::select! {
                        _ = connection => {}
                        _ = reset.0.notified() => {}
                        _ = dropping.changed() => {}
                    }
                }
            }
            drop(open);
        });
    }
    drop(closing);
    drop(open_rx);
    if tokio::time::timeout(SHUTDOWN_GRACE, open.closed())
        .await
        .is_err()
    {
        drop(dropping);
        open.closed().await;
    }
}
