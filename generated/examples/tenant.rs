//! A SuperOffice Online integration in production shape: the tenant is found through the state
//! endpoint, credentials renew themselves, throttling and outages are waited out, all by the
//! library (feature `online`); this program only configures the client and makes calls.
//!
//! ```sh
//! SO_ENVIRONMENT=https://sod.superoffice.com SO_CONTEXT_ID=Cust12345 \
//! SO_CLIENT_ID=... SO_CLIENT_SECRET=... SO_REFRESH_TOKEN=... \
//! cargo run --release -p superoffice-api --all-features --example tenant -- --count 16
//! ```
//!
//! Configuration, from the environment only:
//! - `SO_ENVIRONMENT`: the environment's base URL (`https://online.superoffice.com`, ...);
//! - `SO_CONTEXT_ID`: the tenant (`Cust12345`);
//! - `SO_CLIENT_ID`, `SO_CLIENT_SECRET`: the application;
//! - either `SO_REFRESH_TOKEN` (OAuth), or `SO_SYSTEM_USER_TOKEN` and `SO_PRIVATE_KEY_FILE` (a
//!   PEM or XML RSA key) for the system user;
//! - `SO_TIMEOUT_MS` (optional): the per-request timeout.
//!
//! It makes `--count N` calls (default 4), alternating `v1ChatSessionEntity_ChatSessionsForUser`
//! (GET) and `v1TimeZoneAgent_TimeOfLastTimeZoneUpdate` (POST), prints `call <i> ok` or
//! `call <i> failed: <error>` for each, the client's figures on stderr, and `OK <n>` (the calls
//! that succeeded) last; it exits 0 only when all succeeded.

#[cfg(all(
    feature = "online",
    feature = "rest-chat-session",
    feature = "agent-time-zone"
))]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use superoffice_api::agents::time_zone::TimeOfLastTimeZoneUpdate;
    use superoffice_api::rest::chat_session::ChatSessionsForUser;

    let count = match count_argument() {
        Ok(count) => count,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let client = match configured_client() {
        Ok(client) => client,
        Err(message) => {
            eprintln!("configuration: {message}");
            println!("OK 0");
            return ExitCode::from(2);
        }
    };
    let mut succeeded = 0;
    for i in 1..=count {
        let outcome = if i % 2 == 1 {
            client.send(ChatSessionsForUser::new()).await.map(drop)
        } else {
            client.send(TimeOfLastTimeZoneUpdate::new()).await.map(drop)
        };
        match outcome {
            Ok(()) => {
                succeeded += 1;
                println!("call {i} ok");
            }
            Err(error) => println!("call {i} failed: {error}"),
        }
    }
    let stats = client.stats();
    eprintln!(
        "calls {} attempts {} retries {} grants {} lookups {}",
        stats.calls, stats.attempts, stats.retries, stats.grants, stats.lookups
    );
    println!("OK {succeeded}");
    if succeeded == count {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `--count N` (or `--count=N`).
#[cfg(all(
    feature = "online",
    feature = "rest-chat-session",
    feature = "agent-time-zone"
))]
fn count_argument() -> Result<usize, String> {
    let mut args = std::env::args().skip(1);
    let mut count = 4;
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--count") {
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => return Err(format!("unknown argument {arg:?}; usage: tenant --count N")),
        };
        count = value
            .and_then(|v| v.parse().ok())
            .ok_or("--count needs a number")?;
    }
    Ok(count)
}

/// The client the environment variables describe: tenant discovery, a credential provider and
/// the timeout. Nothing here retries, renews or looks anything up.
#[cfg(all(
    feature = "online",
    feature = "rest-chat-session",
    feature = "agent-time-zone"
))]
fn configured_client() -> Result<superoffice_api::runtime::Client, String> {
    use std::time::Duration;
    use superoffice_api::runtime::{
        BaseUrl, Client, PrivateKey, RefreshTokenProvider, SystemUserProvider,
    };

    let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
    let environment: BaseUrl = var("SO_ENVIRONMENT")?
        .parse()
        .map_err(|e| format!("SO_ENVIRONMENT: {e}"))?;
    let context_id = var("SO_CONTEXT_ID")?;
    let client_secret = var("SO_CLIENT_SECRET")?;
    let mut builder = Client::builder()
        .tenant(environment.clone(), context_id.as_str())
        .user_agent_suffix("tenant-example");
    if let Ok(ms) = std::env::var("SO_TIMEOUT_MS") {
        let ms: u64 = ms.parse().map_err(|_| "SO_TIMEOUT_MS is not a number")?;
        builder = builder.timeout(Duration::from_millis(ms));
    }
    builder = match std::env::var("SO_REFRESH_TOKEN") {
        Ok(refresh_token) => builder.credentials(RefreshTokenProvider::new(
            environment,
            var("SO_CLIENT_ID")?,
            client_secret,
            refresh_token,
        )),
        Err(_) => {
            let token = var("SO_SYSTEM_USER_TOKEN").map_err(|_| {
                "set SO_REFRESH_TOKEN, or SO_SYSTEM_USER_TOKEN and SO_PRIVATE_KEY_FILE"
            })?;
            let key =
                PrivateKey::from_file(var("SO_PRIVATE_KEY_FILE")?).map_err(|e| e.to_string())?;
            builder.credentials(SystemUserProvider::new(
                environment,
                context_id,
                client_secret,
                token,
                key,
            ))
        }
    };
    builder.build().map_err(|e| e.to_string())
}

#[cfg(not(all(
    feature = "online",
    feature = "rest-chat-session",
    feature = "agent-time-zone"
)))]
fn main() {
    eprintln!("run with --features online,rest-chat-session,agent-time-zone (or --all-features)");
    std::process::exit(2);
}
