//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use pc_inbox::commands::accept::AcceptArgs;
use pc_inbox::commands::create::CreateArgs;
use pc_inbox::commands::engagements::EngagementsArgs;
use pc_inbox::commands::journal::JournalArgs;
use pc_inbox::commands::list::ListArgs;
use pc_inbox::commands::reject::RejectArgs;
use pc_inbox::commands::show::ShowArgs;
use pc_inbox::commands::triage::TriageArgs;
use pc_inbox::commands::watch::WatchArgs;
use pc_inbox::domain::Catalog;

/// A keyboard-driven inbox for AWS Partner Central engagement invitations.
///
/// Without a command, pc-inbox opens the inbox: the invitations partners and AWS sent you (or
/// those you sent) beside the detail of the selected one, with keys to accept, reject, open in
/// the console and invite another partner (see KEYS in the man page, or ? in the inbox).
///
/// The commands do the same from scripts: results on stdout, errors on stderr, and JSON in
/// the service's own shapes.
///
/// pc-inbox uses the standard AWS credential chain (environment, profiles, IAM Identity
/// Center) in us-east-1, the only region Partner Central runs in. --demo runs everything
/// against a built-in emulator with demo data, no AWS account needed.
#[derive(Debug, Parser)]
#[command(name = "pc-inbox", version, about, subcommand_value_name = "COMMAND")]
pub struct Cli {
    /// Run against a built-in Partner Central emulator with demo data (no AWS account needed).
    #[arg(long, global = true)]
    pub demo: bool,
    /// With --demo: add N synthetic invitations to the demo data (for trying paging at scale).
    #[arg(long, global = true, value_name = "N", default_value_t = 0)]
    pub demo_generate: usize,
    /// Send requests to this endpoint instead of AWS.
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// AWS profile to use.
    #[arg(long, global = true)]
    pub profile: Option<String>,
    /// AWS region (Partner Central runs in us-east-1).
    #[arg(long, global = true)]
    pub region: Option<String>,
    /// Partner Central catalog.
    #[arg(long, global = true, value_enum)]
    pub catalog: Option<Catalog>,
    /// Log filter for the log file in the data directory (e.g. info, debug); overrides RUST_LOG.
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands. Without one, pc-inbox opens the interactive inbox.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List invitations (received, or sent with --sent).
    List(ListArgs),
    /// Show one invitation.
    Show(ShowArgs),
    /// Accept invitations (each starts an engagement); --wait polls to COMPLETE or FAILED.
    Accept(AcceptArgs),
    /// Reject invitations with a reason. Irreversible.
    Reject(RejectArgs),
    /// Decide pending invitations with a rules file; a dry run unless --apply.
    Triage(TriageArgs),
    /// Print a line for each invitation that arrives, changes status or expires, until
    /// interrupted.
    Watch(WatchArgs),
    /// Invite another partner to an engagement, from a TOML file.
    Create(CreateArgs),
    /// List engagements.
    Engagements(EngagementsArgs),
    /// Show the journal: every accept, reject and create, with tokens, tasks and outcomes.
    Journal(JournalArgs),
    /// Print shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Run the local Partner Central emulator in the foreground.
    Emulator(EmulatorArgs),
}

/// Options of `pc-inbox emulator`.
#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Seed file (JSON) instead of the built-in demo data.
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,
    /// Add N synthetic received invitations.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub generate: usize,
    /// How long accept tasks stay IN_PROGRESS, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 3000)]
    pub accept_delay_ms: u64,
    /// Turn off the request quotas (10 reads/s, 1 write/s).
    #[arg(long)]
    pub no_quotas: bool,
    /// Fault injection: answer the 1st, (N+1)th, (2N+1)th… write request with 500
    /// InternalServerException.
    #[arg(long, value_name = "N")]
    pub fail_every_write: Option<u32>,
}
