//! `pc-inbox create --file invitation.toml`: the same checks as the form, then one invitation
//! per file (the client token comes from the file).

use std::io::Write;
use std::path::PathBuf;

use super::output::write_json;
use super::show::ShowFormat;
use super::{invitation_file, record, CommandResult, Failure};
use crate::compose::fields::Field;
use crate::compose::paths::field_for_path;
use crate::compose::validate::problems;
use crate::domain::journal::{Action, Entry, Outcome};
use crate::service::{PartnerCentral, ServiceError};
use crate::store::Store;
use crate::wire::GetEngagementInvitationResponse;

/// Options of `pc-inbox create`.
#[derive(Debug, Clone, clap::Args)]
pub struct CreateArgs {
    /// The invitation, in TOML (see assets/invitation.example.toml).
    #[arg(long, value_name = "FILE")]
    pub file: PathBuf,
    /// text: the new invitation's id and ARN; json: the new invitation as the service returns
    /// it (GetEngagementInvitation).
    #[arg(long, value_enum, default_value = "text")]
    pub output: ShowFormat,
}

/// Where a field is in the invitation file, e.g. `opportunity.contacts[1].phone` (rows count
/// from 1, in the order of the file). `None` for the form's buttons.
fn file_key(field: Field) -> Option<String> {
    use Field::*;
    let spend = |i: usize, key: &str| format!("opportunity.spend[{}].{key}", i + 1);
    let contact = |i: usize, key: &str| format!("opportunity.contacts[{}].{key}", i + 1);
    let key = match field {
        Engagement => "engagement".into(),
        ReceiverAccount => "receiver.account_id".into(),
        ReceiverAlias => "receiver.alias".into(),
        Message => "message".into(),
        Kind => "[opportunity] or [lead]".into(),
        Company => "opportunity.company".into(),
        Industry => "opportunity.industry".into(),
        Country => "opportunity.country".into(),
        Website => "opportunity.website".into(),
        ProjectTitle => "opportunity.title".into(),
        BusinessProblem => "opportunity.business_problem".into(),
        TargetDate => "opportunity.target_completion_date".into(),
        SpendAmount(i) => spend(i, "amount"),
        SpendCurrency(i) => spend(i, "currency"),
        SpendTarget(i) => spend(i, "target_company"),
        RemoveSpend(_) | AddSpend => "opportunity.spend".into(),
        Responsibilities => "opportunity.responsibilities".into(),
        ContactEmail(i) => contact(i, "email"),
        ContactFirst(i) => contact(i, "first_name"),
        ContactLast(i) => contact(i, "last_name"),
        ContactTitle(i) => contact(i, "title"),
        ContactPhone(i) => contact(i, "phone"),
        RemoveContact(_) | AddContact => "opportunity.contacts".into(),
        LeadCompany => "lead.company".into(),
        LeadIndustry => "lead.industry".into(),
        LeadCountry => "lead.country".into(),
        LeadWebsite => "lead.website".into(),
        LeadMaturity => "lead.aws_maturity".into(),
        LeadSegment => "lead.market_segment".into(),
        SourceType => "lead.source_type".into(),
        SourceName => "lead.source_name".into(),
        SourceId => "lead.source_id".into(),
        UseCase => "lead.use_case".into(),
        ContactBusinessTitle => "lead.contact_title".into(),
        Submit | Discard => return None,
    };
    Some(key)
}

fn describe(field: Option<Field>, message: &str) -> String {
    match field.and_then(file_key) {
        Some(key) => format!("  {key}: {message}"),
        None => format!("  {message}"),
    }
}

/// Creates the invitation the file describes and journals the outcome in `store`.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &CreateArgs,
    store: Option<&mut Store>,
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
    let result = service
        .create_invitation(
            &draft.engagement_id,
            &draft.client_token,
            &draft.invitation(),
        )
        .await;
    let entry = Entry::new(
        Action::Create,
        if result.is_ok() {
            Outcome::Succeeded
        } else {
            Outcome::Failed
        },
        chrono::Utc::now(),
    )
    .token(&draft.client_token);
    record(
        store,
        match &result {
            Ok(created) => entry
                .invitation(&created.id)
                .detail(Some(format!("to {}", draft.receiver_account))),
            Err(e) => entry.detail(Some(e.to_string())),
        },
    );
    match result {
        Ok(created) => match args.output {
            ShowFormat::Text => {
                writeln!(out, "{}\t{}", created.id, created.arn)?;
                Ok(())
            }
            ShowFormat::Json => {
                let invitation = service.get_invitation(&created.id).await.map_err(|e| {
                    Failure::Usage(format!(
                        "created {}, but could not read it back: {e} Running the same file \
                         again prints it and creates nothing new.",
                        created.id
                    ))
                })?;
                write_json(out, &GetEngagementInvitationResponse::from(&invitation))?;
                Ok(())
            }
        },
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
