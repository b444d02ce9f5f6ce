//! Every dialog's frame ([`Chrome`], from what the dialog says of itself), and the bodies of
//! the accept confirmation, the bulk confirmation and the reject dialog.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::bars::fit_hints;
use super::layout::{centered, clear};
use super::Theme;
use crate::app::modes::dialog::{Dialog, Tone};
use crate::app::modes::reject::REASONS;
use crate::app::modes::{BulkConfirm, ConfirmAccept, RejectDialog, RejectFocus};
use crate::app::State;
use crate::domain::reject::MAX_REASON;
use crate::keymap::{Action, Keymap, Mode};

/// A dialog's frame, from what the dialog says of itself: its title, in its tone, and the
/// hints of the keys it takes now.
pub(super) struct Chrome {
    pub title: Span<'static>,
    pub hints: String,
}

impl Chrome {
    /// The frame of `dialog`.
    pub fn of(dialog: &dyn Dialog, state: &State, theme: &Theme) -> Self {
        let title = dialog.title(state);
        let (mode, hints) = (dialog.keys().mode, dialog.hints(state));
        let hints = match hints.is_empty() {
            true => String::new(),
            false => state.keymap.hint_line(mode, hints),
        };
        Chrome {
            title: Span::styled(format!(" {} ", title.text), tone(title.tone, theme)),
            hints,
        }
    }
}

/// The style of a tone.
pub(super) fn tone(tone: Tone, theme: &Theme) -> ratatui::style::Style {
    match tone {
        Tone::Plain => theme.title,
        Tone::Warning => theme.warning,
        Tone::Danger => theme.danger,
    }
}

fn button(label: &str, focused: bool, theme: &Theme) -> Span<'static> {
    if focused {
        Span::styled(format!("[ {label} ]"), theme.selected)
    } else {
        Span::styled(format!("  {label}  "), theme.text)
    }
}

/// A part's label: lit while that part has the focus.
fn label(focused: bool, theme: &Theme) -> ratatui::style::Style {
    if focused {
        theme.key
    } else {
        theme.heading
    }
}

/// The invitation a dialog is about: its title and customer.
fn subject(title: &str, customer: Option<&str>, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(title.to_string(), theme.title),
        Line::from(vec![
            Span::styled("Customer  ", theme.muted),
            Span::raw(customer.unwrap_or("(detail not loaded)").to_string()),
        ]),
    ]
}

pub(super) fn confirm_accept(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    c: &ConfirmAccept,
    keys: &Keymap,
    theme: &Theme,
) {
    let mut lines = subject(&c.title, c.customer.as_deref(), theme);
    lines.extend([
        Line::styled(c.invitation_id.clone(), theme.muted),
        Line::raw(""),
        Line::raw("Accepting starts an engagement and creates an opportunity for you."),
    ]);
    if c.retry {
        lines.push(Line::styled(
            "An earlier attempt did not finish; this tries again.",
            theme.warning,
        ));
    }
    if let Some(note) = &c.note {
        lines.push(Line::styled(note.clone(), theme.warning));
    }
    lines.push(Line::raw(""));
    let accept = format!("Accept ({})", keys.hint(Mode::Confirm, Action::Accept));
    let cancel = format!("Cancel ({})", keys.hint(Mode::Confirm, Action::Cancel));
    lines.push(Line::from(vec![
        button(&accept, c.accept_focused, theme),
        Span::raw("   "),
        button(&cancel, !c.accept_focused, theme),
    ]));
    let area = centered(area, 72, lines.len() as u16 + 2);
    show(frame, area, lines, chrome, theme.border_focused, theme);
}

/// Rows of invitations a bulk confirmation shows at most; more scroll.
const BULK_ROWS: usize = 12;

/// "Accept 3 invitations?": the invitations (scrollable), then those skipped and why.
pub(super) fn bulk_confirm(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    c: &BulkConfirm,
    keys: &Keymap,
    theme: &Theme,
) {
    let mut list: Vec<Line<'static>> = c
        .targets
        .iter()
        .map(|t| {
            Line::from(vec![
                Span::styled("  • ", theme.muted),
                Span::raw(t.title.clone()),
                Span::styled(format!("  {}", t.id), theme.muted),
            ])
        })
        .collect();
    if !c.skipped.is_empty() {
        list.push(Line::styled(
            format!("Skipped ({}):", c.skipped.len()),
            theme.warning,
        ));
        list.extend(c.skipped.iter().map(|(t, why)| {
            Line::from(vec![
                Span::styled("  – ", theme.muted),
                Span::raw(t.title.clone()),
                Span::styled(format!("  {why}"), theme.warning),
            ])
        }));
    }
    let rows = (area.height.saturating_sub(10) as usize).clamp(1, BULK_ROWS);
    let start = c.scroll.min(list.len().saturating_sub(rows));
    let shown = list.len().min(rows);
    let mut lines: Vec<Line<'static>> = list.into_iter().skip(start).take(shown).collect();
    if c.lines() > shown {
        lines.push(Line::styled(
            format!("{}–{} of {}", start + 1, start + shown, c.lines()),
            theme.muted,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(if c.accept {
        "Each accept starts an engagement and creates an opportunity for you."
    } else {
        "Next: one reason for all of them. Rejecting is irreversible."
    }));
    lines.push(Line::raw(
        "They go one a second, the service's write quota; Esc in the list stops the rest.",
    ));
    if let Some(note) = &c.note {
        lines.push(Line::styled(note.clone(), theme.warning));
    }
    lines.push(Line::raw(""));
    let go = format!(
        "{} ({})",
        if c.accept { "Accept" } else { "Go on" },
        keys.hint(Mode::Confirm, Action::Accept)
    );
    let cancel = format!("Cancel ({})", keys.hint(Mode::Confirm, Action::Cancel));
    lines.push(Line::from(vec![
        button(&go, true, theme),
        Span::raw("   "),
        button(&cancel, false, theme),
    ]));
    let area = centered(area, 84, lines.len() as u16 + 2);
    show(frame, area, lines, chrome, theme.border_focused, theme);
}

/// Draws a dialog box with its lines, wrapped, over whatever is under it.
pub(super) fn show(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    chrome: Chrome,
    border: ratatui::style::Style,
    theme: &Theme,
) {
    let hints = fit_hints(&chrome.hints, area.width.saturating_sub(4) as usize);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(chrome.title)
        .title_bottom(Span::styled(hints, theme.muted));
    clear(frame, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

pub(super) fn reject(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    d: &RejectDialog,
    theme: &Theme,
) {
    let mut lines = if d.many.is_empty() {
        subject(&d.title, d.customer.as_deref(), theme)
    } else {
        vec![
            Line::styled(d.title.clone(), theme.title),
            Line::styled("Every one of them gets this reason.", theme.muted),
        ]
    };
    lines.extend([
        Line::styled("Rejecting is irreversible.", theme.danger),
        Line::raw(""),
        Line::styled("Reason", label(d.focus == RejectFocus::Reasons, theme)),
    ]);
    let chosen = d.chosen();
    for (i, reason) in REASONS.iter().enumerate() {
        let cursor = if i == d.cursor && d.focus == RejectFocus::Reasons {
            "›"
        } else {
            " "
        };
        let mark = if chosen == Some(i) { "•" } else { " " };
        let mark = format!("{cursor}{mark}");
        let style = if i == d.cursor && d.focus == RejectFocus::Reasons {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::styled(format!("{mark} {reason}"), style));
    }
    lines.push(Line::raw(""));
    let sends = d.sends();
    let count = sends.chars().count();
    let text_style = if d.focus == RejectFocus::Text {
        theme.selected
    } else {
        theme.text
    };
    lines.push(Line::from(vec![
        Span::styled("Sends ", label(d.focus == RejectFocus::Text, theme)),
        Span::styled(format!("{sends} "), text_style),
        Span::styled(format!(" {count}/{MAX_REASON}"), theme.muted),
    ]));
    match d.problem() {
        Some(problem) => lines.push(Line::styled(format!("      {problem}"), theme.warning)),
        None => lines.push(Line::styled("      ✓", theme.success)),
    }
    if let Some(note) = &d.note {
        lines.push(Line::styled(note.clone(), theme.warning));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        button("Reject", d.focus == RejectFocus::Reject, theme),
        Span::raw("   "),
        button("Cancel", d.focus == RejectFocus::Cancel, theme),
    ]));
    let area = centered(area, 76, lines.len() as u16 + 3);
    show(frame, area, lines, chrome, theme.danger, theme);
    if d.focus == RejectFocus::Text {
        let inner_x = area.x + 1 + 6 + d.reason.visual_cursor() as u16;
        let text_row = area.y + 1 + 5 + REASONS.len() as u16 + 1;
        if inner_x < area.right() && text_row < area.bottom() {
            frame.set_cursor_position((inner_x, text_row));
        }
    }
}
