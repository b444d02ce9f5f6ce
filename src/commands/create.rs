//! `pc-inbox create --file invitation.toml`: the same checks as the form, then one invitation
//! per file (the client token comes from the file).

use std::io::Write;
use std::path::PathBuf;

use super::{invitation_file, CommandResult, Failure};
use crate::app::form::fields::Field;
use crate::app::form::validate::{field_for_path, problems};
use crate::service::{PartnerCentral, ServiceError};

/// Options of `pc-inbox create`.
#[derive(Debug, Clone, clap::Args)]
pub struct CreateArgs {
    /// The invitation, in TOML (see assets/invitation.example.toml).
    #[arg(long, value_name = "FILE")]
    pub file: PathBuf,
}

fn describe(field: Option<Field>, message: &str) -> String {
    match field {
        Some(f) => format!("  {}: {message}", f.label().trim()),
        None => format!("  {message}"),
    }
}

pub async fn run(
    service: &dyn PartnerCentral,
    args: &CreateArgs,
    out: &mut dyn Write,
) -> CommandResult {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| Failure::BadInput(format!("{}: {e}", args.file.display())))?;
    let draft = invitation_file::parse(&text)
        .map_err(|e| Failure::BadInput(format!("{}: {e}", args.file.display())))?;
    let found = problems(&draft, chrono::Utc::now().date_naive());
    if !found.is_empty() {
        let lines: Vec<String> = found.iter().map(|(f, m)| describe(*f, m)).collect();
        return Err(Failure::BadInput(format!(
            "{} is not a valid invitation:\n{}",
            args.file.display(),
            lines.join("\n")
        )));
    }
    match service
        .create_invitation(
            &draft.engagement_id,
            &draft.client_token,
            &draft.invitation(),
        )
        .await
    {
        Ok(created) => {
            writeln!(out, "{}\t{}", created.id, created.arn)?;
            Ok(())
        }
        Err(ServiceError::Validation { message, fields }) => {
            let lines: Vec<String> = fields
                .iter()
                .map(|f| describe(f.field.as_deref().and_then(field_for_path), &f.message))
                .collect();
            Err(Failure::BadInput(format!(
                "the service refused the invitation: {message}\n{}",
                lines.join("\n")
            )))
        }
        Err(e) => Err(e.into()),
    }
}
