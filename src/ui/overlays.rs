//! Popups: the help overlay, the filter menu, the notices log and the journal, always clamped
//! to the frame.

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};
use ratatui::Frame;

use super::bars::fit_hints;
use super::dialogs::Chrome;
use super::layout::{centered, clear};
use super::{format, Theme};
use crate::app::modes::{FilterMenu, HelpView, JournalView, NoticesLog};
use crate::app::{Level, State};
use crate::domain::journal::Outcome;
use crate::keymap::Keymap;

fn popup_block<'a>(chrome: Chrome, width: u16, theme: &Theme) -> Block<'a> {
    let hints = fit_hints(&chrome.hints, width.saturating_sub(4) as usize);
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(chrome.title)
        .title_bottom(Span::styled(hints, theme.muted))
}

/// The keys of the mode help was opened from, then the global ones.
pub(super) fn help(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    view: &HelpView,
    keys: &Keymap,
    theme: &Theme,
) {
    let rows: Vec<Row> = keys
        .help(view.mode)
        .into_iter()
        .skip(view.scroll as usize)
        .map(|(keys, description)| {
            Row::new(vec![Span::styled(keys, theme.key), Span::raw(description)])
        })
        .collect();
    let popup = centered(area, 64, rows.len() as u16 + 4);
    let block = popup_block(chrome, popup.width, theme);
    clear(frame, popup);
    frame.render_widget(
        Table::new(rows, [Constraint::Length(16), Constraint::Fill(1)]).block(block),
        popup,
    );
}

pub(super) fn filters(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    menu: &FilterMenu,
    theme: &Theme,
) {
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
    let popup = centered(area, 44, lines.len() as u16 + 2);
    let block = popup_block(chrome, popup.width, theme);
    clear(frame, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The notices log, newest first.
pub(super) fn notices(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    log: &NoticesLog,
    state: &State,
    theme: &Theme,
) {
    let popup = centered(area, 100, area.height.saturating_sub(2));
    let block = popup_block(chrome, popup.width, theme);
    let mut lines = Vec::new();
    if state.notices.is_empty() {
        lines.push(Line::styled("Nothing has happened yet.", theme.muted));
    }
    let offset = state.clock.offset;
    for n in state.notices.newest_first().skip(log.scroll) {
        let (mark, style) = match n.level {
            Level::Error => ("✗", theme.danger),
            Level::Success => ("✓", theme.success),
            Level::Info => ("·", theme.info),
        };
        let mut line = stamped(n.at, offset, (mark, style), theme);
        line.push(Span::raw(n.text.clone()));
        if let Some(at) = n.resolved {
            line.push(Span::styled(
                format!(" · resolved {}", format::local(at, offset)),
                theme.success,
            ));
        }
        lines.push(Line::from(line));
    }
    draw_log(frame, popup, block, lines);
}

/// The journal, newest first: time, what, which invitation, how it ended, and the token and
/// task that make it traceable.
pub(super) fn journal(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    view: &JournalView,
    state: &State,
    theme: &Theme,
) {
    let popup = centered(area, 120, area.height.saturating_sub(2));
    let block = popup_block(chrome, popup.width, theme);
    let mut lines = Vec::new();
    match &view.entries {
        None => lines.push(Line::styled("Reading the journal…", theme.muted)),
        Some(entries) if entries.is_empty() => lines.push(Line::styled(
            "Nothing has been accepted, rejected or created yet.",
            theme.muted,
        )),
        Some(_) => {}
    }
    let offset = state.clock.offset;
    for e in view.entries.iter().flatten().skip(view.scroll) {
        let (mark, style) = match e.outcome {
            Outcome::Succeeded => ("✓", theme.success),
            Outcome::Failed => ("✗", theme.danger),
        };
        let mut text = format!(
            "{:?} {}",
            e.action,
            e.invitation_id
                .as_deref()
                .or(e.opportunity_id.as_deref())
                .unwrap_or("")
        );
        for (name, value) in [
            ("", &e.detail),
            ("task ", &e.task_id),
            ("token ", &e.client_token),
        ] {
            if let Some(v) = value {
                text.push_str(&format!(" · {name}{v}"));
            }
        }
        let mut line = stamped(e.time, offset, (mark, style), theme);
        line.push(Span::raw(text));
        line.push(Span::styled(
            format!(" ({} · {})", e.identity, e.catalog),
            theme.muted,
        ));
        lines.push(Line::from(line));
    }
    draw_log(frame, popup, block, lines);
}

/// The start of a log line: its time and a mark.
fn stamped(
    at: DateTime<Utc>,
    offset: FixedOffset,
    (mark, style): (&'static str, Style),
    theme: &Theme,
) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{} ", format::local(at, offset)), theme.muted),
        Span::styled(format!("{mark} "), style),
    ]
}

/// A scrolled log in its popup, lines wrapped.
fn draw_log(frame: &mut Frame, popup: Rect, block: Block<'_>, lines: Vec<Line<'_>>) {
    clear(frame, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        popup,
    );
}
