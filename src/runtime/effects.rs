//! Runs effects: service calls on tokio tasks (reads through the shared [`ReadQueue`]),
//! timers, local files, the browser and the clipboard. Results come back as messages.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::system::{self, Launch};
use super::{saver::Saver, ReadQueue};
use crate::app::{Effect, Msg, Priority};
use crate::service::PartnerCentral;
use crate::storage::DataDir;

/// Turns effects into work.
pub struct EffectRunner {
    service: Arc<dyn PartnerCentral>,
    tx: UnboundedSender<Msg>,
    reads: ReadQueue,
    saver: Saver,
    launch: Launch,
}

impl EffectRunner {
    /// A runner whose reads stay under `reads_per_second`, which keeps local state in `data`
    /// (nothing is saved without one) and starts browsers as `launch` says.
    pub fn new(
        service: Arc<dyn PartnerCentral>,
        tx: UnboundedSender<Msg>,
        reads_per_second: f64,
        data: Option<DataDir>,
        launch: Launch,
    ) -> Self {
        let saver = Saver::new(data, tx.clone());
        EffectRunner {
            service,
            tx,
            reads: ReadQueue::new(reads_per_second),
            saver,
            launch,
        }
    }

    /// Waits until local state is written; call before exiting.
    pub fn finish(self) {
        self.saver.finish();
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
            Effect::StartAccept {
                invitation_id,
                client_token,
            } => {
                tokio::spawn(async move {
                    let result = service.start_accept(&invitation_id, &client_token).await;
                    let _ = tx.send(Msg::AcceptStarted {
                        invitation_id,
                        result,
                    });
                });
            }
            Effect::PollTask {
                invitation_id,
                task_id,
                after,
            } => {
                let reads = self.reads.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let key = format!("poll:{task_id}");
                    reads.submit(key, Priority::Selected, async move {
                        let result = service.get_accept_task(&task_id).await;
                        let _ = tx.send(Msg::TaskPolled {
                            invitation_id,
                            task_id,
                            result,
                        });
                    });
                });
            }
            Effect::FindActiveTasks => {
                self.reads
                    .submit("active-tasks".into(), Priority::Prefetch, async move {
                        let result = service.list_active_accept_tasks().await;
                        let _ = tx.send(Msg::ActiveTasks(result));
                    });
            }
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
                        result,
                    });
                });
            }
            Effect::SaveAccepts(saved) => self.saver.accepts(saved),
            Effect::SaveDraft(draft) => self.saver.draft(draft),
            Effect::LoadEngagements { next_token } => {
                let key = format!("engagements:{}", next_token.as_deref().unwrap_or(""));
                self.reads.submit(key, Priority::Selected, async move {
                    let result = service.list_engagements(next_token).await;
                    let _ = tx.send(Msg::EngagementsLoaded(result));
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
                    let _ = tx.send(Msg::InvitationCreated {
                        client_token,
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
            Effect::OpenUrl(url) => {
                let launch = self.launch.clone();
                tokio::task::spawn_blocking(move || {
                    let result = system::open_in_browser(&url, &launch);
                    let _ = tx.send(Msg::Opened { url, result });
                });
            }
            Effect::Copy(text) => system::copy_osc52(&text),
            Effect::EditText { .. } => return Some(effect),
        }
        None
    }
}
