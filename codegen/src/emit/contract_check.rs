//! The contract check: an example program, emitted beside the sample check (never into the
//! checked-in crate), that sends one request per endpoint through the crate's own `Client` to
//! a validating mock of SuperOffice's Swagger specs (Stoplight Prism, one instance for the REST
//! spec and one for the Agents spec), and decodes every answer into the endpoint's response
//! type.
//!
//! Each request is built by the sample check's own builder call ([`build_call`]), so the two
//! checks send the same values. The program reports every endpoint whose request the mock
//! rejected, whose response did not decode, or that failed otherwise, and a summary line;
//! `.ci/contract.sh` starts Prism, runs it and judges the failures.

use quote::quote;

use super::krate::CratePlan;
use super::names::ident;
use super::sample_check::{build_call, common_items};
use super::{header_text, rust_file, EmitOptions, FileTokens, GeneratedFile};

/// `examples/contract_check.rs`; its sample requests are the sample check's
/// `examples/sample_requests.json`.
pub(crate) fn contract_check_file(plan: &CratePlan, opts: &EmitOptions) -> GeneratedFile {
    let builds = plan.areas.iter().flat_map(|area| {
        let feature = &area.feature;
        let parent = ident(area.parent());
        let module = ident(&area.module);
        area.endpoints.iter().map(move |e| {
            let builder = ident(&e.names.struct_name);
            build_call(
                e.endpoint,
                &plan.enums,
                feature,
                quote!(superoffice_api::#parent::#module::#builder),
            )
        })
    });
    let header = header_text(&[], opts);
    let doc = super::inner_doc_attrs(
        "Sends one request per endpoint (built as the sample check builds it: a plain value per \
         path parameter and query parameter, the page's sample request as the body) \
         through `Client` to Stoplight Prism mocking SuperOffice's Swagger specs, and decodes \
         each response into the endpoint's response type.\n\
         \n\
         Prints one line per endpoint that did not pass: `rejected ID METHOD URL: STATUS \
         MESSAGE` (Prism refused the request; its validation messages), `decode_fail ID METHOD \
         URL: ERROR` (a 2xx body that does not decode), `other ID METHOD URL: ERROR` (the \
         request did not build or no answer came), then `CONTRACT requests=N accepted=N \
         rejected=N decode_ok=N decode_fail=N other=N`. Exits with 1 when any endpoint did not \
         pass, 2 when the arguments are wrong.\n\
         \n\
         Run: `cargo run --release --all-features --example contract_check -- --rest \
         http://127.0.0.1:4010 --agents http://127.0.0.1:4011 [--jobs 8]` with Prism serving \
         `Swagger-v1-REST.json` and `Swagger-v1-Agents.json` there (`.ci/contract.sh` does it \
         all).",
    );
    let common = common_items();
    let tokens = quote! {
        #doc
        // Areas whose feature is off leave helpers unused.
        #![allow(dead_code, unused_mut)]

        use std::sync::{Arc, Mutex};
        use std::time::Duration;

        use serde_json::Value;
        use superoffice_api::runtime::{ApiError, ApiRequest, Auth, BaseUrl, BuildError, Client, RawResponse, RequestParts, WithOptions};

        #common

        /// Requests in flight per Prism instance unless `--jobs` says otherwise: Prism is one
        /// Node.js thread, so a few keep it busy while the client decodes.
        const DEFAULT_JOBS: usize = 8;

        /// How long one request may take before it counts as `other`.
        const TIMEOUT: Duration = Duration::from_secs(60);

        /// Where the paths of the Agents spec start; all other paths are in the REST spec.
        const AGENTS_PREFIX: &str = "/api/v1/Agents/";

        /// One endpoint's request, ready to send, and its response type's decoder.
        struct Job {
            id: &'static str,
            /// `METHOD path?query`, for the report.
            target: String,
            parts: Result<RequestParts, BuildError>,
            decode: fn(RawResponse) -> Result<(), ApiError>,
        }

        /// Decodes into `R`'s response type and forgets the value.
        fn decode<R: ApiRequest>(raw: RawResponse) -> Result<(), ApiError> {
            R::decode(raw).map(drop)
        }

        /// What happened to one request.
        enum Outcome {
            DecodeOk,
            DecodeFail(String),
            Rejected(String),
            Other(String),
        }

        /// The jobs of both specs, collected from the sample check's builder calls.
        struct Builds<'a> {
            bodies: &'a serde_json::Map<String, Value>,
            rest: Vec<Job>,
            agents: Vec<Job>,
        }

        impl Builds<'_> {
            /// The body of `id`'s sample request (see `sample_body`).
            fn body<T: serde::de::DeserializeOwned + Default>(&self, id: &str) -> T {
                sample_body(self.bodies, id)
            }

            /// Describes the request `build` makes from `body`, for the spec its path is in.
            fn add<T, R: ApiRequest>(&mut self, id: &'static str, body: T, build: impl Fn(T) -> R) {
                let parts = build(body).into_parts();
                let target = match &parts {
                    Ok(p) if p.query.is_empty() => format!("{} {}", R::META.method.as_str(), p.path),
                    Ok(p) => format!("{} {}?{}", R::META.method.as_str(), p.path, shortened(p.query.as_str())),
                    Err(_) => format!("{} {}", R::META.method.as_str(), R::META.path_template),
                };
                let job = Job { id, target, parts, decode: decode::<R> };
                if R::META.path_template.starts_with(AGENTS_PREFIX) {
                    self.agents.push(job);
                } else {
                    self.rest.push(job);
                }
            }
        }

        impl Job {
            /// Sends the request and judges the answer.
            async fn run(self, client: &Client) -> (&'static str, String, Outcome) {
                let outcome = match self.parts {
                    Err(e) => Outcome::Other(format!("the request does not build: {e}")),
                    Ok(parts) => match send(client, parts).await {
                        Err(e) => Outcome::Other(reason(&e, "")),
                        Ok(raw) if !raw.status.is_success() => Outcome::Rejected(rejection(&raw)),
                        Ok(raw) => {
                            let text = String::from_utf8_lossy(&raw.body).into_owned();
                            match (self.decode)(raw) {
                                Ok(()) => Outcome::DecodeOk,
                                Err(e @ ApiError::Decode { .. }) => Outcome::DecodeFail(reason(&e, &text)),
                                Err(e) => Outcome::Other(reason(&e, &text)),
                            }
                        }
                    },
                };
                (self.id, self.target, outcome)
            }
        }

        /// Sends `parts`, once more after a transport error: Node.js closes idle keep-alive
        /// connections, and a request can meet one just as it closes. The report says how
        /// often that happened.
        async fn send(client: &Client, parts: RequestParts) -> Result<RawResponse, ApiError> {
            match client.execute(parts.clone()).await {
                Err(ApiError::Transport(_)) => {
                    RETRIED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    client.execute(parts).await
                }
                done => done,
            }
        }

        /// Requests sent again after a transport error.
        static RETRIED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

        /// Why Prism refused a request: its status and validation messages, from the
        /// `sl-violations` header (set also when Prism answers with an error response of the
        /// spec) or its problem+json body.
        fn rejection(raw: &RawResponse) -> String {
            let header = raw
                .headers
                .get("sl-violations")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| serde_json::from_str::<Value>(v).ok());
            let body = serde_json::from_slice::<Value>(&raw.body).ok();
            let violations = header
                .as_ref()
                .or(body.as_ref().and_then(|b| b.get("validation")))
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter(|v| v.get("severity").and_then(Value::as_str) != Some("Warning"))
                        .map(|v| {
                            let location: Vec<&str> = v
                                .get("location")
                                .and_then(Value::as_array)
                                .map(|l| l.iter().filter_map(Value::as_str).collect())
                                .unwrap_or_default();
                            let message = v.get("message").and_then(Value::as_str).unwrap_or("");
                            format!("{} {message}", location.join("."))
                        })
                        .collect::<Vec<_>>()
                })
                .filter(|list| !list.is_empty());
            let message = match (violations, &body) {
                (Some(list), _) => list.join("; "),
                (None, Some(b)) => b
                    .get("detail")
                    .or(b.get("title"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| b.to_string()),
                (None, None) => String::from_utf8_lossy(&raw.body).chars().take(200).collect(),
            };
            format!("{} {message}", raw.status.as_u16())
        }

        /// How much of a query string or a message a report line shows: a few endpoints take a
        /// whole entity as query parameters, and Prism then lists a violation for each.
        const SHOWN: usize = 400;

        /// `text` cut to `SHOWN` characters.
        fn shortened(text: &str) -> String {
            match text.char_indices().nth(SHOWN) {
                Some((at, _)) => format!("{}...", &text[..at]),
                None => text.to_owned(),
            }
        }

        /// Sends `jobs` to `client`'s Prism, `width` at a time.
        async fn run_all(client: Client, jobs: Vec<Job>, width: usize) -> Vec<(&'static str, String, Outcome)> {
            let queue = Arc::new(Mutex::new(jobs.into_iter()));
            let mut workers = tokio::task::JoinSet::new();
            for _ in 0..width.max(1) {
                let queue = Arc::clone(&queue);
                let client = client.clone();
                workers.spawn(async move {
                    let mut done = Vec::new();
                    loop {
                        let next = queue.lock().expect("no worker panics holding the queue").next();
                        let Some(job) = next else { break };
                        done.push(job.run(&client).await);
                    }
                    done
                });
            }
            let mut all = Vec::new();
            while let Some(done) = workers.join_next().await {
                all.extend(done.expect("a worker does not panic"));
            }
            all
        }

        /// The command line: the two Prism base URLs and the width.
        struct Args {
            rest: BaseUrl,
            agents: BaseUrl,
            jobs: usize,
        }

        impl Args {
            fn parse() -> Result<Args, String> {
                let (mut rest, mut agents, mut jobs) = (None, None, DEFAULT_JOBS);
                let mut args = std::env::args().skip(1);
                while let Some(flag) = args.next() {
                    let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
                    let url = || BaseUrl::parse(&value).map_err(|e| e.to_string());
                    match flag.as_str() {
                        "--rest" => rest = Some(url()?),
                        "--agents" => agents = Some(url()?),
                        "--jobs" => jobs = value.parse().map_err(|_| format!("--jobs {value}: not a number"))?,
                        _ => return Err(format!("unknown argument {flag}")),
                    }
                }
                Ok(Args {
                    rest: rest.ok_or("--rest URL is required")?,
                    agents: agents.ok_or("--agents URL is required")?,
                    jobs,
                })
            }
        }

        /// A client for one Prism instance, with credentials (Prism checks the spec's security
        /// schemes) and a timeout per request.
        fn client(base: BaseUrl) -> Client {
            let http = reqwest::Client::builder()
                .timeout(TIMEOUT)
                .build()
                .expect("a reqwest client builds");
            Client::builder()
                .base_url(base)
                .http_client(http)
                .auth(Auth::Basic { user: "contract".into(), password: "check".into() })
                .build()
                .expect("a client with a base URL builds")
        }

        fn main() {
            let args = match Args::parse() {
                Ok(args) => args,
                Err(e) => {
                    eprintln!("contract_check: {e}");
                    std::process::exit(2);
                }
            };
            let bodies: serde_json::Map<String, Value> = serde_json::from_str(include_str!("sample_requests.json"))
                .expect("examples/sample_requests.json is the generator's output");
            let mut builds = Builds { bodies: &bodies, rest: Vec::new(), agents: Vec::new() };
            #(#builds)*
            let Builds { rest, agents, .. } = builds;
            let requests = rest.len() + agents.len();
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime starts");
            let mut results = runtime.block_on(async {
                let rest = tokio::spawn(run_all(client(args.rest), rest, args.jobs));
                let agents = tokio::spawn(run_all(client(args.agents), agents, args.jobs));
                let mut all = rest.await.expect("the REST run does not panic");
                all.extend(agents.await.expect("the Agents run does not panic"));
                all
            });
            results.sort_by(|a, b| a.0.cmp(b.0));
            let (mut decode_ok, mut decode_fail, mut rejected, mut other) = (0, 0, 0, 0);
            for (id, target, outcome) in &results {
                let (kind, what) = match outcome {
                    Outcome::DecodeOk => {
                        decode_ok += 1;
                        continue;
                    }
                    Outcome::DecodeFail(what) => {
                        decode_fail += 1;
                        ("decode_fail", what)
                    }
                    Outcome::Rejected(what) => {
                        rejected += 1;
                        ("rejected", what)
                    }
                    Outcome::Other(what) => {
                        other += 1;
                        ("other", what)
                    }
                };
                println!("{kind} {id} {target}: {}", shortened(&what.replace('\n', " ")));
            }
            let retried = RETRIED.load(std::sync::atomic::Ordering::Relaxed);
            if retried > 0 {
                println!("note: {retried} requests sent again after a transport error");
            }
            println!(
                "CONTRACT requests={requests} accepted={} rejected={rejected} decode_ok={decode_ok} decode_fail={decode_fail} other={other}",
                decode_ok + decode_fail,
            );
            std::process::exit(i32::from(decode_ok != requests));
        }
    };
    rust_file(
        "examples/contract_check.rs".into(),
        &header,
        FileTokens::whole(tokens),
    )
}
