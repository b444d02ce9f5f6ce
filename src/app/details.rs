use std::collections::HashMap;

use crate::domain::InvitationDetail;

/// What we know of one invitation's detail.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailEntry {
    /// Requested; `urgent` once the user selected it.
    Loading {
        urgent: bool,
    },
    Ready(Box<InvitationDetail>),
    Failed(String),
}

/// Invitation details by id. A new generation forgets everything (after a refresh).
#[derive(Debug, Clone, Default)]
pub struct DetailCache {
    entries: HashMap<String, DetailEntry>,
    generation: u64,
}

impl DetailCache {
    /// The generation replies must carry to be stored.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Forgets every entry; replies to earlier requests will be dropped.
    pub fn invalidate(&mut self) {
        self.entries.clear();
        self.generation += 1;
    }

    pub fn get(&self, id: &str) -> Option<&DetailEntry> {
        self.entries.get(id)
    }

    /// The detail, when it has arrived.
    pub fn ready(&self, id: &str) -> Option<&InvitationDetail> {
        match self.entries.get(id) {
            Some(DetailEntry::Ready(d)) => Some(d),
            _ => None,
        }
    }

    /// Changes a loaded detail in place (e.g. its status after an action).
    pub fn update(&mut self, id: &str, change: impl FnOnce(&mut InvitationDetail)) {
        if let Some(DetailEntry::Ready(d)) = self.entries.get_mut(id) {
            change(d);
        }
    }

    pub fn set(&mut self, id: &str, entry: DetailEntry) {
        self.entries.insert(id.to_string(), entry);
    }
}
