//! Screen geometry, shared by drawing and by the reducer (page sizes, scroll limits).

use ratatui::layout::{Constraint, Layout, Rect};

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width on, list and detail sit side by side.
pub const WIDE: u16 = 120;

/// Where each part of the main screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The views line, at the top.
    pub views: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub actions: Rect,
    pub status: Rect,
}

/// A `width`×`height` box in the middle of `area`, never larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    area.centered(Constraint::Length(width), Constraint::Length(height))
}

/// Clears `area` for a popup. A wide character (CJK, emoji) just left of it would spill into
/// its border, so that cell is blanked too.
pub fn clear(frame: &mut ratatui::Frame, area: Rect) {
    frame.render_widget(ratatui::widgets::Clear, area);
    if area.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(area.x - 1, y)];
        if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// True below the minimum size.
pub fn too_small((width, height): (u16, u16)) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// Splits the screen: the views line; panes side by side when wide, stacked otherwise; then
/// the action bar and the status line.
pub fn areas(area: Rect) -> Areas {
    let [views, main, actions, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let [list, detail] = if area.width >= WIDE {
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(main)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(main)
    };
    Areas {
        views,
        list,
        detail,
        actions,
        status,
    }
}

/// Invitation rows that fit in the list pane (inside the border, below the header).
pub fn list_rows((width, height): (u16, u16)) -> usize {
    (areas(Rect::new(0, 0, width, height)).list.height as usize)
        .saturating_sub(3)
        .max(1)
}

/// Text width and height inside the detail pane's border.
pub fn detail_text_size((width, height): (u16, u16)) -> (usize, usize) {
    let d = areas(Rect::new(0, 0, width, height)).detail;
    (
        (d.width as usize).saturating_sub(2).max(1),
        (d.height as usize).saturating_sub(2).max(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_when_wide_and_stacked_when_narrow() {
        let wide = areas(Rect::new(0, 0, 160, 48));
        assert_eq!(wide.list.y, wide.detail.y);
        let narrow = areas(Rect::new(0, 0, 80, 24));
        assert_eq!(narrow.list.x, narrow.detail.x);
        assert!(narrow.detail.y > narrow.list.y);
        assert_eq!(list_rows((80, 24)), 8);
    }
}
