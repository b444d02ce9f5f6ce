use std::time::Duration;

use crate::domain::ListQuery;

/// How urgent a read is; the user's own selection jumps the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    Selected,
    Prefetch,
}

/// Work `update` asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Fetch one page of invitations; the reply is a `Msg::PageLoaded` for `generation`.
    LoadPage {
        generation: u64,
        query: ListQuery,
        next_token: Option<String>,
    },
    /// Fetch one invitation's detail; the reply is a `Msg::DetailLoaded`.
    LoadDetail {
        id: String,
        generation: u64,
        priority: Priority,
    },
    /// Send `Msg::SelectionSettled { epoch }` after `after`.
    SettleSelection { epoch: u64, after: Duration },
    /// Open a URL in the browser.
    OpenUrl(String),
    /// Put text on the clipboard.
    Copy(String),
}
