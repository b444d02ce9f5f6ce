//! `pc-inbox show ID`: one invitation, as text or JSON.

use std::io::Write;

use super::output::write_json;
use super::CommandResult;
use crate::app::Clock;
use crate::keymap::Keymap;
use crate::service::PartnerCentral;
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

pub async fn run(
    service: &dyn PartnerCentral,
    args: &ShowArgs,
    clock: &Clock,
    out: &mut dyn Write,
) -> CommandResult {
    let d = service.get_invitation(&args.id).await?;
    match args.output {
        ShowFormat::Json => write_json(out, &GetEngagementInvitationResponse::from(&d))?,
        ShowFormat::Text => {
            for line in detail::lines(&d, None, clock, &Theme::plain(), &Keymap::default()) {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                writeln!(out, "{}", text.trim_end())?;
            }
        }
    }
    Ok(())
}
