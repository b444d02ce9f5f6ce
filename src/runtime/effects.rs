//! Runs effects: service calls on tokio tasks (reads through the shared [`ReadQueue`]),
//! timers, the browser and the clipboard. Results come back as messages.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::{system, ReadQueue};
use crate::app::{Effect, Msg, Priority};
use crate::service::PartnerCentral;

/// Turns effects into work.
pub struct EffectRunner {
    service: Arc<dyn PartnerCentral>,
    tx: UnboundedSender<Msg>,
    reads: ReadQueue,
}

impl EffectRunner {
    /// A runner whose reads stay under `reads_per_second`.
    pub fn new(
        service: Arc<dyn PartnerCentral>,
        tx: UnboundedSender<Msg>,
        reads_per_second: f64,
    ) -> Self {
        EffectRunner {
            service,
            tx,
            reads: ReadQueue::new(reads_per_second),
        }
    }

    /// Starts one effect; never blocks on IO.
    pub fn run(&self, effect: Effect) {
        let service = self.service.clone();
        let tx = self.tx.clone();
        match effect {
            Effect::LoadPage {
                generation,
                query,
                next_token,
            } => {
                let key = format!("page:{generation}:{}", next_token.as_deref().unwrap_or(""));
                self.reads.submit(key, Priority::Selected, async move {
                    let result = service.list_invitations(&query, next_token).await;
                    let _ = tx.send(Msg::PageLoaded { generation, result });
                });
            }
            Effect::LoadDetail {
                id,
                generation,
                priority,
            } => {
                let key = format!("detail:{generation}:{id}");
                self.reads.submit(key, priority, async move {
                    let result = service.get_invitation(&id).await.map(Box::new);
                    let _ = tx.send(Msg::DetailLoaded {
                        id,
                        generation,
                        result,
                    });
                });
            }
            Effect::SettleSelection { epoch, after } => {
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::SelectionSettled { epoch });
                });
            }
            Effect::OpenUrl(url) => system::open_in_browser(&url),
            Effect::Copy(text) => system::copy_osc52(&text),
        }
    }
}
