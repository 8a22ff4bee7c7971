//! `switchboard-server`: serve the Team API, or seed a database.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use switchboard_server::auth::Hashers;
use switchboard_server::throttle::ThrottleSettings;
use switchboard_server::{AppState, Settings, seed, serve, shutdown_signal};

/// The reference Team API server (SQLite by default, PostgreSQL for scale).
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How log lines look: `text` for people, `json` (one object per line) for log collectors.
    #[arg(long, global = true, env = "SWITCHBOARD_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the Team API until SIGINT or SIGTERM. Prints `listening on http://ADDR` once ready.
    Serve(ServeArgs),
    /// Create the account's owner; optionally a demo team and generated members.
    Seed(SeedArgs),
}

#[derive(Debug, Args)]
struct DatabaseArg {
    /// `sqlite://PATH` (created if missing), `sqlite::memory:`, or `postgres://USER@HOST:PORT/DB`.
    #[arg(
        long,
        env = "SWITCHBOARD_DATABASE_URL",
        default_value = "sqlite://switchboard.db"
    )]
    database_url: String,
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    database: DatabaseArg,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "SWITCHBOARD_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Requests per minute per credential before 429; 0 turns the limit off.
    #[arg(long, env = "SWITCHBOARD_RATE_LIMIT_PER_MINUTE", default_value_t = 6000)]
    rate_limit_per_minute: u32,
    /// Seconds a request may take before it is answered with 503 `timeout`.
    #[arg(long, env = "SWITCHBOARD_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    request_timeout_secs: u64,
    /// Base URL of the accept link in invitation emails (defaults to http://LISTEN-ADDRESS).
    #[arg(long, env = "SWITCHBOARD_PUBLIC_URL")]
    public_url: Option<String>,
    /// Send invitation emails through this SMTP server: `smtps://USER:PASS@HOST:465` (TLS),
    /// `smtp://USER:PASS@HOST:587?tls=required` (STARTTLS) or `smtp://HOST:25` (unencrypted, for a relay
    /// on this machine). Without it they are recorded in the database and logged.
    #[arg(long, env = "SWITCHBOARD_SMTP_URL")]
    smtp_url: Option<String>,
    /// Sender of invitation emails.
    #[arg(
        long,
        env = "SWITCHBOARD_SMTP_FROM",
        default_value = "Switchboard <no-reply@switchboard.invalid>"
    )]
    smtp_from: String,
    #[command(flatten)]
    sign_in: SignInArgs,
    /// Serve Prometheus metrics at /metrics, without credentials (`false` where the listen address is
    /// public and the metrics should not be).
    #[arg(long, env = "SWITCHBOARD_METRICS", default_value_t = true, action = clap::ArgAction::Set)]
    metrics: bool,
}

/// Guessing passwords: how many Argon2 hashes run at once, and how failed sign-ins are throttled.
#[derive(Debug, Args)]
struct SignInArgs {
    /// Argon2 password hashes computed at once (each holds ~19 MiB); more sign-ins wait their turn.
    /// Defaults to the number of cores, at most 4.
    #[arg(long, env = "SWITCHBOARD_MAX_CONCURRENT_HASHES")]
    max_concurrent_hashes: Option<usize>,
    /// Failed sign-ins per account before further attempts must wait (429 with Retry-After).
    #[arg(long, env = "SWITCHBOARD_SIGN_IN_FREE_FAILURES", default_value_t = 5)]
    sign_in_free_failures: u32,
    /// Failed sign-ins per source address before further attempts must wait; 0 turns the per-address
    /// count off (behind a proxy every client has the proxy's address).
    #[arg(
        long,
        env = "SWITCHBOARD_SIGN_IN_FREE_FAILURES_PER_ADDRESS",
        default_value_t = 50
    )]
    sign_in_free_failures_per_address: u32,
    /// The wait after the last free failure, in seconds; it doubles with each further failure.
    #[arg(long, env = "SWITCHBOARD_SIGN_IN_BASE_DELAY_SECS", default_value_t = 1)]
    sign_in_base_delay_secs: u64,
    /// The longest wait, in seconds.
    #[arg(long, env = "SWITCHBOARD_SIGN_IN_MAX_DELAY_SECS", default_value_t = 900)]
    sign_in_max_delay_secs: u64,
    /// One failure is forgiven per this many seconds without failures.
    #[arg(long, env = "SWITCHBOARD_SIGN_IN_DECAY_SECS", default_value_t = 600)]
    sign_in_decay_secs: u64,
}

#[derive(Debug, Args)]
struct SeedArgs {
    #[command(flatten)]
    database: DatabaseArg,
    /// The owner's email (created, or made an active owner with this password).
    #[arg(long, env = "SWITCHBOARD_OWNER_EMAIL")]
    owner_email: String,
    /// The owner's password (at least 8 characters).
    #[arg(long, env = "SWITCHBOARD_OWNER_PASSWORD", hide_env_values = true)]
    owner_password: String,
    /// Add a realistic demo team: ~40 members, groups, ~20 numbers in several countries, invitations.
    #[arg(long)]
    demo: bool,
    /// Add N generated members (no password) for load tests.
    #[arg(long, value_name = "N")]
    members: Option<usize>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SWITCHBOARD_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
        LogFormat::Json => logs.json().init(),
    }
    let result = match cli.command {
        Command::Serve(args) => run_serve(args).await,
        Command::Seed(args) => run_seed(args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("switchboard-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run_serve(args: ServeArgs) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let settings = Settings {
        rate_limit_per_minute: args.rate_limit_per_minute,
        request_timeout: Duration::from_secs(args.request_timeout_secs.max(1)),
        public_url: args.public_url.unwrap_or_else(|| format!("http://{addr}")),
        smtp_url: args.smtp_url,
        smtp_from: args.smtp_from,
        sign_in: ThrottleSettings {
            free_failures_per_account: args.sign_in.sign_in_free_failures,
            free_failures_per_address: args.sign_in.sign_in_free_failures_per_address,
            base_delay: Duration::from_secs(args.sign_in.sign_in_base_delay_secs),
            max_delay: Duration::from_secs(args.sign_in.sign_in_max_delay_secs),
            decay: Duration::from_secs(args.sign_in.sign_in_decay_secs.max(1)),
        },
        max_concurrent_hashes: args
            .sign_in
            .max_concurrent_hashes
            .unwrap_or_else(Hashers::default_bound),
        metrics: args.metrics,
        ..Settings::default()
    };
    let state = AppState::connect(&args.database.database_url, settings)
        .await
        .map_err(|e| e.to_string())?;
    // Scripts wait for this line (and read the port from it), so it goes out only once we accept.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{addr}")
        .and_then(|()| stdout.flush())
        .map_err(|e| e.to_string())?;
    serve(listener, state.clone(), shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    state.db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn run_seed(args: SeedArgs) -> Result<(), String> {
    let state = AppState::connect(&args.database.database_url, Settings::default())
        .await
        .map_err(|e| e.to_string())?;
    let db = &state.db;
    seed::owner(db, &args.owner_email, &args.owner_password)
        .await
        .map_err(|e| describe(&e))?;
    println!("owner {} ready", args.owner_email.trim().to_lowercase());
    if args.demo {
        seed::demo(db).await.map_err(|e| describe(&e))?;
        println!("demo team ready");
    }
    if let Some(n) = args.members {
        let started = std::time::Instant::now();
        seed::members(db, n).await.map_err(|e| describe(&e))?;
        println!(
            "{n} generated members added in {:.1}s",
            started.elapsed().as_secs_f64()
        );
    }
    db.close().await;
    Ok(())
}

/// Seeding runs in a terminal: show the whole cause, internal ones included.
fn describe(err: &switchboard_server::ApiError) -> String {
    match err {
        switchboard_server::ApiError::Validation(errors) => format!("{errors:?}"),
        other => other.to_string(),
    }
}
