//! A tiny HTTP/1.1 server on `127.0.0.1` for end-to-end tests of HTTP
//! clients, built on `std::net` only.
//!
//! It records every request it receives and answers each one with a canned
//! response chosen by a closure, then closes the connection
//! (`Connection: close`), so each request arrives on its own connection.
//!
//! The server is bounded so a broken test cannot hang the suite: it serves
//! at most `max_connections` connections, gives up after an idle lifetime
//! (30 s by default) without new connections, applies read/write timeouts to
//! every connection, and stops when the [`LoopbackServer`] is dropped.
//!
//! Deliberately minimal: request bodies are read by `Content-Length` only
//! (no chunked transfer encoding), there is no keep-alive and no TLS.
//!
//! ```
//! use std::io::{Read, Write};
//! use workspace_tests::loopback::{CannedResponse, LoopbackServer};
//!
//! let server = LoopbackServer::start(1, |_req| CannedResponse::json(200, r#"{"ok":true}"#)).unwrap();
//! let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
//! stream.write_all(b"GET /x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n").unwrap();
//! let mut answer = String::new();
//! stream.read_to_string(&mut answer).unwrap();
//! assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"));
//! assert_eq!(server.requests()[0].path_and_query, "/x?y=1");
//! ```

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a connection may stall while reading or writing.
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the accept loop checks for shutdown.
const POLL_INTERVAL: Duration = Duration::from_millis(5);
/// Upper bound on the request line plus headers, against runaway input.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Upper bound on a request body.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// One request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The method, as sent (e.g. `GET`).
    pub method: String,
    /// The request target: path plus query string, exactly as sent.
    pub path_and_query: String,
    /// Headers in arrival order, names lower-cased, values trimmed.
    pub headers: Vec<(String, String)>,
    /// The body (read according to `Content-Length`; empty without one).
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// All values of header `name` (case-insensitive), in arrival order.
    pub fn header_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path without the query string.
    pub fn path(&self) -> &str {
        self.path_and_query
            .split_once('?')
            .map_or(self.path_and_query.as_str(), |(path, _)| path)
    }

    /// The query string without `?`, if there is one.
    pub fn query(&self) -> Option<&str> {
        self.path_and_query.split_once('?').map(|(_, q)| q)
    }
}

/// The response the server sends for a request.
///
/// `Content-Length` and `Connection: close` are added by the server (no
/// `Content-Length` and no body for 1xx, 204 and 304 responses, as HTTP
/// requires); do not put them in `headers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedResponse {
    /// The status code.
    pub status: u16,
    /// Headers to send, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl CannedResponse {
    /// A response with no headers and no body.
    pub fn new(status: u16) -> Self {
        CannedResponse {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A response with `Content-Type: application/json; charset=utf-8`.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::new(status)
            .header("Content-Type", "application/json; charset=utf-8")
            .body(body)
    }

    /// A response with `Content-Type: text/html; charset=utf-8`.
    pub fn html(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::new(status)
            .header("Content-Type", "text/html; charset=utf-8")
            .body(body)
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
}

type Responder = dyn Fn(&RecordedRequest) -> CannedResponse + Send + 'static;

/// State shared between the test and the server thread.
struct Shared {
    requests: Mutex<Vec<RecordedRequest>>,
    stop: AtomicBool,
}

/// A running loopback server; see the [module docs](self).
///
/// Dropping it stops the server and waits for its thread.
pub struct LoopbackServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl LoopbackServer {
    /// Starts a server on `127.0.0.1` with an OS-assigned port that serves
    /// up to `max_connections` connections, answering each request with
    /// `respond(&request)`. Stops after 30 s without a new connection.
    pub fn start<F>(max_connections: usize, respond: F) -> io::Result<Self>
    where
        F: Fn(&RecordedRequest) -> CannedResponse + Send + 'static,
    {
        Self::start_with_idle_limit(max_connections, Duration::from_secs(30), respond)
    }

    /// Like [`LoopbackServer::start`] with an explicit idle lifetime: the
    /// server stops when no connection arrives for `idle_limit`.
    pub fn start_with_idle_limit<F>(
        max_connections: usize,
        idle_limit: Duration,
        respond: F,
    ) -> io::Result<Self>
    where
        F: Fn(&RecordedRequest) -> CannedResponse + Send + 'static,
    {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            requests: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
        });
        let thread_shared = Arc::clone(&shared);
        let respond: Box<Responder> = Box::new(respond);
        let thread = std::thread::Builder::new()
            .name(format!("loopback-{}", addr.port()))
            .spawn(move || {
                serve(
                    listener,
                    max_connections,
                    idle_limit,
                    &thread_shared,
                    &*respond,
                )
            })?;
        Ok(LoopbackServer {
            addr,
            shared,
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, without trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A snapshot of the requests received so far, in arrival order. A
    /// request is recorded before its response is written, so it is visible
    /// here as soon as the client has the response.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Stops the server and waits for its thread to finish.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            // A panicking responder already failed the test through the
            // client side; do not turn it into a double panic here.
            let _ = thread.join();
        }
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

impl std::fmt::Debug for LoopbackServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoopbackServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

fn serve(
    listener: TcpListener,
    max_connections: usize,
    idle_limit: Duration,
    shared: &Shared,
    respond: &Responder,
) {
    let mut served = 0;
    let mut last_activity = Instant::now();
    while served < max_connections && !shared.stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                served += 1;
                // Errors on one connection (client hung up, timeout) only
                // affect that connection; the test sees them client-side.
                let _ = handle(stream, shared, respond);
                last_activity = Instant::now();
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                if last_activity.elapsed() >= idle_limit {
                    break;
                }
                std::thread::sleep(POLL_INTERVAL);
            }
            Err(_) => std::thread::sleep(POLL_INTERVAL),
        }
    }
}

fn handle(stream: TcpStream, shared: &Shared, respond: &Responder) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let response = match read_request(&mut reader) {
        Ok(request) => {
            let response = respond(&request);
            shared
                .requests
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(request);
            response
        }
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            CannedResponse::new(400).body(format!("bad request: {e}"))
        }
        Err(e) => return Err(e),
    };
    writer.write_all(&encode_response(&response))?;
    writer.flush()?;
    writer.shutdown(std::net::Shutdown::Write)
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

/// Reads one CRLF- (or LF-) terminated line of the request head.
fn read_line(reader: &mut impl BufRead, budget: &mut usize) -> io::Result<String> {
    let mut line = Vec::new();
    let limit = u64::try_from(*budget).unwrap_or(u64::MAX);
    reader.by_ref().take(limit).read_until(b'\n', &mut line)?;
    if !line.ends_with(b"\n") {
        return Err(invalid(if line.len() >= *budget {
            "request head too large"
        } else {
            "connection closed inside the request head"
        }));
    }
    *budget -= line.len();
    line.pop();
    if line.ends_with(b"\r") {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| invalid("request head is not UTF-8"))
}

fn read_request(reader: &mut impl BufRead) -> io::Result<RecordedRequest> {
    let mut budget = MAX_HEAD_BYTES;
    let request_line = read_line(reader, &mut budget)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid("malformed request line"));
    };
    if method.is_empty() || target.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(invalid("malformed request line"));
    }

    let mut headers = Vec::new();
    loop {
        let line = read_line(reader, &mut budget)?;
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| invalid("malformed header line"))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }

    let length = match headers.iter().find(|(n, _)| n == "content-length") {
        Some((_, v)) => v
            .parse::<usize>()
            .map_err(|_| invalid("bad Content-Length"))?,
        None => 0,
    };
    if length > MAX_BODY_BYTES {
        return Err(invalid("request body too large"));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;

    Ok(RecordedRequest {
        method: method.to_owned(),
        path_and_query: target.to_owned(),
        headers,
        body,
    })
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn encode_response(response: &CannedResponse) -> Vec<u8> {
    let bodiless = matches!(response.status, 100..=199 | 204 | 304);
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason_phrase(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !bodiless {
        head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut bytes = head.into_bytes();
    if !bodiless {
        bytes.extend_from_slice(&response.body);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(addr: SocketAddr, raw: &[u8]) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(IO_TIMEOUT)).unwrap();
        stream.write_all(raw).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn records_requests_and_replies_with_canned_responses() {
        let server = LoopbackServer::start(2, |req| {
            CannedResponse::json(201, format!("{{\"len\":{}}}", req.body.len()))
                .header("X-Seen", req.method.clone())
        })
        .unwrap();
        let answer = exchange(
            server.addr(),
            b"POST /api/v1/Thing?$top=1 HTTP/1.1\r\nHost: x\r\nX-Multi: a\r\nx-multi: b\r\nContent-Length: 5\r\n\r\nhello",
        );
        assert_eq!(
            answer,
            "HTTP/1.1 201 Created\r\nContent-Type: application/json; charset=utf-8\r\n\
             X-Seen: POST\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{\"len\":5}"
        );
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        let req = &requests[0];
        assert_eq!(req.method, "POST");
        assert_eq!(req.path(), "/api/v1/Thing");
        assert_eq!(req.query(), Some("$top=1"));
        assert_eq!(req.header("HOST"), Some("x"));
        assert_eq!(req.header_all("x-multi").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(req.body, b"hello");
    }

    #[test]
    fn bodiless_statuses_get_no_length_or_body() {
        let server =
            LoopbackServer::start(1, |_| CannedResponse::new(204).body("ignored")).unwrap();
        let answer = exchange(server.addr(), b"DELETE /x HTTP/1.1\r\n\r\n");
        assert_eq!(
            answer,
            "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
        );
    }

    #[test]
    fn malformed_requests_get_400_and_are_not_recorded() {
        let server = LoopbackServer::start(1, |_| CannedResponse::new(200)).unwrap();
        let answer = exchange(server.addr(), b"NONSENSE\r\n\r\n");
        assert!(
            answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{answer}"
        );
        assert!(server.requests().is_empty());
    }

    #[test]
    fn stops_after_max_connections() {
        let server = LoopbackServer::start(1, |_| CannedResponse::new(200)).unwrap();
        exchange(server.addr(), b"GET / HTTP/1.1\r\n\r\n");
        let thread = server.thread.as_ref().unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(POLL_INTERVAL);
        }
        assert!(thread.is_finished());
    }

    #[test]
    fn stops_when_idle_or_dropped() {
        let idle = LoopbackServer::start_with_idle_limit(5, Duration::from_millis(20), |_| {
            CannedResponse::new(200)
        })
        .unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !idle.thread.as_ref().unwrap().is_finished() && Instant::now() < deadline {
            std::thread::sleep(POLL_INTERVAL);
        }
        assert!(idle.thread.as_ref().unwrap().is_finished());

        let started = Instant::now();
        let busy = LoopbackServer::start(5, |_| CannedResponse::new(200)).unwrap();
        drop(busy);
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
