//! The sample check: an example program, emitted only when [`EmitOptions::sample_check`] asks
//! for it (never into the checked-in crate), that decodes the sample response of every
//! endpoint page into the endpoint's response type, serializes the value back, and reports per
//! endpoint whether it decoded and whether it came back as the sample.
//!
//! `examples/sample_check.rs` calls one generic check per endpoint, typed by the endpoint's
//! builder; `examples/sample_check.json` holds the samples by operation id. It then builds an
//! `http::Request` for every endpoint, with the sample requests of
//! `examples/sample_requests.json` as bodies, and times that (the request-building benchmark). Run it with
//! `cargo run --all-features --example sample_check` in the generated crate.
//!
//! [`EmitOptions::sample_check`]: super::EmitOptions::sample_check

use proc_macro2::TokenStream;
use quote::quote;

use super::endpoint::{decodes_to, plan_params, Decodes};
use super::enums::EnumPlan;
use super::krate::CratePlan;
use super::names::ident;
use super::types::Scalar;
use super::{header_text, rust_file, EmitOptions, FileTokens, GeneratedFile};
use crate::ir::{BodyKind, Endpoint};
use crate::resolve::sample::BINARY_PLACEHOLDER;

/// The example and its samples file.
pub(crate) fn sample_check_files(plan: &CratePlan, opts: &EmitOptions) -> Vec<GeneratedFile> {
    let mut samples = serde_json::Map::new();
    let mut request_bodies = serde_json::Map::new();
    let mut calls: Vec<TokenStream> = Vec::new();
    let mut builds: Vec<TokenStream> = Vec::new();
    for area in &plan.areas {
        let feature = &area.feature;
        let parent = ident(area.parent());
        let module = ident(&area.module);
        for e in &area.endpoints {
            let builder = ident(&e.names.struct_name);
            if let Some(body) = &e.endpoint.sample_request {
                request_bodies.insert(e.endpoint.id.clone(), body.clone());
            }
            builds.push(build_call(
                e.endpoint,
                &plan.enums,
                feature,
                quote!(superoffice_api::#parent::#module::#builder),
            ));
            let Some(sample) = &e.endpoint.sample_response else {
                continue;
            };
            let Some(body) = &sample.body else {
                continue;
            };
            let id = &e.endpoint.id;
            let method = match decodes_to(e.endpoint) {
                Decodes::Unit => quote!(unit),
                Decodes::Bytes => quote!(bytes),
                Decodes::Json => quote!(json),
            };
            samples.insert(
                id.clone(),
                serde_json::json!({"status": sample.status, "body": body}),
            );
            calls.push(quote! {
                #[cfg(feature = #feature)]
                check.#method::<superoffice_api::#parent::#module::#builder>(#id);
            });
        }
    }
    let header = header_text(&[], opts);
    let doc = super::inner_doc_attrs(
        "Decodes the sample response of every endpoint page into the endpoint's response type \
         and serializes it back, then reports per endpoint: `ok` (decoded, and back as the \
         sample up to `null`s the model leaves out), `differs` (decoded, came back different) \
         or `fail` (did not decode, with the reason). A sample with an error status (a page \
         that documents only a 404) must give `ApiError::Status`.\n\
         \n\
         The docs print `GIF89....File contents as raw bytes...` where the API sends bytes as \
         base64 text; the check sends the base64 of that text instead, so that bytes inside \
         JSON are checked the way they travel.\n\
         \n\
         Then builds an `http::Request` for every endpoint (a plain value per path parameter \
         and query parameter, the page's sample request as the body) and times that, \
         after checking each builds.\n\
         \n\
         Run: `cargo run --all-features --example sample_check`.",
    );
    let common = common_items();
    let tokens = quote! {
        #doc
        // Areas whose feature is off leave helpers unused.
        #![allow(dead_code, unused_mut)]

        use std::collections::BTreeMap;

        use serde_json::Value;
        use superoffice_api::runtime::{ApiError, ApiRequest, Base64Bytes, BaseUrl, BuildError, RawResponse};

        /// The docs' text where bytes go.
        const PLACEHOLDER: &str = #BINARY_PLACEHOLDER;

        /// A sample response of a page.
        #[derive(serde::Deserialize)]
        struct Sample {
            status: u16,
            body: Value,
        }

        /// The tally.
        #[derive(Default)]
        struct Check {
            samples: BTreeMap<String, Sample>,
            checked: usize,
            same: usize,
            differ: Vec<(String, String)>,
            failed: Vec<(String, String)>,
            units: usize,
            bytes: usize,
            errors: usize,
            placeholders: usize,
            /// Time to decode the JSON samples into their generated types, and the same bytes
            /// into `serde_json::Value`, over `TIMING_ROUNDS` rounds.
            typed: std::time::Duration,
            untyped: std::time::Duration,
            timed: usize,
        }

        #common

        /// How often each JSON sample is decoded for the timing figures.
        const TIMING_ROUNDS: usize = 20;

        impl Check {
            /// The sample of `id` as the server would send it; `None` when there is none, or
            /// when its status is an error, which is then checked to give `ApiError::Status`
            /// whatever the response type.
            fn response<R: ApiRequest>(&mut self, id: &str) -> Option<(Value, RawResponse)> {
                let sample = self.samples.remove(id)?;
                let mut body = sample.body;
                if replace_placeholders(&mut body) {
                    self.placeholders += 1;
                }
                let bytes = serde_json::to_vec(&body).expect("a JSON value serializes");
                let status = http::StatusCode::from_u16(sample.status).unwrap_or(http::StatusCode::OK);
                self.checked += 1;
                let raw = RawResponse::new(status, bytes);
                if status.is_success() {
                    return Some((body, raw));
                }
                match R::decode(raw) {
                    Err(ApiError::Status { .. }) => {
                        self.errors += 1;
                        self.same += 1;
                    }
                    Err(e) => self.failed.push((id.to_string(), e.to_string())),
                    Ok(_) => self.failed.push((id.to_string(), format!("status {status} decoded as a success"))),
                }
                None
            }

            fn json<R: ApiRequest>(&mut self, id: &str)
            where
                R::Response: serde::Serialize,
            {
                let Some((sample, raw)) = self.response::<R>(id) else { return };
                let text = String::from_utf8_lossy(&raw.body).into_owned();
                if raw.status.is_success() {
                    // The same bytes, typed and as a `Value`, alternating to share the noise.
                    for _ in 0..TIMING_ROUNDS {
                        let copy = RawResponse::new(raw.status, raw.body.clone());
                        let start = std::time::Instant::now();
                        let typed = R::decode(copy);
                        self.typed += start.elapsed();
                        std::hint::black_box(typed.is_ok());
                        let start = std::time::Instant::now();
                        let untyped = serde_json::from_slice::<Value>(&raw.body);
                        self.untyped += start.elapsed();
                        std::hint::black_box(untyped.is_ok());
                    }
                    self.timed += 1;
                }
                match R::decode(raw) {
                    Ok(value) => match serde_json::to_value(&value) {
                        Ok(back) => match difference("", &sample, &back) {
                            None => self.same += 1,
                            Some(what) => self.differ.push((id.to_string(), what)),
                        },
                        Err(e) => self.differ.push((id.to_string(), format!("does not serialize: {e}"))),
                    },
                    Err(e) => self.failed.push((id.to_string(), reason(&e, &text))),
                }
            }

            fn bytes<R: ApiRequest<Response = bytes::Bytes>>(&mut self, id: &str) {
                let Some((_, raw)) = self.response::<R>(id) else { return };
                let sent = raw.body.clone();
                match R::decode(raw) {
                    Ok(got) if got == sent => {
                        self.bytes += 1;
                        self.same += 1;
                    }
                    Ok(_) => self.differ.push((id.to_string(), "bytes changed".to_string())),
                    Err(e) => self.failed.push((id.to_string(), e.to_string())),
                }
            }

            fn unit<R: ApiRequest<Response = ()>>(&mut self, id: &str) {
                let Some((_, raw)) = self.response::<R>(id) else { return };
                match R::decode(raw) {
                    Ok(()) => {
                        self.units += 1;
                        self.same += 1;
                    }
                    Err(e) => self.failed.push((id.to_string(), e.to_string())),
                }
            }

            /// Prints the report; the exit code is the number of failures (at most 255).
            fn finish(self) -> i32 {
                for (id, what) in &self.failed {
                    println!("fail {id}: {what}");
                }
                for (id, what) in &self.differ {
                    println!("differs {id}: {what}");
                }
                let decoded = self.checked - self.failed.len();
                println!(
                    "sample check: {} samples, {} decoded ({} back as the sample, {} differ), {} failed; of those decoded {} are `()`, {} bytes and {} error statuses giving `ApiError::Status`; {} with the docs' bytes placeholder sent as base64; {} samples without a compiled endpoint",
                    self.checked,
                    decoded,
                    self.same,
                    self.differ.len(),
                    self.failed.len(),
                    self.units,
                    self.bytes,
                    self.errors,
                    self.placeholders,
                    self.samples.len(),
                );
                println!(
                    "decode timing: {} JSON samples x {TIMING_ROUNDS}: typed {:.1} ms, serde_json::Value {:.1} ms (typed/Value {:.2})",
                    self.timed,
                    self.typed.as_secs_f64() * 1e3,
                    self.untyped.as_secs_f64() * 1e3,
                    self.typed.as_secs_f64() / self.untyped.as_secs_f64().max(1e-9),
                );
                self.failed.len().min(255) as i32
            }
        }

        /// Replaces every string equal to the docs' bytes placeholder by its base64.
        fn replace_placeholders(v: &mut Value) -> bool {
            match v {
                Value::String(s) if s == PLACEHOLDER => {
                    *v = serde_json::to_value(Base64Bytes::from(PLACEHOLDER.as_bytes()))
                        .expect("base64 serializes");
                    true
                }
                Value::Array(items) => items.iter_mut().fold(false, |any, i| replace_placeholders(i) | any),
                Value::Object(map) => map.values_mut().fold(false, |any, i| replace_placeholders(i) | any),
                _ => false,
            }
        }

        /// Where `back` differs from `sample`, if anywhere: `null` and a missing member are the
        /// same, numbers compare by value.
        fn difference(at: &str, sample: &Value, back: &Value) -> Option<String> {
            match (sample, back) {
                (Value::Object(a), Value::Object(b)) => {
                    for (k, v) in a {
                        let w = b.get(k).unwrap_or(&Value::Null);
                        if let Some(d) = difference(&format!("{at}/{k}"), v, w) {
                            return Some(d);
                        }
                    }
                    b.iter()
                        .find(|(k, v)| !v.is_null() && !a.contains_key(*k))
                        .map(|(k, v)| format!("{at}/{k}: not in the sample, came back as {v}"))
                }
                (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
                    .iter()
                    .zip(b)
                    .enumerate()
                    .find_map(|(i, (v, w))| difference(&format!("{at}/{i}"), v, w)),
                (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
                (a, b) if a == b => None,
                (a, b) => Some(format!("{}: sample {a}, came back as {b}", if at.is_empty() { "/" } else { at })),
            }
        }

        /// Request builders of every endpoint with documented-looking arguments, built into
        /// `http::Request`s over and over for the timing figure.
        #[derive(Default)]
        struct Builds {
            bodies: serde_json::Map<String, Value>,
            requests: Vec<(&'static str, Box<dyn Fn(&BaseUrl) -> Result<http::Request<Vec<u8>>, BuildError>>)>,
        }

        impl Builds {
            /// The body of `id`'s sample request (see `sample_body`).
            fn body<T: serde::de::DeserializeOwned + Default>(&self, id: &str) -> T {
                sample_body(&self.bodies, id)
            }

            /// Registers `build`, which gets a copy of `body` at every build (a builder owns
            /// its body, as a caller's would).
            fn add<T: Clone + 'static, R: ApiRequest>(
                &mut self,
                id: &'static str,
                body: T,
                build: impl Fn(T) -> R + 'static,
            ) {
                self.requests.push((id, Box::new(move |base| build(body.clone()).to_http_request(base))));
            }

            /// Builds every request `TIMING_ROUNDS` times and prints the figure; a request that
            /// does not build is a failure.
            fn run(self) -> usize {
                let base = BaseUrl::parse("https://sod.superoffice.com/Cust12345").expect("a base URL");
                let mut failed = 0;
                for (id, build) in &self.requests {
                    if let Err(e) = build(&base) {
                        println!("fail {id}: the request does not build: {e}");
                        failed += 1;
                    }
                }
                let start = std::time::Instant::now();
                let mut bytes = 0usize;
                for _ in 0..TIMING_ROUNDS {
                    for (_, build) in &self.requests {
                        if let Ok(request) = build(&base) {
                            bytes += request.body().len() + request.uri().path().len();
                        }
                    }
                }
                let elapsed = start.elapsed();
                std::hint::black_box(bytes);
                let n = self.requests.len() * TIMING_ROUNDS;
                println!(
                    "request building: {} endpoints x {TIMING_ROUNDS}: {:.1} ms, {:.2} us per http::Request (builder, body serialization, URI and headers)",
                    self.requests.len(),
                    elapsed.as_secs_f64() * 1000.0,
                    elapsed.as_secs_f64() * 1e6 / n.max(1) as f64,
                );
                failed
            }
        }

        fn main() {
            let mut check = Check {
                samples: serde_json::from_str(include_str!("sample_check.json"))
                    .expect("examples/sample_check.json is the generator's output"),
                ..Check::default()
            };
            #(#calls)*
            let code = check.finish();
            let mut builds = Builds {
                bodies: serde_json::from_str(include_str!("sample_requests.json"))
                    .expect("examples/sample_requests.json is the generator's output"),
                ..Builds::default()
            };
            #(#builds)*
            let failed = builds.run();
            std::process::exit(code.saturating_add(i32::try_from(failed).unwrap_or(255)).min(255));
        }
    };
    let mut json = serde_json::to_string_pretty(&serde_json::Value::Object(samples))
        .expect("samples serialize");
    json.push('\n');
    let mut requests_json =
        serde_json::to_string_pretty(&serde_json::Value::Object(request_bodies))
            .expect("sample requests serialize");
    requests_json.push('\n');
    vec![
        rust_file(
            "examples/sample_check.rs".into(),
            &header,
            FileTokens::whole(tokens),
        ),
        GeneratedFile {
            path: "examples/sample_check.json".into(),
            contents: json,
        },
        GeneratedFile {
            path: "examples/sample_requests.json".into(),
            contents: requests_json,
        },
    ]
}

/// The variant the check passes for an enum parameter: a documented value a caller would
/// choose, so the first that is not a "no value" placeholder of .NET enums (`Unknown`,
/// `None`, `Undefined`), else the first.
fn sample_variant(plan: &EnumPlan) -> &str {
    const NO_VALUE: &[&str] = &["Unknown", "None", "Undefined"];
    plan.values
        .iter()
        .position(|v| !NO_VALUE.contains(&v.as_str()))
        .or((!plan.values.is_empty()).then_some(0))
        .map_or(plan.other.as_str(), |i| plan.variants[i].as_str())
}

/// The value the check passes for a path or query parameter of `scalar`: what a caller would
/// pass, so a documented enum value (see [`sample_variant`]) and a real date, and a plain
/// number or text (`1`, `"x"`) otherwise. A query list takes one such item
/// (`[sample_value(..)]`); the builders' setters take any `IntoIterator`.
pub(crate) fn sample_value(scalar: &Scalar, enums: &[EnumPlan]) -> TokenStream {
    match scalar {
        Scalar::Enum(values) => match enums.iter().find(|e| &e.values == values) {
            Some(plan) if plan.other != sample_variant(plan) => {
                let name = ident(&plan.rust_name);
                let variant = ident(sample_variant(plan));
                quote!(superoffice_api::enums::#name::#variant)
            }
            // Only a context without the crate's enums gets here; the builder takes text then.
            _ => quote!("x"),
        },
        Scalar::I32 | Scalar::I64 => quote!(1),
        Scalar::F64 => quote!(1.5),
        Scalar::Bool => quote!(true),
        Scalar::DateTime => quote!(superoffice_api::runtime::DateTime::parse(
            "2024-01-02T03:04:05Z"
        )
        .expect("a date")),
        Scalar::String => quote!("x"),
    }
}

/// Items both check programs define: the reason a response did not decode, and the sample
/// request body of an endpoint.
pub(super) fn common_items() -> TokenStream {
    quote! {
        /// Why a body did not decode: the error and its cause, and the sample around the
        /// column serde_json points at (the body is one line).
        fn reason(e: &ApiError, body: &str) -> String {
            let mut out = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                out.push_str(": ");
                out.push_str(&s.to_string());
                source = s.source();
            }
            if let ApiError::Decode { source, .. } = e {
                let at = source.column().saturating_sub(1);
                let start = (0..=at.saturating_sub(60)).rev().find(|&i| body.is_char_boundary(i)).unwrap_or(0);
                let end = (at + 20..=body.len()).find(|&i| body.is_char_boundary(i)).unwrap_or(body.len());
                out.push_str(&format!(" near `{}`", &body[start..end.max(start)]));
            }
            out
        }

        /// The body of `id`'s sample request in `bodies`, or the type's default where the page
        /// shows none (or one that does not fit).
        fn sample_body<T: serde::de::DeserializeOwned + Default>(
            bodies: &serde_json::Map<String, Value>,
            id: &str,
        ) -> T {
            bodies
                .get(id)
                .and_then(|v| serde_json::from_value(v.clone()).ok())
                .unwrap_or_default()
        }
    }
}

/// `builds.add(id, body, |body| ...)` for one endpoint: `new` called with a value per path
/// parameter (see [`sample_value`]) and the page's sample request as the body, then every query
/// parameter set to a value of its type (the docs mark few of those the server requires as
/// required). The closure gives the builder itself, so that the sample check turns it into an
/// `http::Request` and the contract check sends it through `Client`: both send the same request.
pub(super) fn build_call(
    endpoint: &Endpoint,
    enums: &[EnumPlan],
    feature: &str,
    builder: TokenStream,
) -> TokenStream {
    let id = &endpoint.id;
    let (path_params, query_params) = plan_params(endpoint);
    let mut args: Vec<TokenStream> = path_params
        .iter()
        .map(|p| sample_value(&p.scalar, enums))
        .collect();
    let setters = query_params.iter().map(|q| {
        let setter = ident(&q.ident);
        let value = sample_value(&q.ty.scalar, enums);
        if q.ty.list {
            quote!(.#setter([#value]))
        } else {
            quote!(.#setter(#value))
        }
    });
    let body = match endpoint.request_body.as_ref().map(|b| b.kind) {
        None => quote!(()),
        Some(BodyKind::Binary) => quote!(b"GIF89a".to_vec()),
        Some(BodyKind::JsonPatch) => quote!(superoffice_api::runtime::JsonPatch::default()),
        Some(_) => quote!(builds.body(#id)),
    };
    let body_arg = if endpoint.request_body.is_some() {
        args.push(quote!(body));
        quote!(body)
    } else {
        quote!(())
    };
    quote! {
        #[cfg(feature = #feature)]
        {
            let body = #body;
            builds.add(#id, body, |#body_arg| #builder::new(#(#args),*)#(#setters)*);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(values: &[&str]) -> EnumPlan {
        EnumPlan {
            rust_name: "Level".into(),
            values: values.iter().map(|v| v.to_string()).collect(),
            variants: values.iter().map(|v| v.to_string()).collect(),
            other: "Other".into(),
        }
    }

    #[test]
    fn parameters_get_values_a_caller_would_pass() {
        let enums = [plan(&["Undefined", "Group", "Individual"])];
        let values = enums[0].values.clone();
        assert_eq!(
            sample_value(&Scalar::Enum(values), &enums).to_string(),
            quote!(superoffice_api::enums::Level::Group).to_string()
        );
        assert_eq!(sample_variant(&plan(&["None", "Unknown"])), "None");
        let date = sample_value(&Scalar::DateTime, &enums).to_string();
        assert!(date.contains("2024-01-02T03:04:05Z"), "{date}");
        assert_eq!(sample_value(&Scalar::I32, &enums).to_string(), "1");
    }
}
