//! The typed async client of the Team API (v1), the desktop app's only way to talk HTTP.
//!
//! ```no_run
//! # async fn run() -> Result<(), switchboard_api::client::ApiError> {
//! use futures::TryStreamExt;
//! use switchboard_api::auth::SignIn;
//! use switchboard_api::client::Client;
//! use switchboard_api::members::{ListMembers, MemberPatch};
//!
//! let anonymous = Client::builder("https://team.example.com").build()?;
//! let session = anonymous
//!     .auth()
//!     .sign_in(&SignIn { email: "olivia@example.com".into(), password: "…".into() })
//!     .await?;
//! let client = anonymous.with_token(session.access_token);
//!
//! let everyone: Vec<_> = client.members().stream(ListMembers::default()).try_collect().await?;
//! let member = client.members().get(everyone[0].id).await?; // the value and its ETag
//! let patch = MemberPatch { name: Some("Olivia O.".into()), ..MemberPatch::default() };
//! match client.members().update(member.value.id, &member.etag, &patch).await {
//!     Ok(updated) => println!("now {}", updated.value.name),
//!     Err(e) if e.code() == Some("precondition_failed") => println!("someone else changed it: reload"),
//!     Err(e) if e.is_signed_out() => println!("sign in again"),
//!     Err(e) => return Err(e),
//! }
//! # Ok(()) }
//! ```
//!
//! One factory ([`ClientBuilder`]) sets the user agent, connect and total timeouts, gzip, the proxy
//! from the environment (and the OS settings), and rustls; the base URL is injectable so tests point it
//! anywhere. Reads return [`Versioned`] values whose [`ETag`] writes send back as `If-Match`; creating
//! `POST`s take an idempotency key. Every failure is an [`ApiError`].

mod audit;
mod auth;
mod avatars;
mod configuration;
mod error;
mod groups;
mod invitations;
mod members;
mod numbers;
mod provisioning;
mod roles;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures::{Stream, TryStreamExt};
use reqwest::header::{ETAG, HeaderValue, IF_MATCH};
use reqwest::{Method, RequestBuilder, Response, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

pub use self::audit::AuditEvents;
pub use self::auth::Auth;
pub use self::avatars::{Avatar, AvatarSize, Avatars};
pub use self::configuration::ConfigurationApi;
pub use self::error::ApiError;
pub use self::groups::Groups;
pub use self::invitations::Invitations;
pub use self::members::{Me, Members};
pub use self::numbers::Numbers;
pub use self::provisioning::ProvisioningApi;
pub use self::roles::Roles;
use crate::Page;
/// The status type of [`ApiError::status`], so callers can match on it without depending on reqwest.
pub use reqwest::StatusCode;

/// `switchboard/<version>`, sent with every request.
pub const USER_AGENT: &str = concat!("switchboard/", env!("CARGO_PKG_VERSION"));
/// How long to wait for a TCP (and TLS) connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole exchange may take, body included. Uploads of large avatars on slow links may want
/// more (see [`ClientBuilder::timeout`]).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The header a creating `POST` carries (draft-ietf-httpapi-idempotency-key).
const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// Configures and builds a [`Client`]: the one place HTTP is set up.
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: String,
    connect_timeout: Duration,
    timeout: Duration,
    proxy: bool,
    token: Option<Token>,
}

impl ClientBuilder {
    /// Default: 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.connect_timeout = timeout;
        self
    }

    /// The deadline of a whole exchange, from connecting to the end of the body. Default: 30 s.
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.timeout = timeout;
        self
    }

    /// Never use a proxy, not even one named by `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`. (A loopback
    /// base URL, like the local workspace's, never uses one anyway.)
    pub fn no_proxy(mut self) -> ClientBuilder {
        self.proxy = false;
        self
    }

    /// The bearer token to send; see also [`Client::with_token`].
    pub fn token(mut self, token: impl Into<String>) -> ClientBuilder {
        self.token = Some(Token::new(token.into()));
        self
    }

    pub fn build(self) -> Result<Client, ApiError> {
        let base = parse_base_url(&self.base_url)?;
        let mut http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .gzip(true)
            // Our API never redirects; following one could carry the token somewhere unexpected.
            .redirect(reqwest::redirect::Policy::none());
        if !self.proxy || is_loopback(&base) {
            http = http.no_proxy();
        }
        let http = http
            .build()
            .map_err(|e| ApiError::InvalidConfiguration(e.to_string()))?;
        Ok(Client {
            http,
            base: Arc::new(base),
            token: self.token,
        })
    }
}

/// A Team API client: cheap to clone (clones share connections), holds at most one bearer token.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Arc<Url>,
    token: Option<Token>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base.as_str())
            .field("token", &self.token)
            .finish()
    }
}

impl Client {
    /// A builder for `base_url`, the server's root (`https://host` or `https://host/prefix`; the
    /// client appends `/v1/…`).
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            proxy: true,
            token: None,
        }
    }

    /// The same client (same connections) sending `token` as `Authorization: Bearer …`.
    pub fn with_token(&self, token: impl Into<String>) -> Client {
        Client {
            token: Some(Token::new(token.into())),
            ..self.clone()
        }
    }

    /// The same client sending no token (for sign-in and accepting invitations).
    pub fn without_token(&self) -> Client {
        Client {
            token: None,
            ..self.clone()
        }
    }

    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// `GET /v1/health`: whether the server answers at all (no token needed).
    pub async fn health(&self) -> Result<(), ApiError> {
        self.call(Method::GET, "v1/health").send().await.map(drop)
    }

    pub fn auth(&self) -> Auth<'_> {
        Auth { client: self }
    }

    pub fn me(&self) -> Me<'_> {
        Me { client: self }
    }

    pub fn members(&self) -> Members<'_> {
        Members { client: self }
    }

    pub fn invitations(&self) -> Invitations<'_> {
        Invitations { client: self }
    }

    pub fn groups(&self) -> Groups<'_> {
        Groups { client: self }
    }

    pub fn numbers(&self) -> Numbers<'_> {
        Numbers { client: self }
    }

    pub fn configuration(&self) -> ConfigurationApi<'_> {
        ConfigurationApi { client: self }
    }

    pub fn avatars(&self) -> Avatars<'_> {
        Avatars { client: self }
    }

    pub fn audit_events(&self) -> AuditEvents<'_> {
        AuditEvents { client: self }
    }

    pub fn roles(&self) -> Roles<'_> {
        Roles { client: self }
    }

    pub fn provisioning(&self) -> ProvisioningApi<'_> {
        ProvisioningApi { client: self }
    }

    /// Starts a request to `path` (relative, e.g. `v1/members`), with the token when there is one.
    pub(crate) fn call(&self, method: Method, path: &str) -> Call {
        let builder = self
            .base
            .join(path)
            .map_err(|e| ApiError::InvalidRequest(format!("path {path:?}: {e}")))
            .map(|url| {
                let builder = self.http.request(method, url);
                match &self.token {
                    // `bearer_auth` marks the header sensitive, so reqwest and hyper never log it.
                    Some(token) => builder.bearer_auth(token.expose()),
                    None => builder,
                }
            });
        Call { builder }
    }

    /// Every item of a list, page after page, following `next_cursor` until the last page.
    pub(crate) fn paginate<T, Q>(
        &self,
        path: &'static str,
        query: Q,
    ) -> impl Stream<Item = Result<T, ApiError>> + Send + 'static + use<T, Q>
    where
        T: DeserializeOwned + Send + 'static,
        Q: ListQuery,
    {
        let client = self.clone();
        futures::stream::try_unfold(Some(query), move |next| {
            let client = client.clone();
            async move {
                let Some(query) = next else { return Ok(None) };
                let page: Page<T> = client.call(Method::GET, path).query(&query).json().await?;
                let next = match page.next_cursor {
                    // A server that hands back the cursor it was given would loop forever.
                    Some(cursor) if Some(cursor.as_str()) != query.cursor() => Some(query.after(cursor)),
                    _ => None,
                };
                Ok(Some((futures::stream::iter(page.data.into_iter().map(Ok)), next)))
            }
        })
        .try_flatten()
    }
}

/// A list query with a cursor, so a stream can ask for the next page.
pub(crate) trait ListQuery: Serialize + Send + Sync + 'static {
    fn cursor(&self) -> Option<&str>;
    /// This query, for the page after `cursor`.
    fn after(self, cursor: String) -> Self;
}

macro_rules! list_query {
    ($($query:ty),*) => {$(
        impl ListQuery for $query {
            fn cursor(&self) -> Option<&str> {
                self.cursor.as_deref()
            }
            fn after(self, cursor: String) -> Self {
                Self { cursor: Some(cursor), ..self }
            }
        }
    )*};
}

list_query!(
    crate::members::ListMembers,
    crate::invitations::ListInvitations,
    crate::groups::ListGroups,
    crate::numbers::ListNumbers,
    crate::audit::ListAuditEvents
);

/// A resource's version as the server sent it in `ETag`; send it back to write (as `If-Match`).
/// Opaque: compare, store and send it, never build one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ETag(String);

impl ETag {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An ETag kept from an earlier response (e.g. stored by the desktop app while a form is open).
    pub fn from_stored(value: String) -> ETag {
        ETag(value)
    }
}

impl fmt::Display for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A resource as read, with the ETag to send back when changing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Versioned<T> {
    pub value: T,
    pub etag: ETag,
}

impl<T> Versioned<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Versioned<U> {
        Versioned {
            value: f(self.value),
            etag: self.etag,
        }
    }
}

/// The bearer token. `Debug` never shows it; only [`Client::call`] reads it.
#[derive(Clone)]
struct Token(Arc<str>);

impl Token {
    fn new(token: String) -> Token {
        Token(token.into())
    }

    fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// One request being built; errors in building surface when it is sent.
pub(crate) struct Call {
    builder: Result<RequestBuilder, ApiError>,
}

impl Call {
    fn map(self, f: impl FnOnce(RequestBuilder) -> RequestBuilder) -> Call {
        Call {
            builder: self.builder.map(f),
        }
    }

    pub(crate) fn query<Q: Serialize + ?Sized>(self, query: &Q) -> Call {
        self.map(|b| b.query(query))
    }

    pub(crate) fn body<B: Serialize + ?Sized>(self, body: &B) -> Call {
        self.map(|b| b.json(body))
    }

    pub(crate) fn if_match(self, etag: &ETag) -> Call {
        match HeaderValue::from_str(etag.as_str()) {
            Ok(value) => self.map(|b| b.header(IF_MATCH, value)),
            Err(_) => Call {
                builder: Err(ApiError::InvalidRequest(format!(
                    "ETag {etag} is not a header value"
                ))),
            },
        }
    }

    pub(crate) fn idempotency_key(self, key: Uuid) -> Call {
        self.map(|b| b.header(IDEMPOTENCY_KEY, key.hyphenated().to_string()))
    }

    pub(crate) fn raw(self, f: impl FnOnce(RequestBuilder) -> RequestBuilder) -> Call {
        self.map(f)
    }

    /// Sends the request; an answer other than 2xx becomes the matching [`ApiError`].
    pub(crate) async fn send(self) -> Result<Response, ApiError> {
        let response = self.builder?.send().await.map_err(ApiError::transport)?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(ApiError::transport)?;
        Err(ApiError::from_answer(status, &headers, &body))
    }

    /// Sends and parses the body as `T`, naming the JSON path of what did not parse.
    pub(crate) async fn json<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        let response = self.send().await?;
        decode(response).await
    }

    /// Sends and parses the body with the response's `ETag`.
    pub(crate) async fn versioned<T: DeserializeOwned>(self) -> Result<Versioned<T>, ApiError> {
        let response = self.send().await?;
        let status = response.status();
        let etag = response
            .headers()
            .get(ETAG)
            .and_then(|v| v.to_str().ok())
            .map(|v| ETag(v.to_owned()))
            .ok_or(ApiError::MissingHeader {
                status,
                header: "ETag",
            })?;
        Ok(Versioned {
            value: decode(response).await?,
            etag,
        })
    }

    /// Sends and ignores the (empty) body.
    pub(crate) async fn empty(self) -> Result<(), ApiError> {
        self.send().await.map(drop)
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let body = response.bytes().await.map_err(ApiError::transport)?;
    decode_body(status, &body)
}

pub(crate) fn decode_body<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| ApiError::Decode {
        status,
        path: e.path().to_string(),
        source: e.into_inner(),
    })?;
    deserializer.end().map_err(|source| ApiError::Decode {
        status,
        path: ".".to_owned(),
        source,
    })?;
    Ok(value)
}

/// Parses the base URL and makes sure joining `v1/…` onto it keeps any path prefix.
fn parse_base_url(base: &str) -> Result<Url, ApiError> {
    let mut url =
        Url::parse(base.trim()).map_err(|e| ApiError::InvalidConfiguration(format!("base URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(ApiError::InvalidConfiguration(
            "the base URL must be an http(s) URL with a host".into(),
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ApiError::InvalidConfiguration(
            "the base URL must not carry credentials".into(),
        ));
    }
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let ip = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || ip.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_their_prefix_and_lose_query_and_credentials() {
        let url = parse_base_url("https://team.example.com/api?x=1").unwrap();
        assert_eq!(
            url.join("v1/me").unwrap().as_str(),
            "https://team.example.com/api/v1/me"
        );
        let url = parse_base_url("http://127.0.0.1:8080").unwrap();
        assert_eq!(url.join("v1/me").unwrap().as_str(), "http://127.0.0.1:8080/v1/me");
        assert!(is_loopback(&url));
        assert!(!is_loopback(&parse_base_url("https://team.example.com").unwrap()));
        assert!(parse_base_url("ftp://example.com").is_err());
        assert!(parse_base_url("not a url").is_err());
        assert!(parse_base_url("https://user:pw@example.com").is_err());
    }

    #[test]
    fn debug_never_shows_the_token() {
        let client = Client::builder("http://127.0.0.1:1")
            .token("sbp_secret-token-value")
            .build()
            .unwrap();
        let printed = format!("{client:?} {:?}", client.with_token("sbs_other-secret"));
        assert!(!printed.contains("secret"), "{printed}");
        assert!(printed.contains("[redacted]"), "{printed}");
    }

    #[test]
    fn a_body_of_the_wrong_shape_names_the_json_path() {
        let body = br#"{"data":[{"id":1},{"id":"x"}],"next_cursor":null}"#;
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            id: u32,
        }
        let error = decode_body::<Page<Item>>(StatusCode::OK, body).unwrap_err();
        assert_eq!(error.json_path(), Some("data[1].id"), "{error}");
        assert_eq!(error.status(), Some(StatusCode::OK));
    }
}
