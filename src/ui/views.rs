//! The views line at the top: each view with its key and its count, the one on screen
//! highlighted (with `*` when the user changed it). When they do not all fit, the line shows a
//! stretch around the one on screen, with `‹` and `›` where views are cut off.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::State;
use crate::keymap::{Action, Mode};

/// Spaces between two views.
const GAP: usize = 2;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let views = &state.views;
    let items: Vec<Vec<Span>> = views
        .all
        .iter()
        .enumerate()
        .map(|(i, view)| {
            let on = i == views.chosen;
            let mut spans = Vec::with_capacity(3);
            if let Ok(n) = u8::try_from(i + 1) {
                let key = state.keymap.hint(Mode::List, Action::View(n));
                if !key.is_empty() && n <= 9 {
                    spans.push(Span::styled(format!("{key} "), theme.key));
                }
            }
            let name = if on && views.modified() {
                format!("{}*", view.name)
            } else {
                view.name.clone()
            };
            spans.push(Span::styled(
                name,
                if on { theme.selected } else { theme.text },
            ));
            if let Some(count) = views.counts.get(i).copied().flatten() {
                spans.push(Span::styled(format!(" {count}"), theme.muted));
            }
            spans
        })
        .collect();
    let widths: Vec<usize> = items
        .iter()
        .map(|spans| spans.iter().map(|s| s.content.width()).sum())
        .collect();
    let (start, end) = window(&widths, views.chosen, area.width as usize);
    let mut line = Vec::new();
    line.push(Span::styled(
        if start > 0 { "‹ " } else { " " },
        theme.muted,
    ));
    for (k, spans) in items.into_iter().enumerate().take(end).skip(start) {
        if k > start {
            line.push(Span::raw(" ".repeat(GAP)));
        }
        line.extend(spans);
    }
    if end < widths.len() {
        line.push(Span::styled(" ›", theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(line)), area);
}

/// The views `start..end` to show in `width` columns: as many as fit, always including
/// `chosen`, from the first when possible. Two columns on each side stay for the markers.
fn window(widths: &[usize], chosen: usize, width: usize) -> (usize, usize) {
    let room = width.saturating_sub(4);
    let span = |start: usize, end: usize| -> usize {
        widths[start..end].iter().sum::<usize>() + GAP * (end - start).saturating_sub(1)
    };
    let chosen = chosen.min(widths.len().saturating_sub(1));
    let mut start = 0;
    while start < chosen && span(start, chosen + 1) > room {
        start += 1;
    }
    let mut end = (chosen + 1).min(widths.len());
    while end < widths.len() && span(start, end + 1) <= room {
        end += 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_keeps_the_chosen_view_and_fills_the_room() {
        let widths = [10, 10, 10, 10, 10];
        assert_eq!(window(&widths, 0, 200), (0, 5), "everything fits");
        assert_eq!(window(&widths, 0, 40), (0, 3));
        assert_eq!(window(&widths, 4, 40), (2, 5), "the chosen one is shown");
        assert_eq!(window(&widths, 2, 28), (1, 3));
        assert_eq!(window(&widths, 3, 5), (3, 4), "at least the chosen one");
        assert_eq!(window(&[], 0, 40), (0, 0));
    }
}
