//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use pc_inbox::commands::accept::AcceptArgs;
use pc_inbox::commands::create::CreateArgs;
use pc_inbox::commands::doctor::DoctorArgs;
use pc_inbox::commands::engage::EngageArgs;
use pc_inbox::commands::engagements::EngagementsArgs;
use pc_inbox::commands::journal::JournalArgs;
use pc_inbox::commands::list::ListArgs;
use pc_inbox::commands::members::MembersArgs;
use pc_inbox::commands::opportunities::{OpportunitiesArgs, OpportunityCommand};
use pc_inbox::commands::reject::RejectArgs;
use pc_inbox::commands::show::ShowArgs;
use pc_inbox::commands::status::StatusArgs;
use pc_inbox::commands::triage::TriageArgs;
use pc_inbox::commands::watch::WatchArgs;
use pc_inbox::domain::Catalog;
use pc_inbox::emulator::{parse_rate, Faults, Latency};

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
    /// With --demo or the emulator command: a new PENDING invitation arrives every SECS seconds,
    /// alternately from AWS and from the emulator's second partner account.
    #[arg(long, global = true, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub arrivals_every: Option<u64>,
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
    /// Log filter for the log file in the data directory (e.g. info, debug, or
    /// warn,pc_inbox=debug); overrides RUST_LOG.
    #[arg(long, global = true, value_name = "LEVEL", value_parser = log_filter)]
    pub log_level: Option<String>,
    #[command(flatten)]
    pub faults: FaultArgs,
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
    /// List the partners in an engagement.
    Members(MembersArgs),
    /// List the opportunities in your pipeline.
    Opportunities(OpportunitiesArgs),
    /// Show an opportunity.
    #[command(subcommand)]
    Opportunity(OpportunityCommand),
    /// Submit one of your opportunities to AWS, which makes an engagement of it; --wait polls
    /// to COMPLETE or FAILED.
    Engage(EngageArgs),
    /// Show the journal: every accept, reject and create, with tokens, tasks and outcomes.
    Journal(JournalArgs),
    /// Show the requests made today against the daily quotas, the last look and the store.
    Status(StatusArgs),
    /// Check the setup, a verdict a line; exits 1 when a check fails.
    ///
    /// Whom the credentials belong to (STS GetCallerIdentity), the endpoint, region and
    /// catalog, whether the service answers and how fast, payload types this version does not
    /// know, the store, and today's requests against the daily quotas.
    Doctor(DoctorArgs),
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
}

/// Faults the emulator injects, for `pc-inbox emulator` and `--demo`. A request meets at most
/// one fault; a reset happens before or (as often) after the operation ran.
#[derive(Debug, Args)]
#[command(next_help_heading = "Emulator faults (with the emulator command or --demo)")]
pub struct FaultArgs {
    /// Delay every answer by N milliseconds, or by a random time from N to M.
    #[arg(long, global = true, value_name = "N[-M]")]
    pub latency_ms: Option<Latency>,
    /// Answer this fraction of requests (0 to 1) with 500 InternalServerException or 503
    /// ServiceUnavailableException.
    #[arg(long, global = true, value_name = "P", value_parser = parse_rate)]
    pub fail_rate: Option<f64>,
    /// Answer this fraction of requests (0 to 1) with 400 ThrottlingException.
    #[arg(long, global = true, value_name = "P", value_parser = parse_rate)]
    pub throttle_rate: Option<f64>,
    /// Close the connection of this fraction of requests (0 to 1) without answering.
    #[arg(long, global = true, value_name = "P", value_parser = parse_rate)]
    pub reset_rate: Option<f64>,
    /// Answer the 1st, (N+1)th, (2N+1)th… write request with 500 InternalServerException.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub fail_every_write: Option<u32>,
    /// Seed of every random choice of the faults, so a run can be repeated (default 0).
    #[arg(long, global = true, value_name = "S")]
    pub fault_seed: Option<u64>,
}

impl FaultArgs {
    /// True when any fault option was given.
    pub fn given(&self) -> bool {
        self.latency_ms.is_some()
            || self.fail_rate.is_some()
            || self.throttle_rate.is_some()
            || self.reset_rate.is_some()
            || self.fail_every_write.is_some()
            || self.fault_seed.is_some()
    }

    /// The faults to inject; an error says which options do not fit together.
    pub fn faults(&self) -> Result<Faults, String> {
        let faults = Faults {
            latency: self.latency_ms,
            fail_rate: self.fail_rate.unwrap_or_default(),
            throttle_rate: self.throttle_rate.unwrap_or_default(),
            reset_rate: self.reset_rate.unwrap_or_default(),
            fail_every_write: self.fail_every_write,
            seed: self.fault_seed.unwrap_or_default(),
        };
        faults.validate()?;
        Ok(faults)
    }
}

/// `--log-level`, checked as the config file's `log_level` is.
fn log_filter(text: &str) -> Result<String, String> {
    pc_inbox::config::LogFilter::parse(text).map(|f| f.0)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use clap::Parser;

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, String> {
        Cli::try_parse_from(std::iter::once("pc-inbox").chain(args.iter().copied()))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn fault_options_parse_for_the_emulator_and_the_demo() {
        let cli = parse(&[
            "emulator",
            "--latency-ms",
            "50-300",
            "--fail-rate",
            "0.2",
            "--throttle-rate",
            "0.2",
            "--reset-rate",
            "0.05",
            "--fail-every-write",
            "3",
            "--fault-seed",
            "42",
        ])
        .unwrap();
        let faults = cli.faults.faults().unwrap();
        assert_eq!(
            faults,
            Faults {
                latency: Some(Latency {
                    min: Duration::from_millis(50),
                    max: Duration::from_millis(300),
                }),
                fail_rate: 0.2,
                throttle_rate: 0.2,
                reset_rate: 0.05,
                fail_every_write: Some(3),
                seed: 42,
            }
        );
        let demo = parse(&["--demo", "--latency-ms", "20", "list"]).unwrap();
        assert!(demo.faults.given());
        let latency = demo.faults.faults().unwrap().latency.unwrap();
        assert_eq!(
            (latency.min, latency.max),
            (Duration::from_millis(20), Duration::from_millis(20))
        );
        assert!(!parse(&["--demo"]).unwrap().faults.given());
        assert_eq!(
            parse(&["--demo"]).unwrap().faults.faults().unwrap(),
            Faults::default()
        );
    }

    #[test]
    fn arrivals_every_parses_for_the_emulator_and_the_demo_and_must_be_positive() {
        let emulator = parse(&["emulator", "--arrivals-every", "30"]).unwrap();
        assert_eq!(emulator.arrivals_every, Some(30));
        let demo = parse(&["--demo", "--arrivals-every", "5"]).unwrap();
        assert_eq!(demo.arrivals_every, Some(5));
        assert_eq!(parse(&["--demo"]).unwrap().arrivals_every, None);
        assert!(parse(&["emulator", "--arrivals-every", "0"]).is_err());
    }

    #[test]
    fn bad_fault_options_are_refused_with_the_reason() {
        let refused = |args: &[&str]| parse(args).map(drop).unwrap_err();
        assert!(refused(&["emulator", "--fail-rate", "1.5"]).contains("from 0 to 1"));
        assert!(refused(&["emulator", "--reset-rate", "x"]).contains("from 0 to 1"));
        assert!(refused(&["emulator", "--latency-ms", "300-50"]).contains("lower bound"));
        assert!(refused(&["emulator", "--latency-ms", "soon"]).contains("N-M"));
        assert!(refused(&["emulator", "--fail-every-write", "0"]).contains("0"));
        let too_much = parse(&["emulator", "--fail-rate", "0.7", "--throttle-rate", "0.7"])
            .unwrap()
            .faults
            .faults()
            .unwrap_err();
        assert!(too_much.contains("more than 1"), "{too_much}");
    }
}
