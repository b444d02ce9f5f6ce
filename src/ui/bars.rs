//! The action bar (the keys that apply now, from the keymap) and the status line (prompt,
//! notices, spinner, pager).

use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Theme;
use crate::app::modes::dialog::Dialog;
use crate::app::modes::dialog::Hints;
use crate::app::tasks::Phase;
use crate::app::{Level, Modal, State};
use crate::domain::TaskKind;
use crate::keymap::{Action, Mode, Scope};
use crate::ui::format;

const SPINNER: [&str; 4] = ["⠋", "⠙", "⠹", "⠸"];

/// The (actions, words) hints of the mode that has the keyboard, when it is a dialog.
pub fn hints(state: &State) -> Option<Hints> {
    state.top().map(|top| top.dialog().hints(state))
}

/// Draws the keys that apply now: a dialog's own keys, or the list's. When the list's do not
/// fit, the general ones go first, from the end, so the actions on the selection, help and
/// quit stay.
pub fn draw_actions(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if let Some(hints) = hints(state) {
        let line = state.keymap.hint_line(state.mode(), hints);
        let line = fit_hints(line.trim(), area.width as usize);
        frame.render_widget(Paragraph::new(Span::styled(line, theme.muted)), area);
        return;
    }
    let has_selection = state.selected().is_some();
    let actionable = state.actionable().is_some() || state.list.mark_count() > 0;
    let mut items = state.keymap.bar(|scope| match scope {
        Scope::Always => true,
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
    for drop_scope in [Scope::Always, Scope::Selection, Scope::Actionable] {
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

/// A hint line (`a · b · c`) cut to `width` columns by leaving out hints before the last one
/// (which closes), so no hint is ever shown cut in half.
pub fn fit_hints(line: &str, width: usize) -> String {
    let (lead, trail) = (line.starts_with(' '), line.ends_with(' '));
    let mut items: Vec<&str> = line.trim().split(" · ").collect();
    let render = |items: &[&str]| {
        let pad = |on: bool| if on { " " } else { "" };
        format!("{}{}{}", pad(lead), items.join(" · "), pad(trail))
    };
    while items.len() > 2 && render(&items).chars().count() > width {
        items.remove(items.len() - 2);
    }
    render(&items)
}

/// `offline · as of 14:02 · 12/240 · 3 pages · more`: where the rows come from, then the
/// pager.
pub fn pager(state: &State) -> String {
    let memory = &state.memory;
    let as_of = memory
        .as_of
        .map(|t| {
            format!(
                "as of {} · ",
                format::as_of(t, state.clock.now, state.clock.offset)
            )
        })
        .unwrap_or_default();
    let source = match (memory.offline, memory.as_of) {
        (true, _) => format!("offline · {as_of}"),
        (false, Some(_)) => format!("cached · {as_of}"),
        (false, None) => String::new(),
    };
    format!("{source}{}", position(state))
}

/// `12/240 · 3 pages · more`.
fn position(state: &State) -> String {
    let (cursor, visible) = state.list.position();
    let shown = if visible == 0 { 0 } else { cursor + 1 };
    let of = if state.list.search().is_empty() {
        format!("{shown}/{visible}")
    } else {
        format!("{shown}/{visible} of {}", state.pipeline.rows)
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

/// The status line: the search prompt while it is open; else the newest unread error or fresh
/// notice, accepts in progress, loading, or the filters; and the pager on the right.
/// Draws the status line; true when it shows the write queue's line (its countdown while it
/// holds, its progress while it sends), which takes the line over while the queue runs.
pub fn draw_status(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> bool {
    if let Some(Modal::Search(prompt)) = state.top() {
        let title = prompt.title(state);
        let prompt_text = format!("{}{}", title.text, prompt.input.value());
        frame.render_widget(
            Paragraph::new(Span::styled(
                prompt_text,
                super::dialogs::tone(title.tone, theme),
            )),
            area,
        );
        let x = area.x + title.text.chars().count() as u16 + prompt.input.visual_cursor() as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        return false;
    }
    let right = pager(state);
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(right.chars().count() as u16 + 1),
    ])
    .areas(area);
    let queue_line = queue_line(state);
    let queue_drawn = queue_line.is_some();
    let left = match state.notices.current(state.clock.now) {
        _ if queue_drawn => queue_line.unwrap_or_default().style(theme.warning),
        Some(n) if n.level == Level::Error => {
            let unread = state.notices.unread();
            let more = if unread > 1 {
                format!(" (+{} more)", unread - 1)
            } else {
                String::new()
            };
            let log = state.keymap.hint(Mode::List, Action::Notices);
            Line::from(vec![
                Span::styled(format!("✗ {}{more}", first_line(&n.text)), theme.danger),
                Span::styled(format!("  {log} notices"), theme.muted),
            ])
        }
        Some(n) => {
            let style = match n.level {
                Level::Success => theme.success,
                _ => theme.info,
            };
            Line::styled(first_line(&n.text).to_string(), style)
        }
        None if state.tasks().active(TaskKind::Accept).next().is_some() => {
            Line::styled(accepting(state), theme.warning)
        }
        None if state.busy() => Line::styled(
            format!(
                "{} loading…  {}",
                SPINNER[state.spinner % SPINNER.len()],
                state.views.active.describe()
            ),
            theme.muted,
        ),
        None => Line::styled(state.views.active.describe(), theme.muted),
    };
    frame.render_widget(Paragraph::new(left), left_area);
    frame.render_widget(
        Paragraph::new(Span::styled(right, theme.muted)).alignment(Alignment::Right),
        right_area,
    );
    queue_drawn
}

/// `⠋ Rejecting 3/12…  Esc stops`.
/// The write queue's line while it has writes to send: the countdown of its hold
/// (`Rejecting “T” in 4 s · z undo`), else its progress.
fn queue_line(state: &State) -> Option<Line<'static>> {
    let queue = state.bulk.as_ref().filter(|q| !q.finished())?;
    let keys = &state.keymap;
    if let Some(left) = queue.held_for(state.clock.now) {
        let what = match queue.items() {
            [one] => format!("“{}”", one.title),
            items => format!("{} invitations", items.len()),
        };
        return Some(Line::from(format!(
            "{} {what} in {left} s  ·  {} undo",
            queue.verb(),
            keys.hint(Mode::List, Action::Undo)
        )));
    }
    if queue.awaiting_yes() {
        return Some(Line::from(format!(
            "{} from the last run wait for your yes",
            queue.describe(queue.unsent())
        )));
    }
    let (started, total) = queue.progress();
    Some(Line::from(format!(
        "{} {} {started}/{total}…  {} stops",
        SPINNER[state.spinner % SPINNER.len()],
        queue.verb(),
        keys.hint(Mode::List, Action::Back)
    )))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// `⠋ accepting “Title” · IN_PROGRESS · 0:12 (+1 more)`.
fn accepting(state: &State) -> String {
    let active: Vec<_> = state.tasks().active(TaskKind::Accept).collect();
    let Some((id, first)) = active.first() else {
        return String::new();
    };
    let status = match &first.phase {
        Phase::Starting => "starting".to_string(),
        Phase::Running {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_that_do_not_fit_are_left_out_whole_and_the_last_stays() {
        let line = " Tab next · S-Tab back · Enter pick · Esc close (draft kept) ";
        assert_eq!(fit_hints(line, 80), line);
        assert_eq!(fit_hints(line, 40), " Tab next · Esc close (draft kept) ");
        assert_eq!(fit_hints("a · b", 1), "a · b", "never fewer than two");
    }
}
