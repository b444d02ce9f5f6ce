//! Popups: the help overlay and the filter menu, always clamped to the frame.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, Wrap};
use ratatui::Frame;

use super::layout::centered;
use super::Theme;
use crate::app::{FilterMenu, State};

pub fn help(frame: &mut Frame, area: Rect, state: &State) {
    let theme = &state.theme;
    let rows: Vec<Row> = state
        .keymap
        .help()
        .into_iter()
        .map(|(keys, description)| {
            Row::new(vec![Span::styled(keys, theme.key), Span::raw(description)])
        })
        .collect();
    let popup = centered(area, 60, rows.len() as u16 + 4);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Span::styled(" ? or Esc closes ", theme.muted));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Table::new(rows, [Constraint::Length(14), Constraint::Fill(1)]).block(block),
        popup,
    );
}

pub fn filters(frame: &mut Frame, area: Rect, menu: &FilterMenu, theme: &Theme) {
    let mut lines = vec![Line::styled("Status (none checked = all)", theme.heading)];
    for i in 0..FilterMenu::ROWS {
        if i == 4 {
            lines.push(Line::styled("Payload type", theme.heading));
        }
        let (label, on) = menu.row(i);
        let mark = match (i < 4, on) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(•)",
            (false, false) => "( )",
        };
        let style = if i == menu.cursor {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::styled(format!("{mark} {label}"), style));
    }
    let popup = centered(area, 40, lines.len() as u16 + 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(" Filters ", theme.title))
        .title_bottom(Span::styled(
            " Space toggle · Enter apply · Esc ",
            theme.muted,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// An error, wrapped in a box at the bottom of `area`, until a key dismisses it.
pub fn error(frame: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    let width = area.width.saturating_sub(4).clamp(1, 76);
    let paragraph = Paragraph::new(text.to_string())
        .style(theme.text)
        .wrap(Wrap { trim: true });
    let height = (paragraph.line_count(width.saturating_sub(2)) as u16 + 2).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.bottom().saturating_sub(height),
        width,
        height,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.danger)
        .title(Span::styled(" Error ", theme.danger))
        .title_bottom(Span::styled(" any key dismisses ", theme.muted));
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph.block(block), popup);
}
