//! A local, stateful AWS Partner Central Selling API on 127.0.0.1. It speaks the real wire
//! protocol, so the official SDK, the AWS CLI and boto3 talk to it as they talk to AWS.
//!
//! Request flow: [`listen`] (connections, read timeouts) → [`server`] (auth, quotas, validation
//! against [`crate::model`]) → [`ops`] handlers → [`store`] state, seeded from [`seed`]. STS
//! `GetCallerIdentity` is answered on the same port ([`sts`]).

mod accepted;
mod accounts;
mod arrivals;
mod auth;
mod clock;
mod error;
mod faults;
mod in_process;
mod index;
mod listen;
mod members;
mod opportunities;
mod ops;
mod paging;
#[cfg(test)]
mod props;
mod quota;
mod seed;
mod seeded_opportunities;
mod server;
mod store;
mod sts;
mod submissions;
mod tasks;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_smithy_runtime_api::client::http::SharedHttpClient;
use axum::routing::any;
use axum::Router;
use parking_lot::RwLock;
use tokio::sync::{oneshot, Semaphore};
use tokio::task::JoinHandle;

pub use clock::Clock;
pub use faults::{parse_rate, FaultCounts, Faults, Latency};
pub use quota::QuotaLimits;
pub use seed::Seed;

/// The access key of the embedded seed's first account.
pub const TEST_ACCESS_KEY: &str = "test";
/// The secret key that goes with [`TEST_ACCESS_KEY`].
pub const TEST_SECRET_KEY: &str = "test";

/// How an emulator starts.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    pub seed: Seed,
    /// Synthetic received invitations added to the seed.
    pub generate: usize,
    /// How long an accept task stays IN_PROGRESS.
    pub accept_delay: Duration,
    /// `None` turns quotas off.
    pub quotas: Option<QuotaLimits>,
    /// Accepted (access key, secret key) pairs besides the seed accounts' own (a pair listed
    /// here wins over an account's for the same key, which keeps its session token). A key
    /// that belongs to no seed account acts as the first account.
    pub credentials: Vec<(String, String)>,
    /// How often a new PENDING invitation arrives for the first account, on [`Self::clock`]:
    /// alternately from AWS and from the seed's second account. `None` for never.
    pub arrivals_every: Option<Duration>,
    /// Fault injection: latency, 500/503 answers, throttles, dropped connections.
    pub faults: Faults,
    /// Where "now" comes from: accept delays, expiry, quotas and every date in the data.
    pub clock: Clock,
    /// How long a client may take to send a request's headers (a kept-alive connection may also
    /// stay idle that long), and then its body, before the connection is closed.
    pub read_timeouts: ReadTimeouts,
    /// How many connections it serves at once (256 by default). One more gets a 503
    /// ServiceUnavailableException, which SDKs retry, and is closed; those served go on.
    pub max_connections: usize,
}

/// See [`EmulatorConfig::read_timeouts`].
#[derive(Debug, Clone, Copy)]
pub struct ReadTimeouts {
    pub header: Duration,
    pub body: Duration,
}

impl Default for ReadTimeouts {
    fn default() -> Self {
        ReadTimeouts {
            header: Duration::from_secs(30),
            body: Duration::from_secs(30),
        }
    }
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            seed: Seed::embedded(),
            generate: 0,
            accept_delay: Duration::from_secs(3),
            quotas: Some(QuotaLimits::default()),
            credentials: vec![(TEST_ACCESS_KEY.to_string(), TEST_SECRET_KEY.to_string())],
            arrivals_every: None,
            faults: Faults::default(),
            clock: Clock::new(),
            read_timeouts: ReadTimeouts::default(),
            max_connections: 256,
        }
    }
}

/// A running emulator; it stops when dropped.
pub struct Emulator {
    addr: SocketAddr,
    shared: Arc<server::Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Binds 127.0.0.1:`port` (0 for an ephemeral port) and starts serving.
    pub async fn start(config: EmulatorConfig, port: u16) -> Result<Self, String> {
        config.faults.validate()?;
        if !(1..=Semaphore::MAX_PERMITS).contains(&config.max_connections) {
            return Err(format!(
                "max_connections must be from 1 to {}",
                Semaphore::MAX_PERMITS
            ));
        }
        let now = config.clock.now();
        let mut data = config.seed.materialize(now)?;
        data.invitations
            .extend(seed::generate(config.generate, data.accounts.first(), now));
        let accept_delay =
            chrono::Duration::from_std(config.accept_delay).map_err(|e| e.to_string())?;
        let keys = data.accounts.keys(config.credentials);
        let mut store = store::Store::new(data, accept_delay, now);
        if let Some(every) = config.arrivals_every {
            let every = chrono::Duration::from_std(every).map_err(|e| e.to_string())?;
            store.arrivals = Some(arrivals::Arrivals::new(every, now));
        }
        let shared = Arc::new(server::Shared {
            store: RwLock::new(store),
            quotas: config.quotas.map(|l| Mutex::new(quota::Quotas::new(l))),
            throttled: Default::default(),
            keys,
            faults: faults::Injector::new(config.faults),
            clock: config.clock,
            body_timeout: config.read_timeouts.body,
        });
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))
            .await
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let serving = listen::Serving {
            app: Router::new()
                .fallback(any(server::handle))
                .with_state(shared.clone()),
            busy: Router::new()
                .fallback(any(server::busy))
                .with_state(config.max_connections),
            header_timeout: config.read_timeouts.header,
            max_connections: config.max_connections,
        };
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(listen::serve(listener, serving, stopped));
        Ok(Emulator {
            addr,
            shared,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, for an SDK endpoint override or `aws --endpoint-url`.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// An HTTP client for the SDK that answers from this emulator in process, without a
    /// socket: for tests on paused tokio time (`src/emulator/in_process.rs` says why). The
    /// requests are the same signed awsJson1_0 requests, checked the same way.
    pub fn http_client(&self) -> SharedHttpClient {
        SharedHttpClient::new(in_process::InProcess {
            shared: self.shared.clone(),
            with_faults: true,
        })
    }

    /// Like [`http_client`](Self::http_client), but no fault is ever injected into its
    /// requests (and they draw nothing from the fault RNG): a clean view of the emulator's
    /// state, for checking what faulty requests did.
    pub fn http_client_without_faults(&self) -> SharedHttpClient {
        SharedHttpClient::new(in_process::InProcess {
            shared: self.shared.clone(),
            with_faults: false,
        })
    }

    /// Starts (`true`) or ends an outage: until it ends, every request that faults may touch
    /// has its connection closed without an answer, as an unreachable endpoint would.
    pub fn set_unreachable(&self, down: bool) {
        self.shared.faults.set_down(down);
    }

    /// How many faults of each kind it has injected so far.
    pub fn faults_injected(&self) -> FaultCounts {
        self.shared.faults.counts()
    }

    /// How many requests it has refused with a ThrottlingException for being over quota.
    pub fn throttled(&self) -> u64 {
        self.shared
            .throttled
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Stops serving and waits until the server task has ended: open connections may finish
    /// their current request for half a second, then are dropped, however stalled their
    /// clients.
    pub async fn stop(mut self) {
        if let Some(s) = self.shutdown.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(s) = self.shutdown.take() {
            let _ = s.send(());
        }
    }
}
