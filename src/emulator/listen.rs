//! The accept loop: HTTP/1.1 connections served by hyper with a header read timeout, so a
//! client that stalls mid-headers loses its connection instead of holding it forever. (The body
//! read timeout is the handler's, in [`super::server`].) Each connection's requests carry a
//! [`ConnectionReset`], with which a handler can have the connection dropped without an answer.
//! At most [`Serving::max_connections`] are served at once; one more is answered by the busy
//! app and closed at once, so stalled clients cannot make others wait.

use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch, Notify, Semaphore};

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

/// How long a connection past [`Serving::max_connections`] may take to send its request's
/// headers.
const BUSY_HEADER_TIMEOUT: Duration = Duration::from_secs(1);

/// What [`serve`] answers with, and how much it takes on.
pub struct Serving {
    /// The app of the connections served.
    pub app: Router,
    /// The app of a connection past `max_connections`, which is closed after one answer.
    pub busy: Router,
    /// How long a client may take to send a request's headers, or stay idle between requests.
    pub header_timeout: Duration,
    /// How many connections are served at once.
    pub max_connections: usize,
}

/// Serves on `listener` until `stop` fires, then lets open connections finish their current
/// request for up to [`SHUTDOWN_GRACE`], and drops those still open.
pub async fn serve(listener: TcpListener, serving: Serving, mut stop: oneshot::Receiver<()>) {
    let slots = Arc::new(Semaphore::new(serving.max_connections));
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
        let slot = slots.clone().try_acquire_owned().ok();
        let (app, header_timeout) = match slot {
            Some(_) => (&serving.app, serving.header_timeout),
            None => (
                &serving.busy,
                serving.header_timeout.min(BUSY_HEADER_TIMEOUT),
            ),
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
                .header_read_timeout(header_timeout)
                .keep_alive(slot.is_some());
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
            drop(slot);
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
