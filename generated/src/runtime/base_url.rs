// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! The tenant root URL that endpoint paths are appended to.

use std::fmt;
use std::str::FromStr;

use super::error::BuildError;

/// The root of a SuperOffice tenant, e.g.
/// `https://sod.superoffice.com/Cust12345`, WITHOUT `/api`.
///
/// Endpoint path templates are the documented full paths starting with
/// `/api/v1/`, so the base is everything before that. For convenience,
/// [`BaseUrl::parse`] also accepts the URL with a trailing `/`, `/api`, or
/// `/api/v1` (matched case-insensitively) and strips it, since users often
/// copy the API URL instead of the tenant root.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    root: String,
}

impl BaseUrl {
    /// Validates and normalises a tenant root.
    ///
    /// Fails with [`BuildError::InvalidBaseUrl`] unless the input is an
    /// absolute `http` or `https` URL with a host and without query string,
    /// fragment or whitespace.
    pub fn parse(input: &str) -> Result<Self, BuildError> {
        let fail = |why: &str| BuildError::InvalidBaseUrl(format!("{why}: {input:?}"));
        let trimmed = input.trim();
        let (scheme, rest) = trimmed
            .split_once("://")
            .ok_or_else(|| fail("expected an absolute http(s) URL"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(fail("only http and https are supported"));
        }
        if rest.contains(['?', '#']) || rest.contains(char::is_whitespace) {
            return Err(fail("must not contain a query, fragment or whitespace"));
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let mut path = path.trim_end_matches('/');
        for suffix in ["/api/v1", "/api"] {
            if let Some(cut) = path.len().checked_sub(suffix.len()) {
                if path.is_char_boundary(cut) && path[cut..].eq_ignore_ascii_case(suffix) {
                    path = path[..cut].trim_end_matches('/');
                    break;
                }
            }
        }
        let root = format!("{scheme}://{authority}{path}");
        let uri: http::Uri = root.parse().map_err(|_| fail("not a valid URL"))?;
        if !matches!(uri.host(), Some(host) if !host.is_empty()) {
            return Err(fail("missing host"));
        }
        Ok(BaseUrl { root })
    }

    /// The normalised root, without trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.root
    }
}

impl FromStr for BaseUrl {
    type Err = BuildError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BaseUrl::parse(s)
    }
}

impl TryFrom<&str> for BaseUrl {
    type Error = BuildError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        BaseUrl::parse(s)
    }
}

impl TryFrom<String> for BaseUrl {
    type Error = BuildError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        BaseUrl::parse(&s)
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_trailing_slash_and_api() {
        for input in [
            "https://sod.superoffice.com/Cust12345",
            "https://sod.superoffice.com/Cust12345/",
            "https://sod.superoffice.com/Cust12345/api",
            "https://sod.superoffice.com/Cust12345/API/",
            "https://sod.superoffice.com/Cust12345/api/v1/",
            " HTTPS://sod.superoffice.com/Cust12345 ",
        ] {
            assert_eq!(
                BaseUrl::parse(input).unwrap().as_str(),
                "https://sod.superoffice.com/Cust12345",
                "{input}"
            );
        }
        assert_eq!(
            BaseUrl::parse("http://127.0.0.1:8080").unwrap().to_string(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            BaseUrl::parse("http://host/apis").unwrap().as_str(),
            "http://host/apis"
        );
        assert_eq!(
            BaseUrl::parse("https://api").unwrap().as_str(),
            "https://api"
        );
        assert_eq!(
            BaseUrl::parse("https://api/api/").unwrap().as_str(),
            "https://api"
        );
        assert_eq!(
            BaseUrl::parse("https://h/api/api").unwrap().as_str(),
            "https://h/api"
        );
    }

    #[test]
    fn rejects_non_http_urls() {
        for input in [
            "",
            "sod.superoffice.com/Cust12345",
            "ftp://host/x",
            "https://",
            "https:///path",
            "https://host/x?y=1",
            "https://host/x#f",
            "https://ho st/x",
        ] {
            assert!(
                matches!(BaseUrl::parse(input), Err(BuildError::InvalidBaseUrl(_))),
                "{input} accepted"
            );
        }
    }
}
