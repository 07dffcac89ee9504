// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! The system user of a SuperOffice Online application (feature `online`).
//!
//! The application signs `"{system user token}.{UTC time as yyyyMMddHHmm}"`
//! with its RSA private key (PKCS#1 v1.5, SHA-256) and posts it with its
//! client secret to `{environment}/Login/api/PartnerSystemUser/Authenticate`.
//! The answer is a JWT (RS256); it is verified against the environment's
//! keys (`{environment}/login/.well-known/jwks`) and a ticket whose JWT does
//! not verify is never used. The ticket claim is sent as
//! `Authorization: SOTicket <ticket>` with `SO-AppToken: <client secret>`.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use aws_lc_rs::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use base64::Engine as _;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};

use super::auth::Auth;
use super::base_url::BaseUrl;
use super::client::Transport;
use super::credentials::{
    auxiliary, grant_answer, post, Credential, CredentialError, CredentialFuture,
    CredentialProvider, Secret,
};

/// The JWT claim that holds the SuperOffice ticket.
pub const TICKET_CLAIM: &str = "http://schemes.superoffice.net/identity/ticket";

/// The shortest time between two fetches of the key set when a JWT names a
/// key the cached set lacks (keys rotate; forged tokens must not make the
/// client hammer the endpoint).
const JWKS_REFETCH_AFTER: Duration = Duration::from_secs(60);

/// An application's RSA private key, for signing the system-user token.
///
/// Read from PEM (`-----BEGIN RSA PRIVATE KEY-----`, PKCS#1, or
/// `-----BEGIN PRIVATE KEY-----`, PKCS#8) or from the XML form SuperOffice's
/// developer portal hands out (`<RSAKeyValue><Modulus>..</Modulus>...`).
/// Its `Debug` shows only the key size.
pub struct PrivateKey {
    pair: RsaKeyPair,
}

impl PrivateKey {
    /// Reads a PEM or XML key, whichever `text` is.
    pub fn parse(text: &str) -> Result<Self, CredentialError> {
        if text.contains("<RSAKeyValue") {
            Self::from_xml(text)
        } else {
            Self::from_pem(text)
        }
    }

    /// Reads the key file at `path` (PEM or XML).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, CredentialError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            CredentialError::InvalidKey(format!("could not read {}: {e}", path.display()))
        })?;
        Self::parse(&text)
    }

    /// Reads a PEM key: PKCS#1 (`RSA PRIVATE KEY`) or PKCS#8 (`PRIVATE KEY`).
    pub fn from_pem(text: &str) -> Result<Self, CredentialError> {
        let invalid = |why: &str| CredentialError::InvalidKey(why.to_owned());
        let begin = text
            .find("-----BEGIN ")
            .ok_or_else(|| invalid("no PEM block"))?;
        let rest = &text[begin + "-----BEGIN ".len()..];
        let label_end = rest
            .find("-----")
            .ok_or_else(|| invalid("bad PEM header"))?;
        let label = &rest[..label_end];
        let body_start = label_end + 5;
        let end = rest
            .find("-----END ")
            .ok_or_else(|| invalid("no PEM end line"))?;
        let body: String = rest[body_start..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(body)
            .map_err(|_| invalid("the PEM body is not base64"))?;
        let pair = match label {
            "RSA PRIVATE KEY" => RsaKeyPair::from_der(&der),
            "PRIVATE KEY" => RsaKeyPair::from_pkcs8(&der),
            other => {
                return Err(CredentialError::InvalidKey(format!(
                    "PEM block {other:?} is not an unencrypted RSA private key"
                )))
            }
        }
        .map_err(|e| CredentialError::InvalidKey(format!("not a usable RSA key: {e}")))?;
        Ok(PrivateKey { pair })
    }

    /// Reads the XML form: `<RSAKeyValue>` with `Modulus`, `Exponent`, `P`,
    /// `Q`, `DP`, `DQ`, `InverseQ` and `D`, each base64.
    pub fn from_xml(text: &str) -> Result<Self, CredentialError> {
        let field = |name: &str| -> Result<Vec<u8>, CredentialError> {
            let open = format!("<{name}>");
            let close = format!("</{name}>");
            let start = text.find(&open).ok_or_else(|| {
                CredentialError::InvalidKey(format!("no <{name}> in the XML key"))
            })? + open.len();
            let end = text[start..]
                .find(&close)
                .ok_or_else(|| CredentialError::InvalidKey(format!("<{name}> is not closed")))?;
            let value: String = text[start..start + end]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(value)
                .map_err(|_| CredentialError::InvalidKey(format!("<{name}> is not base64")))
        };
        // PKCS#1 RSAPrivateKey: version, n, e, d, p, q, dp, dq, qinv.
        let mut body = der_integer(&[0]);
        for name in ["Modulus", "Exponent", "D", "P", "Q", "DP", "DQ", "InverseQ"] {
            body.extend(der_integer(&field(name)?));
        }
        let der = der_tlv(0x30, &body);
        let pair = RsaKeyPair::from_der(&der)
            .map_err(|e| CredentialError::InvalidKey(format!("not a usable RSA key: {e}")))?;
        Ok(PrivateKey { pair })
    }

    /// The RSASSA-PKCS1-v1_5 SHA-256 signature of `data`.
    pub fn sign(&self, data: &[u8]) -> Result<Vec<u8>, CredentialError> {
        let mut signature = vec![0; self.pair.public_modulus_len()];
        self.pair
            .sign(
                &RSA_PKCS1_SHA256,
                &aws_lc_rs::rand::SystemRandom::new(),
                data,
                &mut signature,
            )
            .map_err(|_| CredentialError::InvalidKey("signing failed".to_owned()))?;
        Ok(signature)
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PrivateKey(<redacted>, {} bits)",
            self.pair.public_modulus_len() * 8
        )
    }
}

/// A DER element with tag `tag` and content `content`.
fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// A DER INTEGER of the unsigned big-endian `magnitude`.
fn der_integer(magnitude: &[u8]) -> Vec<u8> {
    let trimmed: &[u8] = match magnitude.iter().position(|&b| b != 0) {
        Some(first) => &magnitude[first..],
        None => &[0],
    };
    let mut content = Vec::with_capacity(trimmed.len() + 1);
    if trimmed[0] & 0x80 != 0 {
        content.push(0);
    }
    content.extend_from_slice(trimmed);
    der_tlv(0x02, &content)
}

/// The system user of an application on one tenant: see the module docs.
pub struct SystemUserProvider {
    environment: BaseUrl,
    context_id: String,
    client_secret: Secret,
    system_user_token: Secret,
    key: PrivateKey,
    jwks: tokio::sync::Mutex<Option<(JwkSet, Instant)>>,
}

impl SystemUserProvider {
    /// The system user `system_user_token` of the application with
    /// `client_secret` and `key` on tenant `context_id` of `environment`.
    pub fn new(
        environment: BaseUrl,
        context_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        system_user_token: impl Into<Secret>,
        key: PrivateKey,
    ) -> Self {
        SystemUserProvider {
            environment,
            context_id: context_id.into(),
            client_secret: client_secret.into(),
            system_user_token: system_user_token.into(),
            key,
            jwks: tokio::sync::Mutex::new(None),
        }
    }

    /// `"{token}.{yyyyMMddHHmm}.{base64 signature}"` for the UTC time `now`.
    pub fn signed_token(&self, now: SystemTime) -> Result<String, CredentialError> {
        let now: chrono::DateTime<chrono::Utc> = now.into();
        let data = format!(
            "{}.{}",
            self.system_user_token.expose(),
            now.format("%Y%m%d%H%M")
        );
        let signature = self.key.sign(data.as_bytes())?;
        Ok(format!(
            "{data}.{}",
            base64::engine::general_purpose::STANDARD.encode(signature)
        ))
    }

    async fn authenticate(&self, transport: &Transport) -> Result<Credential, CredentialError> {
        let signed = self.signed_token(SystemTime::now())?;
        let body = serde_json::json!({
            "SignedSystemToken": signed,
            "ApplicationToken": self.client_secret.expose(),
            "ContextIdentifier": self.context_id,
            "ReturnTokenType": "JWT",
        });
        let url = format!(
            "{}/Login/api/PartnerSystemUser/Authenticate",
            self.environment
        );
        let request = post(&url, "application/json", body.to_string().into_bytes())?;
        let result = auxiliary(transport, "system user authentication", request).await;
        let secrets = [
            self.client_secret.expose(),
            self.system_user_token.expose(),
            signed.as_str(),
        ];
        let response = grant_answer(result, &secrets)?;
        let answer: AuthenticateAnswer = serde_json::from_slice(&response.body).map_err(|e| {
            CredentialError::Malformed(format!(
                "authentication answer is not the expected JSON: {e}"
            ))
        })?;
        let token = match answer {
            AuthenticateAnswer {
                is_successful: true,
                token: Some(token),
                ..
            } => token,
            AuthenticateAnswer { error_message, .. } => {
                return Err(CredentialError::Rejected {
                    status: response.status,
                    message: super::credentials::scrub(
                        error_message.as_deref().unwrap_or("not successful"),
                        &secrets,
                    ),
                })
            }
        };
        let (ticket, lifetime) = self.verify(transport, &token).await?;
        let credential =
            Credential::new(Auth::SoTicket(ticket)).with_app_token(self.client_secret.clone());
        Ok(match lifetime {
            Some(lifetime) => credential.valid_for(lifetime),
            None => credential,
        })
    }

    /// The ticket of a verified JWT and how long it is valid.
    async fn verify(
        &self,
        transport: &Transport,
        token: &str,
    ) -> Result<(String, Option<Duration>), CredentialError> {
        let unverified =
            |e: jsonwebtoken::errors::Error| CredentialError::Unverified(e.to_string());
        let header = jsonwebtoken::decode_header(token).map_err(unverified)?;
        if header.alg != Algorithm::RS256 {
            return Err(CredentialError::Unverified(format!(
                "algorithm {:?} instead of RS256",
                header.alg
            )));
        }
        // The signature is what makes a ticket trustworthy: `exp` and `nbf` are checked when
        // the token has them, the audience (which SuperOffice sets per application) is not.
        let mut validation = Validation::new(Algorithm::RS256);
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        let mut cache = self.jwks.lock().await;
        for refetch in [false, true] {
            let needs_fetch = match &*cache {
                None => true,
                Some((_, fetched)) => refetch && fetched.elapsed() >= JWKS_REFETCH_AFTER,
            };
            if refetch && !needs_fetch {
                break;
            }
            if needs_fetch {
                *cache = Some((self.fetch_jwks(transport).await?, Instant::now()));
            }
            let (keys, _) = cache.as_ref().expect("fetched above");
            let candidates = keys.keys.iter().filter(|k| match &header.kid {
                Some(kid) => k.common.key_id.as_deref() == Some(kid.as_str()),
                None => true,
            });
            let mut last_error = None;
            for jwk in candidates {
                let Ok(key) = DecodingKey::from_jwk(jwk) else {
                    continue;
                };
                match jsonwebtoken::decode::<serde_json::Map<String, serde_json::Value>>(
                    token,
                    &key,
                    &validation,
                ) {
                    Ok(data) => return ticket_of(&data.claims),
                    Err(e) => last_error = Some(e),
                }
            }
            if let Some(e) = last_error {
                // A key matched and the signature or the claims are wrong: a
                // newer key set cannot make that token good.
                return Err(unverified(e));
            }
        }
        Err(CredentialError::Unverified(
            "no key of the environment's key set matches the token".to_owned(),
        ))
    }

    async fn fetch_jwks(&self, transport: &Transport) -> Result<JwkSet, CredentialError> {
        let url = format!("{}/login/.well-known/jwks", self.environment);
        let request = http::Request::get(url)
            .header(http::header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(|e| CredentialError::Malformed(format!("could not build the request: {e}")))?;
        let result = auxiliary(transport, "key set", request).await;
        let response = grant_answer(result, &[])?;
        serde_json::from_slice(&response.body)
            .map_err(|e| CredentialError::Malformed(format!("the key set is not a JWKS: {e}")))
    }
}

/// The ticket claim and the remaining lifetime from `exp`.
fn ticket_of(
    claims: &serde_json::Map<String, serde_json::Value>,
) -> Result<(String, Option<Duration>), CredentialError> {
    let ticket = match claims.get(TICKET_CLAIM) {
        Some(serde_json::Value::String(ticket)) if !ticket.is_empty() => ticket.clone(),
        _ => {
            return Err(CredentialError::Malformed(format!(
                "the JWT has no {TICKET_CLAIM} claim"
            )))
        }
    };
    let lifetime = claims
        .get("exp")
        .and_then(serde_json::Value::as_u64)
        .map(|exp| {
            let at = SystemTime::UNIX_EPOCH + Duration::from_secs(exp);
            at.duration_since(SystemTime::now())
                .unwrap_or(Duration::ZERO)
        });
    Ok((ticket, lifetime))
}

/// The authentication endpoint's answer.
#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AuthenticateAnswer {
    #[serde(default)]
    is_successful: bool,
    #[serde(default)]
    error_message: Option<String>,
    #[serde(default)]
    token: Option<String>,
}

impl CredentialProvider for SystemUserProvider {
    fn fetch<'a>(&'a self, transport: &'a Transport) -> CredentialFuture<'a> {
        Box::pin(self.authenticate(transport))
    }
}

impl fmt::Debug for SystemUserProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SystemUserProvider")
            .field("environment", &self.environment)
            .field("context_id", &self.context_id)
            .field("client_secret", &self.client_secret)
            .field("system_user_token", &self.system_user_token)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_integers_are_minimal_and_positive() {
        assert_eq!(der_integer(&[0]), [2, 1, 0]);
        assert_eq!(der_integer(&[0, 0, 5]), [2, 1, 5]);
        assert_eq!(der_integer(&[0x80]), [2, 2, 0, 0x80]);
        let long = der_tlv(0x30, &[7; 300]);
        assert_eq!(&long[..4], &[0x30, 0x82, 0x01, 0x2c]);
    }
}
