//! End to end: the `tenant` example of the generated crate, run as a program against a fake
//! SuperOffice Online environment that throttles, goes into maintenance (at the state endpoint
//! and at the API), revokes the credential, stalls a read past the timeout and moves the tenant
//! to another node; and, in one run, hands out a ticket whose JWT does not verify.
//!
//! The example is built by this test with the same cargo (`--all-features`, the debug profile,
//! which shares the workspace build); set `TENANT_EXAMPLE_BIN` to test another build of it
//! (e.g. `target/release/examples/tenant`).

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::Duration;

use workspace_tests::fake_online::{
    key_fixture_path, FakeOnline, Faults, CLIENT_ID, CLIENT_SECRET, CONTEXT_ID, FORGED_TICKET,
    REFRESH_TOKEN, SYSTEM_USER_TOKEN,
};

/// Calls per run, as in the acceptance check.
const CALLS: usize = 16;

/// The example's executable, built once per test process.
fn tenant_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            if let Ok(path) = std::env::var("TENANT_EXAMPLE_BIN") {
                return PathBuf::from(path);
            }
            let output = std::process::Command::new(env!("CARGO"))
                .args([
                    "build",
                    "-p",
                    "superoffice-api",
                    "--all-features",
                    "--example",
                    "tenant",
                    "--message-format=json",
                ])
                .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
                .stderr(Stdio::inherit())
                .output()
                .expect("cargo runs");
            assert!(output.status.success(), "building the example failed");
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
                .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "tenant")
                .find_map(|m| m["executable"].as_str().map(PathBuf::from))
                .expect("cargo names the example's executable")
        })
        .clone()
}

/// How the example authenticates.
enum Login {
    OAuth,
    SystemUser(&'static str),
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

async fn run_example(fake: &FakeOnline, login: Login) -> Run {
    let binary = tokio::task::spawn_blocking(tenant_binary).await.unwrap();
    let mut command = tokio::process::Command::new(binary);
    command
        .args(["--count", &CALLS.to_string()])
        .env_clear()
        .env("SO_ENVIRONMENT", fake.environment())
        .env("SO_CONTEXT_ID", CONTEXT_ID)
        .env("SO_CLIENT_ID", CLIENT_ID)
        .env("SO_CLIENT_SECRET", CLIENT_SECRET)
        .env("SO_TIMEOUT_MS", "700")
        .kill_on_drop(true);
    match login {
        Login::OAuth => command.env("SO_REFRESH_TOKEN", REFRESH_TOKEN),
        Login::SystemUser(key) => command
            .env("SO_SYSTEM_USER_TOKEN", SYSTEM_USER_TOKEN)
            .env("SO_PRIVATE_KEY_FILE", key_fixture_path(key)),
    };
    let output = tokio::time::timeout(Duration::from_secs(120), command.output())
        .await
        .expect("the example finishes within two minutes")
        .expect("the example runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every call succeeds, the faults all happened, and the client kept every rule.
async fn survives_everything(login: Login, label: &str) {
    let fake = FakeOnline::start(Faults::all()).await;
    let run = run_example(&fake, login).await;
    let lines: Vec<&str> = run.stdout.lines().collect();
    let expected: Vec<String> = (1..=CALLS)
        .map(|i| format!("call {i} ok"))
        .chain([format!("OK {CALLS}")])
        .collect();
    assert_eq!(lines, expected, "{label}: stderr {}", run.stderr);
    assert_eq!(run.code, Some(0), "{label}");
    assert_eq!(fake.violations(), Vec::<String>::new(), "{label}");
    let statuses: Vec<u16> = fake
        .seen()
        .iter()
        .filter(|s| s.endpoint.starts_with("node"))
        .map(|s| s.status)
        .collect();
    for status in [429, 503, 401, 421] {
        assert!(
            statuses.contains(&status),
            "{label}: no {status} in {statuses:?}"
        );
    }
    assert!(fake.lookups() <= 3, "{label}: {} lookups", fake.lookups());
    assert!(fake.grants() <= 3, "{label}: {} grants", fake.grants());
    assert!(fake.seen().iter().all(|s| s.header("user-agent").is_some()));
    eprintln!(
        "{label}: {CALLS} calls, {} API requests, {} lookups, {} grants; client: {}",
        fake.api_requests(),
        fake.lookups(),
        fake.grants(),
        run.stderr.trim()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_survives_every_fault() {
    survives_everything(Login::OAuth, "oauth").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn system_user_with_a_pkcs1_key_survives_every_fault() {
    survives_everything(Login::SystemUser("client_pkcs1.pem"), "system user, PKCS#1").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn system_user_with_a_pkcs8_key_survives_every_fault() {
    survives_everything(Login::SystemUser("client_pkcs8.pem"), "system user, PKCS#8").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn system_user_with_an_xml_key_survives_every_fault() {
    survives_everything(Login::SystemUser("client.xml"), "system user, XML").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_ticket_is_never_sent() {
    let faults = Faults {
        forge_jwt: true,
        ..Faults::all()
    };
    let fake = FakeOnline::start(faults).await;
    let run = run_example(&fake, Login::SystemUser("client_pkcs1.pem")).await;
    assert_ne!(run.code, Some(0), "{}", run.stdout);
    assert_eq!(run.stdout.lines().last(), Some("OK 0"), "{}", run.stdout);
    assert!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("call "))
            .all(|l| l.contains("failed: the ticket's JWT failed verification")),
        "{}",
        run.stdout
    );
    assert_eq!(fake.violations(), Vec::<String>::new());
    assert!(!run.stdout.contains(FORGED_TICKET) && !run.stderr.contains(FORGED_TICKET));
    for seen in fake.seen() {
        assert!(
            !seen.endpoint.starts_with("node"),
            "an API request was sent: {seen:?}"
        );
    }
}
