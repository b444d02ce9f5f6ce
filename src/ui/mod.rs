//! Drawing. Everything here reads `&State` and writes to the frame; nothing changes state.
//! Every key a hint names comes from the state's keymap.

mod bars;
mod columns;
pub mod detail;
mod dialogs;
mod engage;
mod form;
pub mod format;
pub mod layout;
mod list;
mod overlays;
mod prompts;
mod theme;
mod views;

use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

pub use theme::Theme;

use crate::app::consent::Write;
use crate::app::{Geometry, Modal, State};

/// What drawing measured that the reducer needs back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// Rows the selected invitation's detail takes, wrapped to the pane.
    pub detail_lines: usize,
    /// The writes this frame asked the user about: the dialog on top's, and the write queue's
    /// while its line is in the status bar.
    pub asked: Vec<Write>,
}

/// The geometry the reducer works with for a terminal of `size` (columns, rows).
pub fn geometry(size: (u16, u16), detail_lines: usize) -> Geometry {
    let (_, detail_rows) = layout::detail_text_size(size);
    Geometry {
        size,
        list_rows: layout::list_rows(size),
        detail_rows,
        detail_lines,
        fits: !layout::too_small(size),
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) -> Drawn {
    let area = frame.area();
    if layout::too_small((area.width, area.height)) {
        let text = format!(
            "Terminal too small: {}×{}. pc-inbox needs at least {}×{}.",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.warning)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return Drawn {
            detail_lines: state.geometry.detail_lines,
            asked: Vec::new(),
        };
    }
    let areas = layout::areas(area);
    views::draw(frame, areas.views, state, theme);
    list::draw(frame, areas.list, state, theme);
    let detail_lines = detail::draw(frame, areas.detail, state, theme);
    bars::draw_actions(frame, areas.actions, state, theme);
    let queued = state
        .bulk
        .as_ref()
        .map(|q| q.unsettled_writes())
        .unwrap_or_default();
    let mut asked = if bars::draw_status(frame, areas.status, state, theme) {
        queued.clone()
    } else {
        Vec::new()
    };
    for modal in &state.modals {
        draw_modal(frame, area, modal, state, theme);
    }
    if let Some(top) = state.top() {
        asked.extend(top.asks(crate::app::engage::retryable(state), &queued));
    }
    Drawn {
        detail_lines,
        asked,
    }
}

/// Draws one dialog in the frame it asks for (its title and hints, [`dialogs::Chrome`]).
fn draw_modal(frame: &mut Frame, area: Rect, modal: &Modal, state: &State, theme: &Theme) {
    let keys = &state.keymap;
    let framed = (area, dialogs::Chrome::of(modal.dialog(), state, theme));
    match modal {
        Modal::Search(_) => {}
        Modal::Help(view) => overlays::help(frame, framed, view, keys, theme),
        Modal::Notices(log) => overlays::notices(frame, framed, log, state, theme),
        Modal::Journal(view) => overlays::journal(frame, framed, view, state, theme),
        Modal::Filters(menu) => overlays::filters(frame, framed, menu, theme),
        Modal::Confirm(c) => dialogs::confirm_accept(frame, framed, c, keys, theme),
        Modal::Bulk(c) => dialogs::bulk_confirm(frame, framed, c, keys, theme),
        Modal::Reject(d) => dialogs::reject(frame, framed, d, theme),
        Modal::Create(f) => form::draw(frame, framed, f, &state.engagements, keys, theme),
        Modal::Engage(d) => engage::draw(frame, framed, d, state, theme),
        Modal::Quit(_) => prompts::quit(frame, framed, state, theme),
        Modal::Unsent(p) => prompts::unsent(frame, framed, p, state, theme),
    }
}
