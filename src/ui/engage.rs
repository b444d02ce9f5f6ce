//! The engage dialog: the opportunity picker, the confirmation, and the task's progress.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::dialogs::{show, Chrome};
use super::layout::centered;
use super::{format, Theme};
use crate::app::engage::{self, EngageDialog, OpportunityPicker, Stage};
use crate::app::tasks::{Phase, Run};
use crate::app::State;
use crate::domain::Opportunity;
use crate::keymap::{Action, Mode};

/// Rows of opportunities the picker shows at most.
const ROWS: usize = 12;

/// The dialog's width, and the width of its text inside the frame.
const DIALOG: u16 = 78;
const WIDTH: usize = DIALOG as usize - 4;

pub(super) fn draw(
    frame: &mut Frame,
    (area, chrome): (Rect, Chrome),
    dialog: &EngageDialog,
    state: &State,
    theme: &Theme,
) {
    let lines = match &dialog.stage {
        Stage::Pick(picker) => pick(picker, theme),
        Stage::Confirm(o) => {
            let mut lines = about(o, theme);
            lines.extend([
                Line::raw(""),
                Line::raw("Submits the opportunity to AWS (co-sell), which makes an engagement"),
                Line::raw("of it; you can then invite a partner into the engagement."),
            ]);
            if let Some(why) = o.cannot_submit() {
                lines.push(Line::styled(
                    format!(
                        "⚠ The service will likely refuse it ({} · {why}).",
                        o.stage.as_deref().unwrap_or("no stage")
                    ),
                    theme.warning,
                ));
            }
            lines
        }
        Stage::Progress => match (state.engaging(), engage::run(state)) {
            (Some(o), Some(run)) => progress(o, run, state, theme),
            _ => vec![Line::raw("Nothing in progress.")],
        },
    };
    let area = centered(area, DIALOG, lines.len() as u16 + 2);
    show(frame, area, lines, chrome, theme.border_focused, theme);
}

/// The opportunity: its title (once read), id, customer and stage.
fn about(o: &Opportunity, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        o.title.clone().unwrap_or_else(|| o.id.clone()),
        theme.title,
    )];
    for (name, value) in [
        ("Opportunity ", Some(&o.id)),
        ("Customer    ", o.customer.as_ref()),
        ("Stage       ", o.stage.as_ref()),
        ("Close by    ", o.target_close_date.as_ref()),
    ] {
        if let Some(v) = value {
            lines.push(Line::from(vec![
                Span::styled(name, theme.muted),
                Span::raw(v.clone()),
            ]));
        }
    }
    lines
}

fn pick(picker: &OpportunityPicker, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        Span::styled("Find: ", theme.muted),
        Span::raw(picker.query.value().to_string()),
        Span::styled("▏", theme.key),
    ])];
    let matches = picker.matches();
    if let Some(e) = &picker.error {
        lines.push(Line::styled(
            format!("Could not list your opportunities: {e}"),
            theme.danger,
        ));
    } else if matches.is_empty() && picker.loading {
        lines.push(Line::styled("Loading your opportunities…", theme.muted));
    } else if matches.is_empty() {
        lines.push(Line::styled("No opportunity matches.", theme.muted));
    }
    let start = picker.cursor.saturating_sub(ROWS - 1);
    for (n, o) in matches.iter().enumerate().skip(start).take(ROWS) {
        let text = format!(
            "{}  {}  {}",
            o.id,
            o.customer.as_deref().unwrap_or("(no customer)"),
            o.stage.as_deref().unwrap_or("")
        );
        let style = if n == picker.cursor {
            theme.selected
        } else {
            theme.text
        };
        let mut spans = vec![Span::styled(text, style)];
        if let Some(why) = o.cannot_submit() {
            spans.push(Span::styled(format!("  ⚠ {why}"), theme.warning));
        }
        lines.push(Line::from(spans));
    }
    lines
}

fn progress(o: &Opportunity, run: &Run, state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = about(o, theme);
    lines.push(Line::raw(""));
    let elapsed = format::elapsed(run.started, state.clock.now);
    match &run.phase {
        Phase::Starting => lines.push(Line::styled(
            format!("Starting… ({elapsed})"),
            theme.warning,
        )),
        Phase::Running {
            task_id,
            last_error,
            ..
        } => {
            lines.push(Line::raw(format!("Task {task_id}")));
            lines.push(Line::styled(
                format!("IN_PROGRESS · {elapsed}"),
                theme.warning,
            ));
            if let Some(e) = last_error {
                lines.push(Line::styled(format!("Last poll failed: {e}"), theme.muted));
            }
        }
        Phase::Complete { made } => {
            lines.push(Line::styled("COMPLETE", theme.success));
            let engagement = made.as_deref().unwrap_or("?");
            lines.push(Line::raw(format!("Engagement {engagement}")));
            lines.push(Line::raw(format!(
                "{}: invite a partner into it (customer and project filled in)",
                state.keymap.hint(Mode::Engage, Action::Confirm)
            )));
        }
        Phase::Failed { reason, retry } => {
            lines.push(Line::styled("FAILED", theme.danger));
            // The whole reason, over as many lines as it takes.
            lines.extend(
                format::wrap(reason, WIDTH)
                    .into_iter()
                    .map(|line| Line::styled(line, theme.danger)),
            );
            if *retry {
                lines.push(Line::raw(format!(
                    "{}: try again (the same client token: no second task).",
                    state.keymap.hint(Mode::Engage, Action::Accept)
                )));
            }
        }
    }
    lines
}
