//! Logs go to a daily-rotated file in the data directory, never to the screen. The SDK's and
//! the HTTP stack's own logs are held at `warn`, whatever the filter asks, so request signatures,
//! credentials and signed headers never reach the file.

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;

use crate::store::DataDir;

/// Targets capped at `warn`: they could log signed requests at debug or trace.
const QUIET: [&str; 9] = [
    "aws_sigv4",
    "aws_runtime",
    "aws_smithy_runtime",
    "aws_smithy_runtime_api",
    "aws_smithy_http_client",
    "aws_config",
    "hyper",
    "hyper_util",
    "h2",
];

/// The filter in use: `--log-level`, else `RUST_LOG`, else the config file's, else `info`.
pub fn filter(flag: Option<&str>, config: Option<&str>) -> String {
    let base = flag
        .map(str::to_string)
        .or_else(|| std::env::var("RUST_LOG").ok().filter(|v| !v.is_empty()))
        .or_else(|| config.map(str::to_string))
        .unwrap_or_else(|| "info".into());
    let caps: Vec<String> = QUIET.iter().map(|t| format!("{t}=warn")).collect();
    format!("{base},{}", caps.join(","))
}

/// Starts logging into `data/logs/pc-inbox.YYYY-MM-DD.log` (seven days kept). Keep the guard
/// alive until exit so the last lines are written. `None` when there is nowhere to write.
pub fn init(data: Option<&DataDir>, filter_text: &str) -> Option<WorkerGuard> {
    let dir = data?.path().join("logs");
    std::fs::create_dir_all(&dir).ok()?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("pc-inbox")
        .filename_suffix("log")
        .max_log_files(7)
        .build(&dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_new(filter_text).unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_and_the_sdk_stays_quiet() {
        let f = filter(Some("trace"), Some("debug"));
        assert!(f.starts_with("trace,"));
        assert!(f.contains("aws_sigv4=warn") && f.contains("hyper=warn"));
        assert!(
            filter(None, Some("debug")).starts_with("debug,") || std::env::var("RUST_LOG").is_ok()
        );
    }
}
