//! Runs effects: service calls on tokio tasks (reads through the shared [`ReadQueue`]),
//! timers, local files, the browser and the clipboard. Results come back as messages.

use crate::app::{CreateMsg, SyncMsg};
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::store_worker::{job_of, unstored, StoreWorker};
use super::system::{self, Launch};
use super::ReadQueue;
use crate::app::{Effect, Msg, Priority};
use crate::domain::ListQuery;
use crate::domain::SavedTask;
use crate::service::{linked_opportunity, PartnerCentral, RequestTally};
use crate::store::Store;

/// Turns effects into work.
pub struct EffectRunner {
    pub(super) service: Arc<dyn PartnerCentral>,
    pub(super) tx: UnboundedSender<Msg>,
    pub(super) reads: ReadQueue,
    pub(super) store: StoreWorker,
    launch: Launch,
}

impl EffectRunner {
    /// A runner with at most `reads_in_flight` reads out at once, which keeps local state in `store`
    /// (nothing is kept without one) and starts browsers as `launch` says.
    pub fn new(
        service: Arc<dyn PartnerCentral>,
        tx: UnboundedSender<Msg>,
        reads_in_flight: usize,
        store: Option<Store>,
        (launch, tally): (Launch, Arc<RequestTally>),
    ) -> Self {
        let store = StoreWorker::new(store, tx.clone(), tally);
        EffectRunner {
            service,
            tx,
            reads: ReadQueue::new(reads_in_flight),
            store,
            launch,
        }
    }

    /// Waits until local state is written; call before exiting.
    pub fn finish(self) {
        self.store.finish();
    }

    /// Starts one effect; never blocks on IO. An effect that needs the terminal (the user's
    /// editor) is handed back for the event loop to run.
    pub fn run(&self, effect: Effect) -> Option<Effect> {
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
                    let _ = tx.send(Msg::Sync(SyncMsg::PageLoaded { generation, result }));
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
                    let _ = tx.send(Msg::Sync(SyncMsg::DetailLoaded {
                        id,
                        generation,
                        result,
                    }));
                });
            }
            Effect::StartTask {
                start,
                client_token,
                title,
                started,
            } => {
                let record = SavedTask {
                    client_token,
                    task_id: None,
                    title,
                    started,
                };
                self.start_task(start, record);
            }
            Effect::PollTask {
                kind,
                subject,
                task_id,
                after,
            } => self.poll_task(kind, subject, task_id, after),
            Effect::FindRunningTasks(kind) => self.find_running(kind),
            Effect::SaveTask {
                kind,
                subject,
                record,
            } => self.save_task(kind, subject, record),
            Effect::ForgetTask {
                kind,
                subject,
                client_token,
            } => self.forget_task(kind, subject, client_token),
            Effect::Reject {
                invitation_id,
                reason,
            } => {
                tokio::spawn(async move {
                    let result = service
                        .reject_invitation(&invitation_id, Some(&reason))
                        .await;
                    let _ = tx.send(Msg::Rejected {
                        invitation_id,
                        reason,
                        result,
                    });
                });
            }
            Effect::SaveDraft(_)
            | Effect::SaveBulk(_)
            | Effect::Remember { .. }
            | Effect::Journal(_)
            | Effect::ReadCachedView { .. }
            | Effect::ReadCachedViewIfChanged { .. }
            | Effect::ReadCachedSide { .. }
            | Effect::ReadCachedDetails { .. }
            | Effect::ReadJournal => {
                let learned = match &effect {
                    Effect::Remember { what, .. } => unstored(what),
                    _ => None,
                };
                if let Some(job) = job_of(effect) {
                    if !self.store.send_held(job) {
                        // No store: what was learned still reaches the list.
                        if let Some(stored) = learned {
                            let _ = tx.send(Msg::Sync(SyncMsg::Stored(stored)));
                        }
                    }
                }
            }
            Effect::LoadEngagements { next_token } => {
                let key = format!("engagements:{}", next_token.as_deref().unwrap_or(""));
                self.reads.submit(key, Priority::Selected, async move {
                    let result = service.list_engagements(next_token).await;
                    let _ = tx.send(Msg::Create(CreateMsg::EngagementsLoaded(result)));
                });
            }
            Effect::CreateInvitation {
                engagement_id,
                client_token,
                invitation,
            } => {
                tokio::spawn(async move {
                    let result = service
                        .create_invitation(&engagement_id, &client_token, &invitation)
                        .await;
                    let _ = tx.send(Msg::Create(CreateMsg::Created {
                        client_token,
                        result,
                    }));
                });
            }
            Effect::SettleSelection { epoch, after } => {
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::Sync(SyncMsg::SelectionSettled { epoch }));
                });
            }
            Effect::SettleDraft { epoch, after } => {
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::Create(CreateMsg::DraftSettled { epoch }));
                });
            }
            Effect::OpenUrl(url) => {
                let launch = self.launch.clone();
                tokio::task::spawn_blocking(move || {
                    let result = system::open_in_browser(&url, &launch);
                    let _ = tx.send(Msg::Opened { url, result });
                });
            }
            Effect::Copy(text) => system::copy_osc52(&text),
            Effect::Announce { bell, notification } => {
                system::announce(bell, notification.as_deref())
            }
            Effect::WatchAfter { after, timer } => {
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::Sync(SyncMsg::WatchTick { timer }));
                });
            }
            Effect::LoadOpportunity {
                invitation_id,
                known,
            } => {
                let key = format!("opportunity:{invitation_id}");
                self.reads.submit(key, Priority::Selected, async move {
                    let result = linked_opportunity(service.as_ref(), &invitation_id, known)
                        .await
                        .map(|o| o.map(Box::new));
                    let _ = tx.send(Msg::Sync(SyncMsg::OpportunityLoaded {
                        invitation_id,
                        result,
                    }));
                });
            }
            Effect::ListSide { side, next_token } => {
                let key = format!(
                    "side:{}:{}",
                    side.as_wire(),
                    next_token.as_deref().unwrap_or("")
                );
                self.reads.submit(key, Priority::Backfill, async move {
                    let mut query = ListQuery::new(side);
                    query.page_size = Some(100);
                    let result = service.list_invitations(&query, next_token).await;
                    let _ = tx.send(Msg::Sync(SyncMsg::SideListed { side, result }));
                });
            }
            Effect::Look { query, next_token } => {
                let key = format!("look:{}", next_token.as_deref().unwrap_or(""));
                self.reads.submit(key, Priority::Prefetch, async move {
                    let result = service.list_invitations(&query, next_token).await;
                    let _ = tx.send(Msg::Sync(SyncMsg::Looked(result)));
                });
            }
            Effect::EditText { .. } => return Some(effect),
            engage @ (Effect::LoadOpportunities { .. }
            | Effect::ReadOpportunity { .. }
            | Effect::LoadMembers { .. }
            | Effect::LoadEngagement { .. }) => self.run_engage(engage),
        }
        None
    }
}
