//! The detail pane: everything GetEngagementInvitation tells about the selected invitation,
//! whatever its payload ([`plans`] has the newest).

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

mod plans;

use super::{format, Theme};
use crate::app::engagements::Lookup;
use crate::app::tasks::{Phase, Run};
use crate::app::{BulkKind, Clock, DetailEntry, Focus, ItemState, State};
use crate::domain::Linked;
use crate::domain::{
    Contact, EngagementMember, InvitationDetail, LeadPayload, OpportunityPayload, Payload,
    Prospecting, TaskKind,
};
use crate::keymap::{Action, Keymap, Mode};
use crate::rules::Skip;

const SPINNER: [&str; 4] = ["⠋", "⠙", "⠹", "⠸"];
/// Width of a field's label column.
const LABEL: usize = 18;

/// Draws the pane; returns how many rows the selected detail takes (0 when none is shown).
pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> usize {
    let focused = state.focus == Focus::Detail && state.modals.is_empty();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.pane_border(focused))
        .title(Span::styled(" Detail ", theme.title));
    let Some(row) = state.selected() else {
        let hint = if state.list.loading {
            ""
        } else {
            "Select an invitation to see its detail."
        };
        frame.render_widget(Paragraph::new(hint).style(theme.muted).block(block), area);
        return 0;
    };
    let mut measured = 0;
    let paragraph = match state.details.get(&row.id) {
        Some(DetailEntry::Ready(d)) => {
            let beside = Beside {
                accept: state.tasks().get(TaskKind::Accept, &row.id),
                rule: rule(state, d),
                opportunity: state.opportunities.get(&row.id),
                members: row
                    .engagement_id
                    .as_deref()
                    .and_then(|e| state.engagements.members(e)),
                queued: state
                    .bulk
                    .as_ref()
                    .and_then(|q| Some((q.kind(), q.state_of(&row.id)?))),
            };
            let doc = lines(
                d,
                beside,
                &state.clock,
                theme,
                &state.keymap,
                area.width.saturating_sub(2) as usize,
            );
            let paragraph = Paragraph::new(doc).wrap(Wrap { trim: false });
            measured = paragraph.line_count(area.width.saturating_sub(2));
            paragraph.scroll((state.detail_scroll, 0))
        }
        Some(DetailEntry::Failed(e)) => Paragraph::new(vec![
            Line::styled("Could not load this invitation.", theme.danger),
            Line::raw(e.clone()),
            Line::styled(
                format!(
                    "Select it again or press {} to retry.",
                    state.list_key(Action::Refresh)
                ),
                theme.muted,
            ),
        ])
        .wrap(Wrap { trim: false }),
        _ => Paragraph::new(Line::styled(
            format!(
                "{} Loading {}…",
                SPINNER[state.spinner % SPINNER.len()],
                row.id
            ),
            theme.muted,
        )),
    };
    frame.render_widget(paragraph.block(block), area);
    measured
}

/// What the triage rules make of a pending received invitation: `Name → accept`, or that no
/// rule matches; nothing without rules or for invitations they do not apply to.
fn rule(state: &State, d: &InvitationDetail) -> Option<String> {
    if state.settings.rules.rules.is_empty() {
        return None;
    }
    match state
        .settings
        .rules
        .decide(d, state.side(), state.clock.now)
    {
        Ok(rule) => Some(format!("{} → {}", rule.name, rule.action.describe())),
        Err(Skip::NoRule) => Some("no rule matches".into()),
        Err(_) => None,
    }
}

struct Doc<'t> {
    lines: Vec<Line<'static>>,
    theme: &'t Theme,
    keys: &'t Keymap,
    /// Text width; values wrap to it under their column.
    width: usize,
}

impl Doc<'_> {
    /// The list key of an action, for "Press a…" lines.
    fn key(&self, action: Action) -> String {
        self.keys.hint(Mode::List, action)
    }
}

impl Doc<'_> {
    fn heading(&mut self, text: &str) {
        self.lines.push(Line::raw(""));
        self.lines
            .push(Line::styled(format!("── {text} "), self.theme.heading));
    }

    fn field(&mut self, label: &str, value: impl Into<String>) {
        let value = value.into();
        if value.is_empty() {
            return;
        }
        let room = self.width.saturating_sub(LABEL).max(20);
        for (i, part) in format::wrap(&value, room).into_iter().enumerate() {
            let head = if i == 0 { label } else { "" };
            self.lines.push(Line::from(vec![
                Span::styled(format!("{head:<LABEL$}"), self.theme.muted),
                Span::raw(part),
            ]));
        }
    }

    fn opt(&mut self, label: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.field(label, v);
        }
    }

    fn text(&mut self, text: &str, style: Style) {
        for line in text.lines() {
            self.lines.push(Line::styled(line.to_string(), style));
        }
    }
}

/// What the app knows of an invitation beside its detail.
#[derive(Debug, Clone, Default)]
pub struct Beside<'a> {
    /// Its accept, while one runs or after it ended this session.
    pub accept: Option<&'a Run>,
    /// The triage rule that decides it, e.g. `Leads from AWS → accept`.
    pub rule: Option<String>,
    /// The opportunity accepting it created.
    pub opportunity: Option<&'a Linked>,
    /// Who is in its engagement, once you are (ListEngagementMembers).
    pub members: Option<&'a Lookup<Vec<EngagementMember>>>,
    /// Its part in the last reject or bulk action, once it failed or was skipped.
    pub queued: Option<(&'a BulkKind, &'a ItemState)>,
}

/// Why the last reject or bulk action did not act on it.
fn queued_section(doc: &mut Doc<'_>, (kind, state): (&BulkKind, &ItemState)) {
    let (text, style) = match state {
        ItemState::Failed(why) => (format!("Failed: {why}"), doc.theme.danger),
        ItemState::Skipped(why) => (format!("Skipped: {why}"), doc.theme.muted),
        _ => return,
    };
    doc.heading(match kind {
        BulkKind::Accept => "Accept",
        BulkKind::Reject { .. } => "Reject",
    });
    doc.text(&text, style);
}

/// The opportunity an accepted invitation created: its id, stage and what is next.
fn opportunity_section(doc: &mut Doc<'_>, linked: &Linked, clock: &Clock) {
    let o = match linked {
        Linked::None => return,
        Linked::Loading => {
            doc.heading("Opportunity");
            doc.text("Looking up the opportunity it created…", doc.theme.muted);
            return;
        }
        Linked::Failed(e) => {
            doc.heading("Opportunity");
            doc.text(
                &format!("Could not load the opportunity: {e}"),
                doc.theme.danger,
            );
            return;
        }
        Linked::Ready(o) => o,
    };
    doc.heading("Opportunity");
    doc.field("Id", o.id.clone());
    let stage = match (&o.stage, &o.review_status) {
        (Some(stage), Some(review)) => format!("{stage} ({review})"),
        (Some(stage), None) => stage.clone(),
        (None, Some(review)) => review.clone(),
        (None, None) => String::new(),
    };
    doc.field("Stage", stage);
    doc.opt("Next steps", o.next_steps.as_deref());
    doc.opt("Close by", o.target_close_date.as_deref());
    if let Some(t) = o.last_modified {
        doc.field(
            "Updated",
            format!(
                "{} ({})",
                format::local(t, clock.offset),
                format::ago(t, clock.now)
            ),
        );
    }
}

/// The partners in the invitation's engagement.
fn members_section(doc: &mut Doc<'_>, members: &Lookup<Vec<EngagementMember>>) {
    doc.heading("Engagement members");
    match members {
        Lookup::Loading => doc.text("Looking up who is in the engagement…", doc.theme.muted),
        Lookup::Failed(e) => doc.text(
            &format!("Could not list the members: {e}"),
            doc.theme.danger,
        ),
        Lookup::Ready(list) if list.is_empty() => doc.text("Nobody yet.", doc.theme.muted),
        Lookup::Ready(list) => {
            for m in list {
                let name = m.company_name.as_deref().unwrap_or("(unnamed)");
                let line = match &m.account_id {
                    Some(account) => format!("{name} · {account}"),
                    None => name.to_string(),
                };
                doc.text(&line, doc.theme.text);
            }
        }
    }
}

fn accept_section(doc: &mut Doc<'_>, accept: &Run, clock: &Clock) {
    let theme = doc.theme;
    doc.heading("Accept");
    let elapsed = format::elapsed(accept.started, clock.now);
    match &accept.phase {
        Phase::Starting => doc.text(&format!("Starting… ({elapsed})"), theme.warning),
        Phase::Running {
            task_id,
            last_error,
            ..
        } => {
            doc.field("Task", task_id.clone());
            doc.field("Status", format!("IN_PROGRESS · {elapsed}"));
            doc.opt("Last poll failed", last_error.as_deref());
        }
        Phase::Complete { made } => {
            doc.field("Status", "COMPLETE");
            doc.opt("Opportunity", made.as_deref());
        }
        Phase::Failed {
            reason,
            retry: false,
        } => {
            doc.lines.push(Line::styled("FAILED", theme.danger));
            doc.field("Reason", reason.clone());
            let text = format!("Press {} to try again.", doc.key(Action::Accept));
            doc.text(&text, theme.muted);
        }
        Phase::Failed {
            reason,
            retry: true,
        } => {
            doc.lines
                .push(Line::styled("Not confirmed by the service", theme.danger));
            doc.text(reason, theme.text);
            let text = format!(
                "Press {} to try again; the same request cannot start a second task.",
                doc.key(Action::Accept)
            );
            doc.text(&text, theme.muted);
        }
    }
}

/// The detail as styled lines for a pane `width` columns wide, with the state of its accept if
/// there is one and what the triage rules make of it if the config names them. A field's
/// value that wraps continues under the value column.
pub fn lines(
    d: &InvitationDetail,
    beside: Beside<'_>,
    clock: &Clock,
    theme: &Theme,
    keys: &Keymap,
    width: usize,
) -> Vec<Line<'static>> {
    let s = &d.summary;
    let mut doc = Doc {
        lines: Vec::new(),
        theme,
        keys,
        width,
    };
    doc.lines.push(Line::styled(
        s.engagement_title.clone().unwrap_or_else(|| s.id.clone()),
        theme.title,
    ));
    let kind = match &d.payload {
        Payload::Opportunity(o) => match &o.opportunity_type {
            Some(t) => format!("Opportunity ({t})"),
            None => "Opportunity".to_string(),
        },
        Payload::Lead(_) => "Lead".to_string(),
        Payload::AccountPlanning(_) => "Account planning".to_string(),
        Payload::Other { kind, .. } => kind.clone(),
        Payload::Unknown => s
            .payload_kind
            .as_ref()
            .map_or("Unknown payload".into(), |k| k.as_wire().to_string()),
    };
    doc.lines.push(Line::from(vec![
        Span::styled(format::status(s.status.as_ref()).to_string(), theme.warning),
        Span::styled(format!(" · {kind} · {}", s.id), theme.muted),
    ]));
    let sender = match (&s.sender_company, &s.sender_account_id) {
        (Some(c), Some(a)) => format!("{c} ({a})"),
        (Some(c), None) => c.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => String::new(),
    };
    doc.field("From", sender);
    if let Some(r) = &s.receiver {
        doc.field(
            "To",
            match &r.alias {
                Some(alias) => format!("{alias} ({})", r.account_id),
                None => r.account_id.clone(),
            },
        );
    }
    if let Some(t) = s.invitation_date {
        doc.field(
            "Invited",
            format!(
                "{} ({})",
                format::local(t, clock.offset),
                format::ago(t, clock.now)
            ),
        );
    }
    if let Some(t) = s.expiration_date {
        doc.field(
            "Expires",
            format!(
                "{} ({})",
                format::local(t, clock.offset),
                format::until(t, clock.now)
            ),
        );
    }
    doc.opt("Rejection reason", d.rejection_reason.as_deref());
    doc.opt("Rule", beside.rule.as_deref());
    if let Some(accept) = beside.accept {
        accept_section(&mut doc, accept, clock);
    }
    if let Some(queued) = beside.queued {
        queued_section(&mut doc, queued);
    }
    if let Some(o) = beside.opportunity {
        opportunity_section(&mut doc, o, clock);
    }
    if let Some(members) = beside.members {
        members_section(&mut doc, members);
    }

    match &d.payload {
        Payload::Opportunity(o) => opportunity(&mut doc, o),
        Payload::Lead(l) => lead(&mut doc, l),
        Payload::AccountPlanning(a) => plans::account_plan(&mut doc, a, (clock.offset, clock.now)),
        Payload::Other { kind, json } => {
            plans::raw(&mut doc, kind, json);
            unknown_payload(
                &mut doc,
                kind,
                ": its fields above are as the service sent them",
            );
        }
        Payload::Unknown => unknown_payload(&mut doc, &kind, ""),
    }

    if let Some(m) = &d.message {
        doc.heading("Message");
        doc.text(m, theme.text);
    }
    if !d.existing_members.is_empty() {
        doc.heading("Existing members");
        for m in &d.existing_members {
            let name = m.company_name.clone().unwrap_or_default();
            let site = m
                .website_url
                .as_deref()
                .map(|w| format!("  {w}"))
                .unwrap_or_default();
            doc.lines.push(Line::from(vec![
                Span::raw(format!("• {name}")),
                Span::styled(site, theme.muted),
            ]));
        }
    }
    if s.engagement_title.is_some() || d.engagement_description.is_some() {
        doc.heading("Engagement");
        doc.opt("Title", s.engagement_title.as_deref());
        doc.opt("Id", s.engagement_id.as_deref());
        if let Some(desc) = &d.engagement_description {
            doc.text(desc, theme.text);
        }
    }
    if let Some(e) = &d.enrichment {
        doc.heading("AWS insights");
        if let Some(p) = &e.prospecting {
            insights(&mut doc, p);
        }
        doc.opt("Lead readiness", e.lead_readiness_score.as_deref());
        if let Some(c) = &e.channel {
            plans::channel(&mut doc, c, (clock.offset, clock.now));
        }
    }
    doc.lines
}

fn opportunity(doc: &mut Doc<'_>, o: &OpportunityPayload) {
    let theme = doc.theme;
    doc.heading("Customer");
    doc.field("Company", o.customer.company_name.clone());
    doc.field("Industry", o.customer.industry.clone());
    doc.field("Country", format::country(&o.customer.country_code));
    doc.field("Website", o.customer.website_url.clone());

    doc.heading("Project");
    doc.field("Title", o.project.title.clone());
    doc.field(
        "Target completion",
        o.project.target_completion_date.clone(),
    );
    doc.lines
        .push(Line::styled("Business problem", theme.muted));
    doc.text(&o.project.business_problem, theme.text);

    doc.heading("Expected customer spend");
    if o.project.expected_spend.is_empty() {
        doc.lines.push(Line::styled("None given.", theme.muted));
    } else {
        doc.lines.push(Line::styled(
            format!(
                "{:<18} {:<9} {:<22} Estimate",
                "Amount", "Frequency", "Target company"
            ),
            theme.muted,
        ));
        let mut estimates = Vec::new();
        for s in &o.project.expected_spend {
            let amount = s
                .amount
                .as_deref()
                .and_then(|a| a.parse::<f64>().ok())
                .map(format::grouped)
                .unwrap_or_else(|| "—".into());
            let estimate = match &s.estimation_url {
                Some(url) => {
                    estimates.push(url.clone());
                    format!("[{}]", estimates.len())
                }
                None => String::new(),
            };
            doc.lines.push(Line::raw(format!(
                "{:<18} {:<9} {:<22} {estimate}",
                format!("{} {amount}", s.currency),
                s.frequency,
                s.target_company,
            )));
        }
        for (i, url) in estimates.iter().enumerate() {
            let note = format!("[{}] {url}", i + 1);
            for part in format::split(&note, doc.width) {
                doc.lines.push(Line::styled(part, theme.muted));
            }
        }
        let totals: Vec<String> = o
            .project
            .monthly_spend()
            .into_iter()
            .map(|(c, t)| format!("{c} {}", format::grouped(t)))
            .collect();
        doc.lines.push(Line::styled(
            format!("Total per month: {}", totals.join(" + ")),
            theme.title,
        ));
    }

    if !o.receiver_responsibilities.is_empty() {
        doc.heading("Your responsibilities");
        doc.text(&o.receiver_responsibilities.join(", "), theme.text);
    }
    contacts(doc, &o.sender_contacts);
}

/// The note on a payload type this build does not know (`shown` says what is shown of it).
fn unknown_payload(doc: &mut Doc<'_>, kind: &str, shown: &str) {
    let note = format!(
        "This invitation carries a payload type this version of pc-inbox does not know ({kind}){shown}. \
         Press {} to open it in the Partner Central console.",
        doc.key(Action::Open)
    );
    doc.heading("Payload");
    doc.text(&note, doc.theme.warning);
}

/// The sender's contacts, one per line, under their heading (none: nothing).
fn contacts(doc: &mut Doc<'_>, contacts: &[Contact]) {
    if contacts.is_empty() {
        return;
    }
    doc.heading("Sender contacts");
    for c in contacts {
        let name = joined(&[c.first_name.as_deref(), c.last_name.as_deref()], " ");
        let mut parts = vec![name];
        parts.extend(c.business_title.clone());
        parts.push(c.email.clone());
        parts.extend(c.phone.clone());
        parts.retain(|p| !p.is_empty());
        doc.lines
            .push(Line::raw(format!("• {}", parts.join(" · "))));
    }
}

fn lead(doc: &mut Doc<'_>, l: &LeadPayload) {
    doc.heading("Customer");
    doc.field("Company", l.customer.company_name.clone());
    doc.opt("Industry", l.customer.industry.as_deref());
    if let Some(c) = &l.customer.country_code {
        doc.field("Country", format::country(c));
    }
    doc.opt("AWS maturity", l.customer.aws_maturity.as_deref());
    doc.opt("Segment", l.customer.market_segment.as_deref());
    doc.opt("Website", l.customer.website_url.as_deref());
    doc.heading("Interaction");
    doc.opt("Source", l.interaction.source_type.as_deref());
    doc.opt("Source name", l.interaction.source_name.as_deref());
    doc.opt("Source id", l.interaction.source_id.as_deref());
    doc.opt("Use case", l.interaction.use_case.as_deref());
    doc.field(
        "Contact title",
        l.interaction.contact_business_title.clone(),
    );
}

/// The parts that are there, joined by `by`.
fn joined(parts: &[Option<&str>], by: &str) -> String {
    parts.iter().flatten().copied().collect::<Vec<_>>().join(by)
}

fn insights(doc: &mut Doc<'_>, p: &Prospecting) {
    doc.opt("Account", p.account_name.as_deref());
    let geo = joined(
        &[
            p.geo.as_deref(),
            p.region.as_deref(),
            p.sub_region.as_deref(),
        ],
        " / ",
    );
    doc.field("Geography", geo);
    if let Some(c) = &p.country_code {
        doc.field("Country", format::country(c));
    }
    let industry = joined(&[p.industry.as_deref(), p.sub_industry.as_deref()], " / ");
    doc.field("Industry", industry);
    doc.opt("Segment", p.segment.as_deref());
    doc.opt("Company size", p.company_size.as_deref());
    doc.field("Programs", p.eligible_programs.join(", "));
    doc.opt("Engagement score", p.engagement_score.as_deref());
    doc.opt("Solution score", p.solution_score.as_deref());
    let category = joined(
        &[
            p.solution_category.as_deref(),
            p.solution_sub_category.as_deref(),
        ],
        " / ",
    );
    doc.field("Solution", category);
    if let Some(summary) = &p.public_profile_summary {
        doc.text(summary, doc.theme.text);
    }
}
