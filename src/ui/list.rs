//! The invitation list pane. Only the rows in the window are built, so a frame costs the same
//! for 10 or 10,000 loaded invitations.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::columns::{self, Column};
use super::{format, Theme};
use crate::app::pipeline::{Pipeline, SOON};
use crate::app::tasks::Phase;
use crate::app::{Focus, ItemState, State};
use crate::domain::TaskKind;
use crate::domain::{InvitationStatus, InvitationSummary, Participant};
use crate::keymap::Action;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let focused = state.focus == Focus::List && state.modals.is_empty();
    let mut title = vec![Span::styled(
        format!(" {} ", state.views.active.name),
        theme.title,
    )];
    let new = state.pipeline.new;
    if new > 0 {
        title.push(Span::styled(format!("● {new} new "), theme.info));
    }
    let marked = state.list.mark_count();
    if marked > 0 {
        title.push(Span::styled(format!("✔ {marked} marked "), theme.key));
    }
    if !state.list.search().is_empty() {
        title.push(Span::styled(
            format!("/{} ", state.list.search()),
            theme.warning,
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.pane_border(focused))
        .title(Line::from(title))
        .title_bottom(Span::styled(
            pipeline(&state.pipeline, area.width.saturating_sub(2) as usize),
            theme.muted,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let height = state
        .geometry
        .list_rows
        .min(inner.height.saturating_sub(1) as usize);
    let (_, visible) = state.list.position();
    if visible == 0 {
        let text = if state.list.loading {
            "Loading invitations…".to_string()
        } else if let Some(error) = &state.list.failed {
            format!(
                "Could not load invitations: {error}\n\nPress {} to try again.",
                state.list_key(Action::Refresh)
            )
        } else if state.list.loaded() > 0 {
            format!(
                "No loaded invitation matches “{}”. {} clears the search.",
                state.list.search(),
                state.list_key(Action::Back)
            )
        } else {
            format!(
                "No invitations in this view. {} changes its filters, {}/{} switch views.",
                state.list_key(Action::Filters),
                state.list_key(Action::PreviousView),
                state.list_key(Action::NextView)
            )
        };
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.muted)
                .wrap(Wrap { trim: false }),
            inner,
        );
        return;
    }

    let cols = columns::layout(inner.width);
    let (sorted, arrow) = Column::sorted_by(state.views.active.sort);
    let buf = frame.buffer_mut();
    for &(column, x, width) in &cols {
        let header = match column.header(state.side()) {
            header if column == sorted => format!("{header} {arrow}"),
            header => header.to_string(),
        };
        buf.set_stringn(inner.x + x, inner.y, header, width as usize, theme.heading);
    }
    for (k, (selected, row)) in state.list.window(height).enumerate() {
        let y = inner.y + 1 + k as u16;
        if selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected);
        }
        for &(column, x, width) in &cols {
            let (text, style) = cell(state, theme, row, column);
            let text = columns::fit(&text, width as usize);
            buf.set_stringn(inner.x + x, y, text, width as usize, style);
        }
    }
}

/// The text and style of one column of one row.
fn cell(state: &State, theme: &Theme, row: &InvitationSummary, column: Column) -> (String, Style) {
    let now = state.clock.now;
    let detail = || state.details.ready(&row.id);
    match column {
        Column::Status => bulk_badge(state, theme, &row.id)
            .or_else(|| accept_badge(state, theme, &row.id))
            .unwrap_or_else(|| {
                let style = match row.status {
                    Some(InvitationStatus::Pending) => theme.warning,
                    Some(InvitationStatus::Accepted) => theme.success,
                    Some(InvitationStatus::Rejected) => theme.danger,
                    _ => theme.muted,
                };
                (format::status(row.status.as_ref()).to_string(), style)
            }),
        Column::Engagement if failed(state, &row.id).is_some() => {
            let title = row.engagement_title.as_deref().unwrap_or_default();
            let why = failed(state, &row.id).unwrap_or_default();
            (format!("{title} — {why}"), theme.danger)
        }
        Column::Engagement if state.list.is_marked(&row.id) => (
            format!("✔ {}", row.engagement_title.as_deref().unwrap_or_default()),
            theme.key,
        ),
        Column::Engagement if state.memory.unread.contains(&row.id) => (
            format!("● {}", row.engagement_title.as_deref().unwrap_or_default()),
            theme.info,
        ),
        Column::Engagement => (row.engagement_title.clone().unwrap_or_default(), theme.text),
        Column::Party if state.side() == Participant::Sent => {
            let receiver = row.receiver.as_ref();
            let name = receiver.map(|r| r.alias.clone().unwrap_or_else(|| r.account_id.clone()));
            (name.unwrap_or_default(), theme.text)
        }
        Column::Party => (row.sender_company.clone().unwrap_or_default(), theme.text),
        Column::Type => (
            format::kind_short(row.payload_kind.as_ref()).to_string(),
            theme.text,
        ),
        Column::Invited => (
            row.invitation_date
                .map(|d| format::ago(d, now))
                .unwrap_or_default(),
            theme.muted,
        ),
        Column::Expires => match opportunity(state, &row.id) {
            Some(o) => (o, theme.success),
            None => {
                let open = matches!(
                    row.status,
                    Some(InvitationStatus::Pending | InvitationStatus::Expired)
                );
                let text = row
                    .expiration_date
                    .filter(|_| open)
                    .map(|e| format::until(e, now))
                    .unwrap_or_default();
                let style = if format::expires_soon(row, now) {
                    theme.danger
                } else {
                    theme.muted
                };
                (text, style)
            }
        },
        Column::Customer => (
            detail()
                .and_then(|d| d.customer_name())
                .unwrap_or("")
                .to_string(),
            theme.text,
        ),
        Column::Spend => (
            detail().and_then(format::spend_short).unwrap_or_default(),
            theme.text,
        ),
    }
}

const SPINNER: [&str; 4] = ["⠋", "⠙", "⠹", "⠸"];

/// ` 12 pending · 3 expire within 3 days · USD 120.5k + EUR 40k a month (10 of 12 known) `.
/// The pipeline footer, in at most `width` columns: whole items only, the least important
/// dropped first, never one cut through.
fn pipeline(p: &Pipeline, width: usize) -> String {
    if p.pending == 0 {
        return String::new();
    }
    let mut items = vec![format!("{} pending", p.pending)];
    if p.expiring > 0 {
        items.push(format!(
            "{} expire within {} days",
            p.expiring,
            SOON.num_days()
        ));
    }
    if !p.spend.is_empty() {
        let totals: Vec<String> = p
            .spend
            .iter()
            .map(|(currency, total)| format!("{currency} {}", format::compact(*total)))
            .collect();
        let mut spend = format!("{} a month", totals.join(" + "));
        if p.known < p.pending {
            spend.push_str(&format!(" ({} of {} known)", p.known, p.pending));
        }
        items.push(spend);
    }
    let mut text = String::new();
    for item in items {
        let next = if text.is_empty() {
            format!(" {item} ")
        } else {
            format!("{}· {item} ", text)
        };
        if next.chars().count() > width {
            break;
        }
        text = next;
    }
    text
}

/// Why the current reject or bulk action failed on this invitation, if it did.
fn failed<'s>(state: &'s State, id: &str) -> Option<&'s str> {
    match state.bulk.as_ref()?.state_of(id)? {
        ItemState::Failed(why) => Some(why),
        _ => None,
    }
}

/// The status cell of an invitation in the current bulk action, until its outcome shows in
/// its own status (or its accept's badge).
fn bulk_badge(state: &State, theme: &Theme, id: &str) -> Option<(String, Style)> {
    let queue = state.bulk.as_ref()?;
    match queue.state_of(id)? {
        ItemState::Waiting if queue.held_for(state.clock.now).is_some() => {
            Some(("held".into(), theme.warning))
        }
        ItemState::Waiting if queue.awaiting_yes() => Some(("unsent".into(), theme.warning)),
        ItemState::Waiting => Some(("queued".into(), theme.muted)),
        ItemState::Sending => Some((
            format!("{} sending", SPINNER[state.spinner % SPINNER.len()]),
            theme.warning,
        )),
        ItemState::Failed(_) => Some(("FAILED".into(), theme.danger)),
        ItemState::Skipped(_) => Some(("skipped".into(), theme.muted)),
        ItemState::Cancelled => Some(("cancelled".into(), theme.muted)),
        ItemState::Done => None,
    }
}

/// The status cell of an invitation being accepted, or whose accept failed.
fn accept_badge(state: &State, theme: &Theme, id: &str) -> Option<(String, Style)> {
    let accept = state.tasks().get(TaskKind::Accept, id)?;
    match &accept.phase {
        Phase::Starting | Phase::Running { .. } => Some((
            format!(
                "{} {}",
                SPINNER[state.spinner % SPINNER.len()],
                format::elapsed(accept.started, state.clock.now)
            ),
            theme.warning,
        )),
        Phase::Failed { retry: false, .. } => Some(("FAILED".into(), theme.danger)),
        Phase::Failed { retry: true, .. } => Some(("ERROR".into(), theme.danger)),
        Phase::Complete { .. } => None,
    }
}

/// The opportunity an accept in this session created.
fn opportunity(state: &State, id: &str) -> Option<String> {
    match &state.tasks().get(TaskKind::Accept, id)?.phase {
        Phase::Complete { made } => made.clone(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipeline_footer_drops_whole_items_never_cuts_one() {
        let mut p = Pipeline::default();
        p.pending = 24;
        p.expiring = 4;
        p.spend = vec![("USD".into(), 160_500.0), ("EUR".into(), 3_600.0)];
        p.known = 7;
        let whole =
            " 24 pending · 4 expire within 3 days · USD 160.5k + EUR 3.6k a month (7 of 24 known) ";
        assert_eq!(pipeline(&p, 200), whole);
        assert_eq!(pipeline(&p, whole.chars().count()), whole);
        assert_eq!(
            pipeline(&p, whole.chars().count() - 1),
            " 24 pending · 4 expire within 3 days "
        );
        assert_eq!(pipeline(&p, 20), " 24 pending ");
        assert_eq!(pipeline(&p, 5), "");
    }
}
