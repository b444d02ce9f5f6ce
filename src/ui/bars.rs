//! The action bar (keys that apply now) and the status line (prompt, notices, spinner, pager).

use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::{AcceptPhase, Level, State};
use crate::keymap::Scope;
use crate::ui::format;

const SPINNER: [&str; 4] = ["⠋", "⠙", "⠹", "⠸"];

/// Draws the keys that apply now. When they do not fit, the general ones go first, from the
/// end, so the actions on the selection, help and quit stay.
pub fn draw_actions(frame: &mut Frame, area: Rect, state: &State) {
    let theme = &state.theme;
    let has_selection = state.selected().is_some();
    let actionable = state.actionable().is_some();
    let mut items = state.keymap.bar(|scope| match scope {
        Scope::Global => true,
        Scope::Selection => has_selection,
        Scope::Actionable => actionable,
    });
    let width = |items: &[(String, &str, Scope)]| {
        items
            .iter()
            .map(|(k, l, _)| k.chars().count() + l.chars().count() + 3)
            .sum::<usize>()
    };
    let keep = |label: &str| matches!(label, "help" | "quit");
    for drop_scope in [Scope::Global, Scope::Selection, Scope::Actionable] {
        while width(&items) > area.width as usize {
            let Some(i) = items
                .iter()
                .rposition(|(_, l, s)| *s == drop_scope && !keep(l))
            else {
                break;
            };
            items.remove(i);
        }
    }
    let mut spans = Vec::new();
    for (key, label, _) in items {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `12/240 · 3 pages · more`.
pub fn pager(state: &State) -> String {
    let (cursor, visible) = state.list.position();
    let shown = if visible == 0 { 0 } else { cursor + 1 };
    let of = if state.list.search().is_empty() {
        format!("{shown}/{visible}")
    } else {
        format!("{shown}/{visible} of {}", state.list.loaded())
    };
    let pages = state.list.pages();
    let plural = if pages == 1 { "" } else { "s" };
    let more = match (pages, state.list.next_token()) {
        (0, _) => "nothing loaded yet",
        (_, Some(_)) => "more",
        (_, None) => "all loaded",
    };
    format!("{of} · {pages} page{plural} · {more}")
}

pub fn draw_status(frame: &mut Frame, area: Rect, state: &State) {
    let theme = &state.theme;
    if let Some(input) = &state.search_input {
        let prompt = format!("/{}", input.value());
        frame.render_widget(Paragraph::new(Span::styled(prompt, theme.warning)), area);
        let x = area.x + 1 + input.visual_cursor() as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    let right = pager(state);
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(right.chars().count() as u16 + 1),
    ])
    .areas(area);
    let left = match &state.notice {
        Some(n) => {
            let style = match n.level {
                Level::Info => theme.info,
                Level::Success => theme.success,
                Level::Error => theme.danger,
            };
            if n.level == Level::Error {
                Span::styled("Error (shown above); any key dismisses it", style)
            } else {
                Span::styled(n.text.clone(), style)
            }
        }
        None if state.accepts.active().next().is_some() => {
            Span::styled(accepting(state), theme.warning)
        }
        None if state.busy() => Span::styled(
            format!(
                "{} loading…  {}",
                SPINNER[state.spinner % SPINNER.len()],
                state.filters.describe()
            ),
            theme.muted,
        ),
        None => Span::styled(state.filters.describe(), theme.muted),
    };
    frame.render_widget(Paragraph::new(left), left_area);
    frame.render_widget(
        Paragraph::new(Span::styled(right, theme.muted)).alignment(Alignment::Right),
        right_area,
    );
}

/// `⠋ accepting “Title” · IN_PROGRESS · 0:12 (+1 more)`.
fn accepting(state: &State) -> String {
    let active: Vec<_> = state.accepts.active().collect();
    let Some((id, first)) = active.first() else {
        return String::new();
    };
    let status = match &first.phase {
        AcceptPhase::Starting => "starting".to_string(),
        AcceptPhase::Running {
            last_error: Some(_),
            ..
        } => "IN_PROGRESS (retrying a poll)".to_string(),
        _ => "IN_PROGRESS".to_string(),
    };
    let more = if active.len() > 1 {
        format!(" (+{} more)", active.len() - 1)
    } else {
        String::new()
    };
    format!(
        "{} accepting “{}” · {status} · {}{more}",
        SPINNER[state.spinner % SPINNER.len()],
        first.title.as_deref().unwrap_or(id),
        format::elapsed(first.started, state.clock.now)
    )
}
