use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use chrono::Offset;
use clap::{CommandFactory, Parser};
use std::sync::Arc;

use pc_inbox::app::{Clock, Watch, DEFAULT_CONSOLE_URL};
use pc_inbox::commands;
use pc_inbox::config::{self, Config};
use pc_inbox::emulator::{Emulator, EmulatorConfig, Seed, TEST_ACCESS_KEY, TEST_SECRET_KEY};
use pc_inbox::logging;
use pc_inbox::runtime::{self, Options};
use pc_inbox::service::aws::{AwsPartnerCentral, ClientSettings, StaticCredentials};
use pc_inbox::service::{without_userinfo, Logged, Paced, RequestTally, SERVICE_QUOTA};
use pc_inbox::store::{DataDir, Origin, Store};

mod cli;

use cli::{Cli, Command, EmulatorArgs};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if cli.faults.given() && !cli.demo && !matches!(cli.command, Some(Command::Emulator(_))) {
        eprintln!(
            "pc-inbox: the fault options (--latency-ms, --fail-rate, …) are for the emulator: \
             use them with --demo or `pc-inbox emulator`"
        );
        return ExitCode::FAILURE;
    }
    if cli.arrivals_every.is_some()
        && !cli.demo
        && !matches!(cli.command, Some(Command::Emulator(_)))
    {
        eprintln!(
            "pc-inbox: --arrivals-every is for the emulator: use it with --demo or \
             `pc-inbox emulator`"
        );
        return ExitCode::FAILURE;
    }
    let result = match &cli.command {
        Some(Command::Emulator(args)) => run_emulator(args, &cli).await,
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "pc-inbox", &mut script);
            print_quietly(&script)
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            pc_inbox::man::render(
                Cli::command(),
                &pc_inbox::keymap::Keymap::default(),
                &mut page,
            )
            .map_err(|e| e.to_string())
            .and_then(|()| print_quietly(&page))
        }
        Some(Command::Journal(args)) => journal(args),
        Some(Command::Status(args)) => return status(&cli, args).await,
        Some(Command::Doctor(args)) => return doctor(&cli, args).await,
        Some(command) => return subcommand(&cli, command).await,
        None => match inbox(&cli).await {
            Ok(Some(signal)) => return ExitCode::from(signal.exit_code()),
            other => other.map(drop),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pc-inbox: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes to stdout; a reader that stopped reading (`| head`) is not an error.
fn print_quietly(bytes: &[u8]) -> Result<(), String> {
    match std::io::stdout().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}

/// `pc-inbox journal`: needs no service, only the data directory.
fn journal(args: &commands::journal::JournalArgs) -> Result<(), String> {
    let store = DataDir::default_location()
        .map(|d| open_store(&d))
        .transpose()?;
    let mut out = std::io::stdout();
    match commands::journal::run(store.as_ref(), args, &mut out) {
        Ok(()) | Err(commands::Failure::OutputClosed) => Ok(()),
        Err(failure) => Err(failure.to_string()),
    }
}

/// `pc-inbox status`: needs no service, only the origin's data directory, which it reports on
/// even when it cannot be used.
async fn status(cli: &Cli, args: &commands::status::StatusArgs) -> ExitCode {
    let prepared = async {
        let config = config::load().map_err(|e| e.to_string())?.config;
        let (settings, _emulator) = settings(cli, &config).await?;
        data_dir(&settings, cli.demo).ok_or_else(|| "the home directory is not known".to_string())
    };
    let data = match prepared.await {
        Ok(data) => data,
        Err(message) => {
            eprintln!("pc-inbox: {message}");
            return ExitCode::FAILURE;
        }
    };
    match commands::status::run(&data, args, &mut std::io::stdout()) {
        Ok(()) | Err(commands::Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("pc-inbox: {failure}");
            failure.exit_code()
        }
    }
}

/// `pc-inbox doctor`: its requests go through the paced, counted client every command uses;
/// the store is its to check, so it opens it itself and reports on it even when it cannot.
async fn doctor(cli: &Cli, args: &commands::doctor::DoctorArgs) -> ExitCode {
    let prepared = async {
        let loaded = config::load().map_err(|e| e.to_string())?;
        for warning in &loaded.warnings {
            eprintln!("pc-inbox: warning: {warning}");
        }
        let guard = start_logging(cli, &loaded.config);
        tracing::info!("doctor");
        let (settings, emulator) = settings(cli, &loaded.config).await?;
        Ok::<_, String>((settings, (emulator, guard)))
    };
    let (settings, _keep) = match prepared.await {
        Ok(prepared) => prepared,
        Err(message) => {
            eprintln!("pc-inbox: {message}");
            return ExitCode::FAILURE;
        }
    };
    let tally = Arc::new(RequestTally::default());
    let aws = AwsPartnerCentral::connect(&settings)
        .await
        .counting(tally.clone());
    let client = Paced::new(Logged::new(aws.clone()), SERVICE_QUOTA);
    let data = data_dir(&settings, cli.demo);
    let doctor = commands::doctor::Doctor {
        service: &client,
        identity: &aws,
        target: commands::doctor::Target {
            endpoint: aws.endpoint().to_string(),
            region: aws.region().to_string(),
            catalog: settings.catalog.clone(),
        },
        data: data.as_ref(),
        tally: &tally,
    };
    match commands::doctor::run(&doctor, args, &mut std::io::stdout()).await {
        Ok(()) | Err(commands::Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("pc-inbox: {failure}");
            failure.exit_code()
        }
    }
}

/// Opens the local store for a subcommand; what went wrong on the way goes to stderr.
fn open_store(data: &DataDir) -> Result<Store, String> {
    let opened = data.open().map_err(|e| e.to_string())?;
    for warning in &opened.warnings {
        eprintln!("pc-inbox: warning: {warning}");
    }
    Ok(opened.store)
}

/// Runs a scriptable subcommand; its failure decides the exit code.
async fn subcommand(cli: &Cli, command: &Command) -> ExitCode {
    let tally = Arc::new(RequestTally::default());
    let prepared = async {
        let loaded = config::load().map_err(|e| e.to_string())?;
        for warning in &loaded.warnings {
            eprintln!("pc-inbox: warning: {warning}");
        }
        let config = loaded.config;
        let guard = start_logging(cli, &config);
        tracing::info!(command = ?command, "subcommand");
        let (settings, emulator) = settings(cli, &config).await?;
        let data = data_dir(&settings, cli.demo)
            .map(|d| open_store(&d))
            .transpose()?;
        Ok::<_, String>((
            config,
            Paced::new(
                Logged::new(
                    AwsPartnerCentral::connect(&settings)
                        .await
                        .counting(tally.clone()),
                ),
                SERVICE_QUOTA,
            ),
            settings.catalog,
            data,
            (emulator, guard),
        ))
    };
    let (config, client, catalog, mut store, _keep) = match prepared.await {
        Ok(p) => p,
        Err(message) => {
            eprintln!("pc-inbox: {message}");
            return ExitCode::FAILURE;
        }
    };
    let page_size = config.page_size();
    let mut out = std::io::stdout();
    let clock = Clock {
        now: chrono::Utc::now(),
        offset: if config.time_zone == config::TimeZone::Utc {
            chrono::Utc.fix()
        } else {
            chrono::Local::now().offset().fix()
        },
    };
    let result = match command {
        Command::List(args) => {
            commands::list::run(&client, args, page_size, store.as_mut(), &mut out).await
        }
        Command::Show(args) => {
            let console = commands::show::Console {
                template: config
                    .console_url
                    .clone()
                    .unwrap_or_else(|| DEFAULT_CONSOLE_URL.to_string()),
                catalog: catalog.clone(),
            };
            commands::show::run(&client, args, &clock, &console, &mut out).await
        }
        Command::Accept(args) => {
            commands::accept::run(&client, args, store.as_mut(), config.poll, &mut out).await
        }
        Command::Reject(args) => {
            commands::reject::run(&client, args, store.as_mut(), &mut out).await
        }
        Command::Watch(args) => {
            let interval = match config.watch.interval {
                d if d.is_zero() => Watch::default().interval,
                d => d,
            };
            let watching = (store.as_mut(), tally.as_ref());
            commands::watch::run(&client, args, interval, watching, &mut out).await
        }
        Command::Triage(args) => {
            commands::triage::run(&client, args, store.as_mut(), &mut out).await
        }
        Command::Create(args) => {
            commands::create::run(&client, args, store.as_mut(), &mut out).await
        }
        Command::Engagements(args) => commands::engagements::run(&client, args, &mut out).await,
        Command::Members(args) => commands::members::run(&client, args, &mut out).await,
        Command::Opportunities(args) => {
            commands::opportunities::list(&client, args, &mut out).await
        }
        Command::Opportunity(command) => {
            commands::opportunities::run(&client, command, &mut out).await
        }
        Command::Engage(args) => {
            commands::engage::run(&client, args, store.as_mut(), config.poll, &mut out).await
        }
        Command::Completions { .. }
        | Command::Man
        | Command::Emulator(_)
        | Command::Journal(_)
        | Command::Status(_)
        | Command::Doctor(_) => Ok(()),
    };
    commands::count_requests(store.as_mut(), &tally);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(commands::Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("pc-inbox: {failure}");
            failure.exit_code()
        }
    }
}

async fn run_emulator(args: &EmulatorArgs, cli: &Cli) -> Result<(), String> {
    let faults = &cli.faults;
    let seed = match &args.seed {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Seed::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => Seed::embedded(),
    };
    let config = EmulatorConfig {
        seed,
        generate: args.generate,
        accept_delay: Duration::from_millis(args.accept_delay_ms),
        quotas: (!args.no_quotas).then(Default::default),
        faults: faults.faults()?,
        arrivals_every: cli.arrivals_every.map(Duration::from_secs),
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start(config, args.port).await?;
    println!("listening on {}", emulator.endpoint_url());
    let _ = std::io::stdout().flush();
    wait_for_shutdown().await;
    let injected = emulator.faults_injected();
    emulator.stop().await;
    if faults.given() {
        println!("{injected}");
    }
    Ok(())
}

async fn wait_for_shutdown() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM handler can be installed");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}

/// The interactive inbox; returns the signal that ended it, if one did.
async fn inbox(cli: &Cli) -> Result<Option<runtime::Signal>, String> {
    let loaded = config::load().map_err(|e| e.to_string())?;
    let config = loaded.config;
    let _guard = start_logging(cli, &config);
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "inbox starting");
    let (settings, _emulator) = settings(cli, &config).await?;
    let client = AwsPartnerCentral::connect(&settings).await;
    let mut warnings = loaded.warnings;
    let mut app_settings = config.app_settings(settings.catalog.clone());
    if let Some(path) = &config.rules {
        match pc_inbox::rules::Rules::load(path) {
            Ok(rules) => app_settings.rules = rules,
            Err(e) => warnings.push(format!("the rules file is not used: {e}")),
        }
    }
    let tally = Arc::new(RequestTally::default());
    let options = Options {
        warnings,
        tally: tally.clone(),
        ..Options::new(
            app_settings,
            config.keymap.clone(),
            config.theme(),
            data_dir(&settings, cli.demo),
        )
    };
    let outcome = runtime::run(
        Arc::new(Paced::new(
            Logged::new(client.counting(tally)),
            runtime::QUOTA,
        )),
        options,
    )
    .await
    .map_err(|e| format!("terminal error: {e}"))?;
    let running = outcome.running;
    if running > 0 {
        let plural = if running == 1 { "" } else { "s" };
        eprintln!(
            "pc-inbox: {running} accept{plural} still running; the next start against the same \
             endpoint, catalog and identity picks them up again."
        );
    }
    if let Some(unsent) = &outcome.unsent {
        eprintln!(
            "pc-inbox: {unsent} not sent; the next start against the same endpoint, catalog and \
             identity asks whether to send or drop them."
        );
    }
    if let Some(signal) = outcome.signal {
        tracing::info!(?signal, "inbox ended by a signal");
    }
    Ok(outcome.signal)
}

/// The data directory, seen from where this run's data comes from: the endpoint (`demo` for
/// the embedded emulator, `aws` for the real service), catalog and identity. The embedded
/// emulator starts afresh every time, so the demo's cached rows, accepts and engages are
/// forgotten.
fn data_dir(settings: &ClientSettings, demo: bool) -> Option<DataDir> {
    let endpoint = match (&settings.endpoint_url, demo) {
        (_, true) => "demo".to_string(),
        (Some(url), false) => without_userinfo(url),
        (None, false) => "aws".to_string(),
    };
    let profile = settings
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok())
        .unwrap_or_else(|| "default".into());
    let identity = match &settings.static_credentials {
        Some(creds) => creds.access_key_id.clone(),
        None => profile,
    };
    let origin = Origin {
        endpoint: endpoint.to_string(),
        catalog: settings.catalog.clone(),
        identity,
    };
    let data = DataDir::default_location()?.for_origin(origin);
    if demo {
        let forgotten = data.open().and_then(|mut opened| {
            opened.store.forget_all()?;
            opened.store.forget_tasks()
        });
        if let Err(e) = forgotten {
            tracing::warn!(error = %e, "could not clear the demo's local data");
        }
    }
    Some(data)
}

/// Logs into the data directory with the filter from the flag, RUST_LOG or the config file.
fn start_logging(
    cli: &Cli,
    config: &Config,
) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let filter = logging::filter(cli.log_level.as_deref(), config.log_level.as_deref());
    logging::init(DataDir::default_location().as_ref(), &filter)
}

/// Client settings from flags over the config file; `--demo` starts the embedded emulator.
async fn settings(
    cli: &Cli,
    config: &Config,
) -> Result<(ClientSettings, Option<Emulator>), String> {
    let mut settings = ClientSettings {
        catalog: cli
            .catalog
            .or(config.catalog)
            .unwrap_or_default()
            .as_str()
            .to_string(),
        region: cli.region.clone().or_else(|| config.region.clone()),
        profile: cli.profile.clone().or_else(|| config.profile.clone()),
        endpoint_url: cli
            .endpoint_url
            .clone()
            .or_else(|| config.endpoint_url.clone()),
        ..ClientSettings::default()
    };
    if !cli.demo {
        return Ok((settings, None));
    }
    let demo = EmulatorConfig {
        generate: cli.demo_generate,
        faults: cli.faults.faults()?,
        arrivals_every: cli.arrivals_every.map(Duration::from_secs),
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start(demo, 0).await?;
    settings.endpoint_url = Some(emulator.endpoint_url());
    settings.profile = None;
    settings.static_credentials = Some(StaticCredentials {
        access_key_id: TEST_ACCESS_KEY.to_string(),
        secret_access_key: TEST_SECRET_KEY.to_string(),
    });
    Ok((settings, Some(emulator)))
}
