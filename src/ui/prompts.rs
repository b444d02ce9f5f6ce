//! The questions about writes not sent: the start's "from the last run" and the quit's.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::dialogs::{show, Chrome};
use super::layout::centered;
use super::Theme;
use crate::app::bulk::{BulkQueue, ItemState};
use crate::app::modes::UnsentPrompt;
use crate::app::State;
use crate::keymap::{Action, Mode};

/// Rows of invitations a prompt lists at most.
const ROWS: usize = 10;

/// The invitations not sent, one a line, the first [`ROWS`] of them.
fn unsent_lines(queue: &BulkQueue, theme: &Theme) -> Vec<Line<'static>> {
    let waiting: Vec<_> = queue
        .items()
        .iter()
        .filter(|i| i.state == ItemState::Waiting)
        .collect();
    let mut lines: Vec<Line<'static>> = waiting
        .iter()
        .take(ROWS)
        .map(|i| {
            Line::from(vec![
                Span::styled("  • ", theme.muted),
                Span::raw(i.title.clone()),
                Span::styled(format!("  {}", i.id), theme.muted),
            ])
        })
        .collect();
    if waiting.len() > ROWS {
        lines.push(Line::styled(
            format!("  … and {} more", waiting.len() - ROWS),
            theme.muted,
        ));
    }
    lines
}

/// "3 rejects from the last run were not sent: y send · n drop".
pub(super) fn unsent(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    prompt: &UnsentPrompt,
    state: &State,
    theme: &Theme,
) {
    let Some(queue) = &state.bulk else { return };
    let keys = &state.keymap;
    let mut lines = vec![Line::styled(
        format!(
            "{} from the last run were not sent:",
            queue.describe(queue.unsent())
        ),
        theme.warning,
    )];
    if let crate::app::BulkKind::Reject { reason } = queue.kind() {
        lines.push(Line::styled(format!("Reason: {reason}"), theme.muted));
    }
    lines.extend(unsent_lines(queue, theme));
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(
        "{} send them now · {} drop them (nothing is sent)",
        keys.hint(Mode::Confirm, Action::Accept),
        keys.hint(Mode::Confirm, Action::Cancel)
    )));
    if let Some(note) = &prompt.note {
        lines.push(Line::styled(note.clone(), theme.warning));
    }
    let area = centered(area, 76, lines.len() as u16 + 2);
    show(frame, area, lines, chrome, theme.danger, theme);
}

/// "3 rejects not sent yet: q quit and drop them · Esc stay".
pub(super) fn quit(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    state: &State,
    theme: &Theme,
) {
    let Some(queue) = &state.bulk else { return };
    let keys = &state.keymap;
    let quit = keys.hint(Mode::List, Action::Quit);
    let stay = keys.hint(Mode::Confirm, Action::Cancel);
    let mut lines = vec![Line::styled(
        format!("{} not sent yet:", queue.describe(queue.unsent())),
        theme.warning,
    )];
    lines.extend(unsent_lines(queue, theme));
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(
        "{quit} quit and drop them · {stay} stay"
    )));
    let area = centered(area, 76, lines.len() as u16 + 2);
    show(frame, area, lines, chrome, theme.warning, theme);
}
