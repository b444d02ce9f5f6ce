//! Drawing. Everything here reads `&State` and writes to the frame; nothing changes state.

mod bars;
pub mod countries;
pub mod detail;
mod dialogs;
mod form;
pub mod format;
pub mod layout;
mod list;
mod overlays;
mod theme;

use ratatui::layout::Alignment;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

pub use theme::Theme;

use crate::app::{Level, Overlay, State};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State) {
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
                .style(state.theme.warning)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let areas = layout::areas(area);
    list::draw(frame, areas.list, state);
    detail::draw(frame, areas.detail, state);
    bars::draw_actions(frame, areas.actions, state);
    bars::draw_status(frame, areas.status, state);
    match &state.overlay {
        Some(Overlay::Help) => overlays::help(frame, area, state),
        Some(Overlay::Filters(menu)) => overlays::filters(frame, area, menu, &state.theme),
        Some(Overlay::ConfirmAccept(c)) => dialogs::confirm_accept(frame, area, c, &state.theme),
        Some(Overlay::Reject(d)) => dialogs::reject(frame, area, d, &state.theme),
        Some(Overlay::Create(f)) => form::draw(frame, area, f, &state.theme),
        None => {}
    }
    if let Some(notice) = state.notice.as_ref().filter(|n| n.level == Level::Error) {
        overlays::error(
            frame,
            areas.list.union(areas.detail),
            &notice.text,
            &state.theme,
        );
    }
}
