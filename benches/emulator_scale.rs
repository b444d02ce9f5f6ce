//! The emulator at scale: one ListEngagementInvitations page of 100 (the first, a deep one
//! through a NextToken, and the first of PENDING only) against 100,000 invitations vs against
//! 1,000 — goal ≤ 1.3× — and pages per second with 1 vs 8 concurrent paginators at 100,000.
//!
//! Each request goes through our SDK adapter and the emulator's in-process HTTP client with
//! quotas off, so it includes signing, SigV4 checks, model validation and JSON both ways: what
//! `pc-inbox list --limit 100` does, without process start-up. Peak memory at 100,000 is
//! measured by `scripts/emulator-rss.sh`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pc_inbox::domain::{InvitationStatus, ListQuery, Participant};
use pc_inbox::emulator::{Emulator, EmulatorConfig};
use pc_inbox::service::aws::AwsPartnerCentral;
use pc_inbox::service::PartnerCentral;
use tokio::runtime::Runtime;

const PAGE: u32 = 100;
/// How many paginators run at once in the concurrency benchmark.
const PAGINATORS: usize = 8;

/// An emulator with `generate` synthetic invitations besides the seed, quotas off.
struct Scale {
    _emulator: Emulator,
    client: Arc<AwsPartnerCentral>,
    /// NextTokens into the middle of the listing, spread over its first half.
    tokens: Vec<String>,
}

fn query() -> ListQuery {
    let mut query = ListQuery::new(Participant::Received);
    query.page_size = Some(PAGE);
    query
}

fn scale(runtime: &Runtime, generate: usize) -> Scale {
    runtime.block_on(async {
        let (emulator, client) = common::start_in_process(EmulatorConfig {
            generate,
            quotas: None,
            ..EmulatorConfig::default()
        })
        .await;
        let half = generate / PAGE as usize / 2;
        let mut tokens = Vec::new();
        let mut token = None;
        for page in 0..half {
            let next = client.list_invitations(&query(), token).await.unwrap();
            token = next.next_token;
            if page % (half / PAGINATORS).max(1) == 0 || page + 1 == half {
                tokens.push(token.clone().unwrap());
            }
        }
        Scale {
            _emulator: emulator,
            client: Arc::new(client),
            tokens,
        }
    })
}

fn page_cost(c: &mut Criterion) {
    let runtime = Runtime::new().unwrap();
    let mut group = c.benchmark_group("ListEngagementInvitations page of 100");
    group.sample_size(20);
    for generate in [1_000usize, 100_000] {
        let s = scale(&runtime, generate);
        let deep = s.tokens.last().unwrap().clone();
        let mut pending = query();
        pending.statuses = vec![InvitationStatus::Pending];
        let cases = [
            ("first", query(), None),
            ("deep", query(), Some(deep)),
            ("first PENDING", pending, None),
        ];
        for (name, q, token) in cases {
            group.bench_function(BenchmarkId::new(name, generate), |b| {
                b.iter(|| {
                    runtime.block_on(async {
                        let page = s.client.list_invitations(&q, token.clone()).await.unwrap();
                        assert_eq!(page.items.len(), PAGE as usize);
                    })
                });
            });
        }
    }
    group.finish();
}

fn paginators(c: &mut Criterion) {
    let runtime = Runtime::new().unwrap();
    let s = scale(&runtime, 100_000);
    let tokens: Vec<String> = s.tokens.iter().take(PAGINATORS).cloned().collect();
    assert_eq!(tokens.len(), PAGINATORS);
    let mut group = c.benchmark_group("8 deep pages of 100 at 100,000 invitations");
    group.sample_size(20);
    group.throughput(Throughput::Elements(PAGINATORS as u64));
    group.bench_function("1 paginator", |b| {
        b.iter(|| {
            runtime.block_on(async {
                for token in &tokens {
                    let page = s
                        .client
                        .list_invitations(&query(), Some(token.clone()))
                        .await;
                    assert_eq!(page.unwrap().items.len(), PAGE as usize);
                }
            })
        });
    });
    group.bench_function("8 concurrent paginators", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let tasks: Vec<_> = tokens
                    .iter()
                    .map(|token| {
                        let (client, token) = (s.client.clone(), token.clone());
                        tokio::spawn(async move {
                            let page = client.list_invitations(&query(), Some(token)).await;
                            assert_eq!(page.unwrap().items.len(), PAGE as usize);
                        })
                    })
                    .collect();
                for task in tasks {
                    task.await.unwrap();
                }
            })
        });
    });
    group.finish();
}

criterion_group!(benches, page_cost, paginators);
criterion_main!(benches);
