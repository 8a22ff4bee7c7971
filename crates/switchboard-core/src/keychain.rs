//! A signed-in session's tokens in the OS keychain — Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows — through `keyring` 4 with the platform's real store only: there is no
//! mock store and no file fallback, so if the keychain can't be used the caller gets an error that says
//! why and what to do, never a silently insecure sign-in.
//!
//! One entry per signed-in user: the service is the app identifier (release and dev builds use different
//! ones so a dev build never touches a user's real entries) and the account is `<server-url>#<user-id>`.
//! The value is a small JSON object holding the access and refresh tokens.
//!
//! Every call blocks (D-Bus round trips, and on a real desktop possibly an unlock prompt the user has to
//! answer): call it from a blocking thread (`tokio::task::spawn_blocking`), not from an async task.
//!
//! On Linux the item is in the default (login) collection with the attributes `service` = the app
//! identifier and `username` = the account, so a test or a support person can inspect it with
//! `secret-tool search service app.switchboard.desktop.dev`.
//!
//! What the Linux store reports for each failure, as measured by `tests/keychain.rs` (each produced for
//! real there), and the code it becomes:
//!
//! | situation | `keyring` error | code |
//! |---|---|---|
//! | no bus at the address, no address, stale socket | `PlatformFailure(Zbus(Connection(..)))` | `keychain_no_dbus` |
//! | bus, nothing owns `org.freedesktop.secrets` | `PlatformFailure(.. ServiceUnknown ..)` | `keychain_no_secret_service` |
//! | installed, but it fails to start when the bus activates it | `PlatformFailure(.. Spawn.ChildExited ..)` | `keychain_no_secret_service` |
//! | collection locked, unlock prompt dismissed | `NoStorageAccess(Prompt)` | `keychain_locked` |
//! | no default collection | `NoStorageAccess(NoResult)` | `keychain_no_collection` |
//! | the bus refuses messages to the service | `PlatformFailure(.. AccessDenied ..)` | `keychain_access_denied` |
//!
//! `keyring` 4 picks and initialises the platform store once per process, on first use. If that fails
//! (no D-Bus session, no Secret Service) every later call fails the same way until the app restarts,
//! which is why those two messages tell the user to open Switchboard again.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::secret::Secret;

/// The app identifier of release builds: the keychain service name real users' entries live under.
pub const RELEASE_SERVICE: &str = "app.switchboard.desktop";
/// The app identifier of dev builds and tests, so they never read or overwrite a real user's entries.
pub const DEV_SERVICE: &str = "app.switchboard.desktop.dev";

/// The largest value we store, in bytes: Windows' Credential Manager refuses blobs above 2,560 bytes
/// (`CRED_MAX_CREDENTIAL_BLOB_SIZE`), so we hold every platform to it and fail the same way everywhere.
pub const MAX_VALUE_BYTES: usize = 2560;

/// The tokens of one signed-in session: what the keychain holds and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// Sent as `Authorization: Bearer …`.
    pub access: Secret,
    /// Single-use; exchanged for a new pair at `POST /v1/auth/refresh`.
    pub refresh: Secret,
    /// When the access token expires, in seconds since the Unix epoch, if the server said so; lets the
    /// client refresh before a request fails rather than after.
    pub access_expires_at: Option<u64>,
}

impl Tokens {
    pub fn new(access: impl Into<String>, refresh: impl Into<String>) -> Self {
        Self {
            access: Secret::new(access),
            refresh: Secret::new(refresh),
            access_expires_at: None,
        }
    }

    /// The value as stored in the keychain. The only place tokens are ever serialised.
    fn encode(&self) -> String {
        let stored = StoredRef {
            v: 1,
            access_token: self.access.expose(),
            refresh_token: self.refresh.expose(),
            access_expires_at: self.access_expires_at,
        };
        serde_json::to_string(&stored).expect("a struct of strings and numbers always serialises")
    }

    fn decode(bytes: &[u8]) -> Result<Self> {
        // Don't echo serde's message: it can quote part of the value, and the value is a secret.
        let stored: StoredOwned = serde_json::from_slice(bytes).map_err(|_| Error::KeychainFailed {
            detail: "the saved sign-in is not in a format this version of Switchboard understands; sign \
                     out and sign in again"
                .to_owned(),
        })?;
        Ok(Self {
            access: Secret::new(stored.access_token),
            refresh: Secret::new(stored.refresh_token),
            access_expires_at: stored.access_expires_at,
        })
    }
}

#[derive(Serialize)]
struct StoredRef<'a> {
    v: u8,
    access_token: &'a str,
    refresh_token: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    access_expires_at: Option<u64>,
}

#[derive(Deserialize)]
struct StoredOwned {
    access_token: String,
    refresh_token: String,
    #[serde(default)]
    access_expires_at: Option<u64>,
}

/// The keychain account of a signed-in user: `<server-url>#<user-id>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Account(String);

impl Account {
    /// `server_url` should already be normalised (see `workspaces::normalize_server_url`) so the same
    /// server always gives the same account.
    pub fn new(server_url: &str, user_id: &str) -> Self {
        Self(format!("{server_url}#{user_id}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The OS keychain, scoped to one app identifier (the keychain's "service").
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
}

impl Keychain {
    /// `service` is the app identifier: [`RELEASE_SERVICE`] or [`DEV_SERVICE`] (tests add a suffix).
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// Whether the platform store could be opened at all; `Ok` says nothing about a locked collection
    /// (that shows up on the first read or write).
    pub fn check_available(&self) -> Result<()> {
        match keyring::Entry::store_status() {
            Ok(()) => Ok(()),
            Err(error) => Err(classify(error)),
        }
    }

    /// Saves (or replaces) the tokens of `account`.
    pub fn store(&self, account: &Account, tokens: &Tokens) -> Result<()> {
        let value = tokens.encode();
        if value.len() > MAX_VALUE_BYTES {
            return Err(Error::KeychainValueTooLong {
                len: value.len(),
                max: MAX_VALUE_BYTES,
            });
        }
        let entry = self.entry(account)?;
        match entry.set_secret(value.as_bytes()) {
            Ok(()) => Ok(()),
            // Another program saved an item with the same service and account: ours must win, or we'd
            // read back tokens we didn't write.
            Err(keyring::Error::Ambiguous(duplicates)) => {
                for duplicate in duplicates {
                    duplicate.delete_credential().map_err(|e| classify(&e))?;
                }
                entry
                    .set_secret(value.as_bytes())
                    .map_err(|e| classify_store(&e, value.len()))
            }
            Err(error) => Err(classify_store(&error, value.len())),
        }
    }

    /// The tokens of `account`, or `None` if none are saved (never signed in, signed out, or removed by
    /// the user in their keychain app).
    pub fn read(&self, account: &Account) -> Result<Option<Tokens>> {
        let entry = self.entry(account)?;
        match entry.get_secret() {
            Ok(bytes) => Tokens::decode(&bytes).map(Some),
            Err(keyring::Error::NoEntry) => Ok(None),
            // Which one is ours is unknowable; the next `store` (a sign-in) replaces them all.
            Err(keyring::Error::Ambiguous(duplicates)) => Err(Error::KeychainFailed {
                detail: format!(
                    "{} saved sign-ins match this account (another program saved one too); sign in again \
                     to replace them",
                    duplicates.len()
                ),
            }),
            Err(error) => Err(classify(&error)),
        }
    }

    /// Deletes the tokens of `account`; `Ok(false)` if there were none.
    pub fn delete(&self, account: &Account) -> Result<bool> {
        let entry = self.entry(account)?;
        match entry.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(keyring::Error::Ambiguous(duplicates)) => {
                for duplicate in duplicates {
                    duplicate.delete_credential().map_err(|e| classify(&e))?;
                }
                Ok(true)
            }
            Err(error) => Err(classify(&error)),
        }
    }

    fn entry(&self, account: &Account) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, account.as_str()).map_err(|e| classify(&e))
    }
}

fn classify_store(error: &keyring::Error, len: usize) -> Error {
    match error {
        keyring::Error::TooLong(_, max) => Error::KeychainValueTooLong {
            len,
            max: *max as usize,
        },
        other => classify(other),
    }
}

/// Maps a `keyring` error to the failure the user can act on. The stores report most causes only as
/// text inside `PlatformFailure`/`NoStorageAccess` (the Secret Service's D-Bus error messages), so this reads
/// the whole error chain; anything unrecognised keeps the platform's text in `KeychainFailed`.
fn classify(error: &keyring::Error) -> Error {
    if let keyring::Error::NoDefaultStore = error {
        // The real cause was recorded when the store failed to initialise.
        return match keyring::Entry::store_status() {
            Err(cause) if !matches!(cause, keyring::Error::NoDefaultStore) => classify(cause),
            _ => Error::KeychainFailed {
                detail: error.to_string(),
            },
        };
    }
    let text = chain_text(error);
    let lower = text.to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    // secret-service's `Prompt` ("prompt dismissed"), `PromptDisconnected` and `Locked`; macOS's
    // errSecInteractionNotAllowed when the keychain is locked and no UI may be shown.
    if has(&[
        "prompt dismissed",
        "before prompt completed",
        "object locked",
        "islocked",
        "interaction is not allowed",
        "keychain is locked",
    ]) {
        return Error::KeychainLocked;
    }
    // secret-service's `NoResult`: the `default` alias points nowhere (no login keyring).
    if has(&["result not returned from ss api"]) {
        return Error::KeychainNoCollection;
    }
    // ServiceUnknown: nothing provides it; Spawn.*: it is installed but failed to start on activation.
    if has(&[
        "org.freedesktop.dbus.error.spawn",
        "serviceunknown",
        "org.freedesktop.secrets was not provided",
        "namehasnoowner",
    ]) {
        return Error::KeychainNoSecretService;
    }
    if has(&[
        "accessdenied",
        "access denied",
        "access is denied",
        "not permitted",
        "authorization denied",
    ]) {
        return Error::KeychainAccessDenied;
    }
    // No bus at the address (or no address at all): zbus's I/O or address error, which secret-service
    // may report as `Unavailable`.
    if has(&[
        "no such file or directory",
        "connection refused",
        "failed to connect to address",
        "no secret service provider or dbus session found",
        "address error",
        "dbus_session_bus_address",
    ]) {
        return Error::KeychainNoDbus;
    }
    match error {
        // Any other refusal to open the store is the platform saying no (e.g. macOS access control).
        keyring::Error::NoStorageAccess(_) => Error::KeychainAccessDenied,
        keyring::Error::TooLong(_, max) => Error::KeychainValueTooLong {
            len: 0,
            max: *max as usize,
        },
        _ => Error::KeychainFailed { detail: text },
    }
}

/// The error and its sources, joined: the store's own text is often two or three levels down.
fn chain_text(error: &keyring::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn platform(text: &str) -> keyring::Error {
        keyring::Error::PlatformFailure(text.into())
    }

    fn no_access(text: &str) -> keyring::Error {
        keyring::Error::NoStorageAccess(text.into())
    }

    #[test]
    fn classifies_the_texts_the_linux_store_reports() {
        // The texts the Linux store was seen to report for each cause; the end-to-end tests reproduce each
        // for real.
        let cases = [
            (
                platform("zbus error: I/O error: No such file or directory (os error 2)"),
                "keychain_no_dbus",
            ),
            (
                platform("no secret service provider or dbus session found"),
                "keychain_no_dbus",
            ),
            (
                platform(
                    "zbus error: Failed to connect to address `unix:path=/run/user/1000/bus`: Connection \
                     refused (os error 111)",
                ),
                "keychain_no_dbus",
            ),
            (
                platform(
                    "zbus error: org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets \
                     was not provided by any .service files",
                ),
                "keychain_no_secret_service",
            ),
            (
                no_access("SS error: result not returned from SS API"),
                "keychain_no_collection",
            ),
            (no_access("SS error: prompt dismissed"), "keychain_locked"),
            (no_access("SS Error: object locked"), "keychain_locked"),
            (
                platform("zbus error: org.freedesktop.DBus.Error.AccessDenied: Rejected send message"),
                "keychain_access_denied",
            ),
            (
                no_access("The user name or passphrase you entered is not correct."),
                "keychain_access_denied",
            ),
            (
                keyring::Error::TooLong("secret".into(), 2560),
                "keychain_value_too_long",
            ),
            (platform("something new"), "keychain_failed"),
        ];
        for (error, code) in cases {
            let text = error.to_string();
            assert_eq!(classify(&error).code().as_str(), code, "{text}");
        }
        assert_eq!(
            classify(&platform("something new")).to_string(),
            "The system keychain failed: Platform failure: something new. Try again; if it keeps failing, \
             restart your desktop session."
        );
    }

    #[test]
    fn refuses_a_value_above_the_windows_limit_before_touching_the_keychain() {
        // No keychain is needed: the size is checked first, so this runs everywhere.
        let keychain = Keychain::new(format!("{DEV_SERVICE}.unit"));
        let tokens = Tokens::new("a".repeat(1300), "r".repeat(1300));
        let error = keychain
            .store(&Account::new("https://x.example", "u1"), &tokens)
            .unwrap_err();
        assert_eq!(error.code(), ErrorCode::KeychainValueTooLong);
        assert!(error.to_string().contains("limit is 2560"), "{error}");
    }

    #[test]
    fn encodes_compactly_and_round_trips() {
        let mut tokens = Tokens::new("sb_at_1", "sb_rt_2");
        tokens.access_expires_at = Some(1_800_000_000);
        let encoded = tokens.encode();
        assert_eq!(
            encoded,
            r#"{"v":1,"access_token":"sb_at_1","refresh_token":"sb_rt_2","access_expires_at":1800000000}"#
        );
        assert_eq!(Tokens::decode(encoded.as_bytes()).unwrap(), tokens);
        // Two 256-bit tokens in any reasonable encoding fit with lots of room to spare.
        assert!(Tokens::new("x".repeat(200), "y".repeat(200)).encode().len() < MAX_VALUE_BYTES / 4);
    }

    #[test]
    fn what_the_server_issues_fits_windows_credential_manager_many_times_over() {
        // The tokens our server hands out (`auth::new_token`, 256 bits each), with the longest expiry a
        // u64 can say: the value every platform stores must fit the Windows blob limit.
        let mut tokens = Tokens::new(
            switchboard_server::auth::new_token("sba_"),
            switchboard_server::auth::new_token("sbr_"),
        );
        tokens.access_expires_at = Some(u64::MAX);
        let stored = tokens.encode().len();
        assert!(stored <= MAX_VALUE_BYTES / 10, "{stored} bytes");
        // Another server's longer tokens (JWTs of a kilobyte each, say) still fit; only past the limit
        // is a sign-in refused, the same way on every platform (see the test above).
        let mut tokens = Tokens::new("a".repeat(1200), "r".repeat(1200));
        tokens.access_expires_at = Some(u64::MAX);
        assert!(tokens.encode().len() <= MAX_VALUE_BYTES);
    }

    #[test]
    fn a_damaged_value_is_an_error_that_does_not_quote_it() {
        let error = Tokens::decode(b"{\"access_token\":\"sb_at_leaky\"").unwrap_err();
        assert_eq!(error.code(), ErrorCode::KeychainFailed);
        assert!(!error.to_string().contains("leaky"), "{error}");
    }

    #[test]
    fn debug_never_shows_tokens() {
        let tokens = Tokens::new("sb_at_visible", "sb_rt_visible");
        let shown = format!("{tokens:?}");
        assert!(!shown.contains("visible"), "{shown}");
    }
}
