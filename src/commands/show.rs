//! `pc-inbox show ID`: one invitation, as text or JSON.

use std::io::Write;

use super::opportunities::opportunity_json;
use super::output::write_json;
use super::CommandResult;
use crate::domain::{console_url, Clock, Linked};
use crate::domain::{InvitationDetail, InvitationStatus, Opportunity, Payload};
use crate::keymap::Keymap;
use crate::service::{linked_opportunity, PartnerCentral};
use crate::ui::{detail, Theme};
use crate::wire::GetEngagementInvitationResponse;

/// How `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

/// Options of `pc-inbox show`.
#[derive(Debug, Clone, clap::Args)]
pub struct ShowArgs {
    /// The invitation's id (engi-…) or ARN.
    pub id: String,
    #[arg(long, value_enum, default_value = "text")]
    pub output: ShowFormat,
}

/// Where the Partner Central console shows an invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Console {
    /// The URL with `{id}` and `{catalog}` placeholders (`console_url` in the config).
    pub template: String,
    pub catalog: String,
}

pub async fn run(
    service: &dyn PartnerCentral,
    args: &ShowArgs,
    clock: &Clock,
    console: &Console,
    out: &mut dyn Write,
) -> CommandResult {
    let d = service.get_invitation(&args.id).await?;
    let linked = if d.summary.status == Some(InvitationStatus::Accepted) {
        linked_opportunity(service, &d.summary.id, None).await?
    } else {
        None
    };
    match args.output {
        ShowFormat::Json => {
            let mut json = serde_json::to_value(GetEngagementInvitationResponse::from(&d))
                .map_err(std::io::Error::other)?;
            if let (Some(o), Some(object)) = (&linked, json.as_object_mut()) {
                object.insert("Opportunity".into(), opportunity_json(o));
            }
            write_json(out, &json)?
        }
        ShowFormat::Text => {
            for line in text(&d, linked.as_ref(), clock, console) {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

/// The heading of the inbox's payload section, as [`detail::lines`] draws it.
const PAYLOAD_HEADING: &str = "── Payload";

/// The invitation as plain lines: the inbox's detail, with the command line's wording where the
/// inbox would name a key.
fn text(
    d: &InvitationDetail,
    opportunity: Option<&Opportunity>,
    clock: &Clock,
    console: &Console,
) -> Vec<String> {
    let linked = opportunity.map(|o| Linked::Ready(Box::new(o.clone())));
    let beside = detail::Beside {
        opportunity: linked.as_ref(),
        ..Default::default()
    };
    let mut lines: Vec<String> = detail::lines(
        d,
        beside,
        clock,
        &Theme::plain(),
        &Keymap::default(),
        usize::MAX,
    )
    .iter()
    .map(|line| {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        text.trim_end().to_string()
    })
    .collect();
    if matches!(d.payload, Payload::Unknown | Payload::Other { .. }) {
        let kind = d
            .summary
            .payload_kind
            .as_ref()
            .map_or("no payload type given", |k| k.as_wire());
        let url = console_url(&console.template, &console.catalog, &d.summary.id);
        let ours = vec![
            format!(
                "This invitation carries a payload type this version of pc-inbox does not know ({kind})."
            ),
            format!("The Partner Central console shows it: {url}"),
        ];
        // The inbox's paragraph under the heading names a key; the next section starts with a
        // blank line and its own heading.
        match lines.iter().position(|l| l == PAYLOAD_HEADING) {
            Some(at) => {
                let end = lines[at + 1..]
                    .iter()
                    .position(|l| l.is_empty())
                    .map_or(lines.len(), |n| at + 1 + n);
                lines.splice(at + 1..end, ours);
            }
            None => {
                lines.extend([String::new(), PAYLOAD_HEADING.to_string()]);
                lines.extend(ours);
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{InvitationStatus, InvitationSummary};

    fn unknown() -> InvitationDetail {
        InvitationDetail {
            summary: InvitationSummary {
                id: "engi-0000000000001".into(),
                arn: None,
                catalog: "Sandbox".into(),
                participant: None,
                status: Some(InvitationStatus::Pending),
                payload_kind: None,
                engagement_id: None,
                engagement_title: Some("Something new".into()),
                invitation_date: None,
                expiration_date: None,
                sender_account_id: None,
                sender_company: None,
                receiver: None,
            },
            rejection_reason: None,
            message: Some("Hello".into()),
            engagement_description: None,
            existing_members: Vec::new(),
            payload: Payload::Unknown,
            enrichment: None,
        }
    }

    #[test]
    fn an_unknown_payload_points_to_the_console_without_naming_a_key() {
        let clock = Clock {
            now: chrono::Utc::now(),
            offset: chrono::FixedOffset::east_opt(0).unwrap(),
        };
        let console = Console {
            template: "https://console.example/{catalog}/{id}".into(),
            catalog: "Sandbox".into(),
        };
        let lines = text(&unknown(), None, &clock, &console);
        let all = lines.join("\n");
        assert!(!all.contains("Press"), "{all}");
        let at = lines.iter().position(|l| l == PAYLOAD_HEADING).unwrap();
        assert_eq!(
            lines[at + 1..at + 3],
            [
                "This invitation carries a payload type this version of pc-inbox does not know (no payload type given).",
                "The Partner Central console shows it: https://console.example/Sandbox/engi-0000000000001",
            ]
        );
        assert!(all.contains("── Message\nHello"), "the rest stays: {all}");
    }
}
