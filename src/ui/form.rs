//! The create-invitation form and its pickers.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::bars::fit_hints;
use super::dialogs::Chrome;
use super::layout::{centered, clear};
use super::Theme;
use crate::app::engagements::{Engagements, Lookup};
use crate::app::form::picker::{Choice, Picker};
use crate::app::form::InvitationForm;
use crate::app::modes::form as form_mode;
use crate::compose::fields::{fields, shown, Editor, Field, PickerKind};
use crate::domain::EngagementMember;
use crate::keymap::{Action, Keymap, Mode};

const LABEL: usize = 22;
/// Rows a multi-line field shows while it is edited.
const MULTILINE_ROWS: usize = 6;

/// The form in `chrome`: the picker, while one is open, has the keys and shows their hints;
/// the form's frame keeps its own.
pub(super) fn draw(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    form: &InvitationForm,
    engagements: &Engagements,
    keys: &Keymap,
    theme: &Theme,
) {
    let outer = centered(area, 110, area.height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(chrome.title)
        .title_bottom(Span::styled(
            fit_hints(
                &keys.hint_line(Mode::Form, form_mode::HINTS),
                outer.width.saturating_sub(4) as usize,
            ),
            theme.muted,
        ));
    let inner = block.inner(outer);
    clear(frame, outer);
    frame.render_widget(block, outer);

    let mut lines: Vec<Line> = Vec::new();
    if form.restored {
        let when = form
            .draft
            .saved_at
            .map(|t| t.format(" from %Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default();
        lines.push(Line::styled(
            format!("Restored your unsent draft{when}."),
            theme.info,
        ));
    }
    if let Some(general) = form.server.get(&None) {
        lines.push(Line::styled(
            format!("The service refused: {general}"),
            theme.danger,
        ));
    }
    if form.submit_attempted && !form.problems.is_empty() {
        lines.push(Line::styled(
            format!("{} field(s) need attention.", form.problems.len()),
            theme.warning,
        ));
    }
    if let Some(e) = &form.engagements.error {
        lines.push(Line::styled(
            format!("Could not load engagements: {e}"),
            theme.danger,
        ));
    }
    let focused = form.field();
    let value_width = (inner.width as usize).saturating_sub(LABEL + 3);
    let mut scratch = form.draft.clone();
    let mut cursor_at = None;
    let mut focus_line = 0;
    let mut last_section = None;
    for field in fields(&form.draft) {
        if let Some(section) = field.section().filter(|s| last_section != Some(*s)) {
            last_section = Some(section);
            lines.push(Line::raw(""));
            if !section.is_empty() {
                lines.push(Line::styled(format!("── {section} "), theme.heading));
            }
        }
        let is_focused = field == focused;
        if is_focused {
            focus_line = lines.len();
        }
        let marker = if is_focused { "› " } else { "  " };
        let label_style = if is_focused { theme.key } else { theme.muted };
        if is_focused && field.multiline() {
            let at = form.area.cursor();
            let text = form.area.lines();
            let first = at.0.saturating_sub(MULTILINE_ROWS - 1);
            for (row, line) in text.iter().enumerate().skip(first).take(MULTILINE_ROWS) {
                let (mark, label) = if row == first {
                    (marker, field.label())
                } else {
                    ("  ", String::new())
                };
                let skip = if row == at.0 {
                    at.1.saturating_sub(value_width.saturating_sub(1))
                } else {
                    0
                };
                if row == at.0 {
                    cursor_at = Some((lines.len(), at.1 - skip));
                }
                let visible: String = line.chars().skip(skip).take(value_width).collect();
                lines.push(Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!("{label:<LABEL$}"), label_style),
                    Span::styled(visible, theme.selected),
                ]));
            }
            push_note(&mut lines, form, field, theme);
            continue;
        }
        let line = match field.editor() {
            Editor::Button => {
                let style = if is_focused {
                    theme.selected
                } else {
                    theme.text
                };
                let label = match field {
                    Field::Submit => format!(
                        "{} ({})",
                        field.label(),
                        keys.hint(Mode::Form, Action::Submit)
                    ),
                    f if form.armed == Some(f) => format!(
                        "{} — press {} again to confirm, any other key keeps it",
                        field.label(),
                        keys.hint(Mode::Form, Action::Confirm)
                    ),
                    _ => field.label(),
                };
                Line::from(vec![Span::raw(marker), Span::styled(label, style)])
            }
            Editor::Text if is_focused => {
                let scroll = form.input.visual_scroll(value_width.max(1));
                let visible: String = form
                    .input
                    .value()
                    .chars()
                    .skip(scroll)
                    .take(value_width)
                    .collect();
                cursor_at = Some((
                    lines.len(),
                    form.input.visual_cursor().saturating_sub(scroll),
                ));
                Line::from(vec![
                    Span::raw(marker),
                    Span::styled(format!("{:<LABEL$}", field.label()), label_style),
                    Span::styled(visible, theme.selected),
                ])
            }
            _ => {
                let mut value = shown(&mut scratch, field);
                if let Some((first, rest)) = value.split_once('\n') {
                    let more = rest.lines().count() + usize::from(rest.is_empty());
                    value = format!(
                        "{first} (+{more} more line{})",
                        if more == 1 { "" } else { "s" }
                    );
                }
                if value.chars().count() > value_width {
                    value = value
                        .chars()
                        .take(value_width.saturating_sub(1))
                        .collect::<String>()
                        + "…";
                }
                let hint = match (field.editor(), value.is_empty()) {
                    (Editor::Pick(_), true) => {
                        format!("{} to pick", keys.hint(Mode::Form, Action::Confirm))
                    }
                    (Editor::Toggle, _) => {
                        format!("  ({} switches)", keys.hint(Mode::Form, Action::Toggle))
                    }
                    _ => String::new(),
                };
                let value_style = if is_focused {
                    theme.selected
                } else {
                    theme.text
                };
                Line::from(vec![
                    Span::raw(marker),
                    Span::styled(format!("{:<LABEL$}", field.label()), label_style),
                    Span::styled(value, value_style),
                    Span::styled(hint, theme.muted),
                ])
            }
        };
        lines.push(line);
        push_note(&mut lines, form, field, theme);
    }
    let height = inner.height as usize;
    let offset = focus_line
        .saturating_sub(height / 2)
        .min(lines.len().saturating_sub(height));
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    if let Some((line, col)) = cursor_at.filter(|_| form.picker.is_none()) {
        if line >= offset && line < offset + height {
            let x = inner.x + (2 + LABEL + col) as u16;
            let y = inner.y + (line - offset) as u16;
            if x < inner.right() {
                frame.set_cursor_position(Position::new(x, y));
            }
        }
    }
    if let Some(picker) = &form.picker {
        draw_picker(
            frame,
            (inner, &chrome.hints),
            (form, picker),
            engagements,
            theme,
        );
    }
}

/// The line under a field: its problem, or the business problem's length while it is edited.
fn push_note(lines: &mut Vec<Line<'static>>, form: &InvitationForm, field: Field, theme: &Theme) {
    if let Some(problem) = form.problem(field) {
        lines.push(Line::styled(
            format!("{:width$}✗ {problem}", "", width = LABEL + 2),
            theme.danger,
        ));
    } else if let Some(theirs) = form
        .customer_mismatch()
        .filter(|_| matches!(field, Field::Company | Field::LeadCompany))
    {
        lines.push(Line::styled(
            format!(
                "{:width$}⚠ The engagement's customer is {theirs}",
                "",
                width = LABEL + 2
            ),
            theme.warning,
        ));
    } else if form.field() == field && field == Field::BusinessProblem {
        let n = form.edited_text().chars().count();
        lines.push(Line::styled(
            format!("{:width$}{n}/2000 characters", "", width = LABEL + 2),
            theme.muted,
        ));
    }
}

fn draw_picker(
    frame: &mut Frame,
    (area, hints): (Rect, &str),
    (form, picker): (&InvitationForm, &Picker),
    members: &Engagements,
    theme: &Theme,
) {
    let matches = picker.matches(&form.engagements.items);
    let rect = centered(area, 70, 20);
    let title = format!(" {} ", picker.field.label().trim());
    let help = fit_hints(
        &format!(" type to filter ·{hints}"),
        rect.width.saturating_sub(4) as usize,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(title, theme.title))
        .title_bottom(Span::styled(help, theme.muted));
    let inner = block.inner(rect);
    clear(frame, rect);
    frame.render_widget(block, rect);
    let mut lines = vec![Line::from(vec![
        Span::styled("Filter: ", theme.muted),
        Span::raw(picker.query.value().to_string()),
    ])];
    let rows = (inner.height as usize).saturating_sub(1).max(1);
    let start = picker.cursor.saturating_sub(rows.saturating_sub(1));
    if matches.is_empty() {
        let text = if form.engagements.loading {
            "Loading…"
        } else {
            "Nothing matches."
        };
        lines.push(Line::styled(text, theme.muted));
    }
    for (i, choice) in matches.iter().enumerate().skip(start).take(rows) {
        let tick = if picker.multi() {
            if picker.ticked.contains(&choice.value) {
                "[x] "
            } else {
                "[ ] "
            }
        } else {
            ""
        };
        let style = if i == picker.cursor {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::styled(format!("{tick}{}", choice.label), style));
    }
    if let Some(line) = members_line(&matches, picker, members, theme) {
        let last = lines.len().min(inner.height as usize).saturating_sub(1);
        lines.truncate(last.max(1));
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + 8 + picker.query.visual_cursor() as u16;
    if x < inner.right() {
        frame.set_cursor_position(Position::new(x, inner.y));
    }
}

/// Who is in the engagement the picker highlights already, as far as looked up.
fn members_line(
    matches: &[Choice],
    picker: &Picker,
    engagements: &Engagements,
    theme: &Theme,
) -> Option<Line<'static>> {
    if picker.kind != PickerKind::Engagement {
        return None;
    }
    let id = &matches.get(picker.cursor)?.value;
    let text = match engagements.members(id)? {
        Lookup::Loading => "In it already: looking…".to_string(),
        Lookup::Failed(e) => format!("In it already: could not list the members ({e})"),
        Lookup::Ready(members) => format!("In it already: {}", member_names(members)),
    };
    Some(Line::styled(text, theme.muted))
}

/// Members as "Company (account), …".
pub fn member_names(members: &[EngagementMember]) -> String {
    if members.is_empty() {
        return "nobody".into();
    }
    members
        .iter()
        .map(|m| {
            let name = m.company_name.as_deref().unwrap_or("(unnamed)");
            match &m.account_id {
                Some(account) => format!("{name} ({account})"),
                None => name.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
