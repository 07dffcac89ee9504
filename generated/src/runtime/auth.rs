// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Credentials and how they become an `Authorization` header.

use std::fmt;

use base64::Engine as _;
use http::HeaderValue;

use super::error::BuildError;

/// How a request authenticates against SuperOffice.
///
/// Set once on the client and optionally overridden per request. The
/// [`Debug`] output never contains passwords or tokens, so credentials do not
/// leak into logs.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Auth {
    /// HTTP Basic with a SuperOffice user name and password (on-site
    /// installations).
    Basic {
        /// User name (associate login).
        user: String,
        /// Password; never printed.
        password: String,
    },
    /// An OAuth/OpenID Connect access token (SuperOffice Online).
    Bearer(String),
    /// A SuperOffice credential ticket, sent with the `SOTicket` scheme.
    SoTicket(String),
}

impl Auth {
    /// The scheme name used in the `Authorization` header.
    pub fn scheme(&self) -> &'static str {
        match self {
            Auth::Basic { .. } => "Basic",
            Auth::Bearer(_) => "Bearer",
            Auth::SoTicket(_) => "SOTicket",
        }
    }

    /// The `Authorization` header value, marked sensitive so that the
    /// [`http`] crate and HTTP clients redact it as well.
    pub fn header_value(&self) -> Result<HeaderValue, BuildError> {
        let text = match self {
            Auth::Basic { user, password } => {
                let pair = format!("{user}:{password}");
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                )
            }
            Auth::Bearer(token) => format!("Bearer {token}"),
            Auth::SoTicket(ticket) => format!("SOTicket {ticket}"),
        };
        let mut value = HeaderValue::try_from(text).map_err(|_| BuildError::InvalidHeader {
            name: http::header::AUTHORIZATION.as_str().to_owned(),
        })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Basic { user, .. } => f
                .debug_struct("Basic")
                .field("user", user)
                .field("password", &"<redacted>")
                .finish(),
            Auth::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Auth::SoTicket(_) => f.write_str("SoTicket(<redacted>)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_use_superoffice_schemes() {
        let basic = Auth::Basic {
            user: "Aladdin".into(),
            password: "open sesame".into(),
        };
        assert_eq!(
            basic.header_value().unwrap(),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(
            Auth::Bearer("tok".into()).header_value().unwrap(),
            "Bearer tok"
        );
        assert_eq!(
            Auth::SoTicket("7T:abc".into()).header_value().unwrap(),
            "SOTicket 7T:abc"
        );
        assert!(Auth::Bearer("t".into())
            .header_value()
            .unwrap()
            .is_sensitive());
    }

    #[test]
    fn basic_auth_encodes_utf8() {
        let auth = Auth::Basic {
            user: "bjørn".into(),
            password: "pw".into(),
        };
        assert_eq!(auth.header_value().unwrap(), "Basic YmrDuHJuOnB3");
    }

    #[test]
    fn control_characters_are_rejected() {
        let err = Auth::Bearer("a\nb".into()).header_value().unwrap_err();
        assert!(matches!(err, BuildError::InvalidHeader { name } if name == "authorization"));
    }

    #[test]
    fn debug_hides_secrets() {
        let basic = Auth::Basic {
            user: "jo".into(),
            password: "hunter2".into(),
        };
        let shown = format!(
            "{basic:?} {:?} {:?}",
            Auth::Bearer("tok123".into()),
            Auth::SoTicket("tkt456".into())
        );
        assert!(
            !shown.contains("hunter2") && !shown.contains("tok123") && !shown.contains("tkt456")
        );
        assert!(shown.contains("jo"));
    }
}
