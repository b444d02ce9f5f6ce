//! The engage effects: listing and reading opportunities, starting the engage task with the
//! client token the local store claims, polling it, and keeping its record; and looking into
//! engagements (members, context).

use super::effects::EffectRunner;
use super::store_worker::Job;
use crate::app::{Effect, Msg, Priority};
use crate::domain::{EngagementMember, Involvement};
use crate::domain::{SavedTask, TaskFilter, TaskKind, TaskStart, TaskStatus};
use crate::service::{PartnerCentral, ServiceResult};

/// Every member of an engagement, across pages.
async fn all_members(
    service: &dyn PartnerCentral,
    engagement_id: &str,
) -> ServiceResult<Vec<EngagementMember>> {
    let mut members = Vec::new();
    let mut token = None;
    loop {
        let page = service
            .list_engagement_members(engagement_id, token)
            .await?;
        members.extend(page.items);
        token = page.next_token;
        if token.is_none() {
            return Ok(members);
        }
    }
}

impl EffectRunner {
    /// Runs one of the engage effects; [`EffectRunner::run`] hands them here.
    pub(super) fn run_engage(&self, effect: Effect) {
        let service = self.service.clone();
        let tx = self.tx.clone();
        match effect {
            Effect::LoadOpportunities { next_token } => {
                let key = format!("opportunities:{}", next_token.as_deref().unwrap_or(""));
                self.reads.submit(key, Priority::Selected, async move {
                    let result = service.list_opportunities(next_token).await;
                    let _ = tx.send(Msg::OpportunitiesLoaded(result));
                });
            }
            Effect::ReadOpportunity { id } => {
                let key = format!("read-opportunity:{id}");
                self.reads.submit(key, Priority::Selected, async move {
                    let result = service.get_opportunity(&id).await;
                    let _ = tx.send(Msg::OpportunityRead { id, result });
                });
            }
            Effect::StartEngage {
                opportunity_id,
                client_token,
                started,
            } => {
                let claims = self.store.claims();
                tokio::spawn(async move {
                    let of = TaskFilter::Of(opportunity_id.clone());
                    let existing = service.list_tasks(TaskKind::Engage, &of).await;
                    let found = existing.ok().and_then(|tasks| {
                        tasks.into_iter().find(|t| {
                            matches!(t.status, TaskStatus::Complete | TaskStatus::InProgress)
                        })
                    });
                    if let Some(task) = found {
                        let _ = tx.send(Msg::EngageStarted {
                            opportunity_id,
                            client_token,
                            result: Ok(task),
                            found: true,
                        });
                        return;
                    }
                    let record = SavedTask {
                        client_token,
                        task_id: None,
                        title: None,
                        started,
                    };
                    let asked = record.client_token.clone();
                    let (client_token, result) = match claims
                        .claim(TaskKind::Engage, opportunity_id.clone(), record)
                        .await
                    {
                        Ok(token) => {
                            let start = TaskStart::Engage {
                                opportunity_id: opportunity_id.clone(),
                                involvement: Involvement::CoSell,
                            };
                            let result = service.start_task(&start, &token).await;
                            (token, result)
                        }
                        Err(why) => (asked, Err(crate::service::ServiceError::NotSent { why })),
                    };
                    let _ = tx.send(Msg::EngageStarted {
                        opportunity_id,
                        client_token,
                        result,
                        found: false,
                    });
                });
            }
            Effect::PollEngage { task_id, after } => {
                let reads = self.reads.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let key = format!("poll-engage:{task_id}");
                    reads.submit(key, Priority::Selected, async move {
                        let result = service.get_task(TaskKind::Engage, &task_id).await;
                        let _ = tx.send(Msg::EngagePolled { task_id, result });
                    });
                });
            }
            Effect::SaveEngageTask {
                opportunity_id,
                client_token,
                task_id,
            } => {
                let record = SavedTask {
                    client_token,
                    task_id: Some(task_id),
                    title: None,
                    started: chrono::Utc::now(),
                };
                self.store
                    .send(Job::SaveTask((TaskKind::Engage, opportunity_id), record));
            }
            Effect::ForgetEngage {
                opportunity_id,
                client_token,
            } => {
                self.store.send(Job::ForgetTask {
                    work: (TaskKind::Engage, opportunity_id),
                    client_token,
                });
            }
            Effect::LoadMembers { engagement_id } => {
                let key = format!("members:{engagement_id}");
                self.reads.submit(key, Priority::Selected, async move {
                    let result = all_members(service.as_ref(), &engagement_id).await;
                    let _ = tx.send(Msg::MembersLoaded {
                        engagement_id,
                        result,
                    });
                });
            }
            Effect::LoadEngagement { id } => {
                let key = format!("engagement:{id}");
                self.reads.submit(key, Priority::Selected, async move {
                    let result = service.get_engagement(&id).await;
                    let _ = tx.send(Msg::EngagementRead { id, result });
                });
            }
            _ => unreachable!("EffectRunner::run handles every other effect"),
        }
    }
}
