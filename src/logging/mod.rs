//! Logs go to a daily file in the data directory, never to the screen. The SDK's, the signer's
//! and the HTTP stack's own logs are capped at `warn` by a filter applied after the user's, so
//! no `--log-level`, `RUST_LOG` or config file can let request signatures, credentials or
//! signed headers reach the file.

mod file;

use tracing::level_filters::LevelFilter;
use tracing::Subscriber;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

use crate::store::DataDir;
pub use file::DailyFile;

/// Target prefixes capped at `warn`: at debug or trace they log canonical requests, signed
/// headers, credentials (the access key id) or whole requests and responses. Prefixes match
/// every crate that starts with them (`aws_smithy_` covers `aws_smithy_runtime`,
/// `aws_smithy_http_client`…; `hyper` covers `hyper_util`, `hyper_rustls`).
const CAPPED: [&str; 11] = [
    "aws_sigv4",
    "aws_runtime",
    "aws_smithy_",
    "aws_config",
    "aws_credential_types",
    "aws_types",
    "aws_sdk_",
    "hyper",
    "h2",
    "rustls",
    "tower",
];

/// The filter in use: `--log-level`, else `RUST_LOG`, else the config file's, else `info`.
pub fn filter(flag: Option<&str>, config: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| std::env::var("RUST_LOG").ok().filter(|v| !v.is_empty()))
        .or_else(|| config.map(str::to_string))
        .unwrap_or_else(|| "info".into())
}

/// The caps: [`CAPPED`] at `warn`, everything else left to the user's filter.
fn caps() -> Targets {
    Targets::new()
        .with_default(LevelFilter::TRACE)
        .with_targets(CAPPED.map(|target| (target, LevelFilter::WARN)))
}

/// The subscriber [`init`] installs, writing plain text to `writer`: an event is written when
/// both the user's filter (`filter_text`, `info` if it does not parse) and the caps let it
/// through.
pub fn subscriber<W>(filter_text: &str, writer: W) -> impl Subscriber + Send + Sync
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_new(filter_text).unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .finish()
        .with(caps())
}

/// Starts logging into `data/logs/pc-inbox.YYYY-MM-DD.log` (see [`DailyFile`]). Keep the guard
/// alive until exit so the last lines are written. `None` when there is nowhere to write.
pub fn init(data: Option<&DataDir>, filter_text: &str) -> Option<WorkerGuard> {
    let data = data?;
    data.create().ok()?;
    let file = DailyFile::new(&data.path().join("logs")).ok()?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    subscriber(filter_text, writer).try_init().ok()?;
    Some(guard)
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::*;

    #[test]
    fn the_flag_wins() {
        assert_eq!(filter(Some("trace"), Some("debug")), "trace");
        assert!(filter(None, Some("debug")) == "debug" || std::env::var("RUST_LOG").is_ok());
    }

    /// What the subscriber wrote.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().write(buf)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Buffer {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn target_specific_filters_cannot_lift_the_caps() {
        let buffer = Buffer::default();
        let sink = buffer.clone();
        let filter = "info,aws_sigv4=trace,aws_sigv4::http_request=trace,\
                      aws_smithy_runtime::client::orchestrator=trace,hyper_util=trace,\
                      aws_smithy_http_client=debug,pc_inbox=debug";
        let subscriber = subscriber(filter, move || sink.clone());
        tracing::subscriber::with_default(subscriber, || {
            tracing::trace!(target: "aws_sigv4::http_request", "canonical request AKIDSECRET");
            tracing::debug!(target: "aws_sigv4", "signature 0123abcd");
            tracing::trace!(
                target: "aws_smithy_runtime::client::orchestrator",
                "transmitting request Credential=AKID"
            );
            tracing::trace!(target: "hyper_util::client", "authorization header");
            tracing::debug!(target: "aws_smithy_http_client::hyper", "connecting");
            tracing::info!(target: "aws_sigv4::http_request", "info is capped too");
            tracing::warn!(target: "aws_sigv4::http_request", "a warning is kept");
            tracing::debug!(target: "pc_inbox::service", "our own debug line");
        });
        let text = buffer.text();
        for secret in [
            "AKIDSECRET",
            "0123abcd",
            "Credential=",
            "authorization",
            "connecting",
            "capped",
        ] {
            assert!(!text.contains(secret), "{secret} in:\n{text}");
        }
        assert!(text.contains("a warning is kept"), "{text}");
        assert!(text.contains("our own debug line"), "{text}");
    }
}
