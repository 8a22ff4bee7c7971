//! The desktop app's one door into the core: which workspaces exist and which is open, signing in and
//! out, the embedded local workspace, and an API client for the open workspace with its token from the
//! keychain. The Tauri shell holds one [`Desktop`] and its commands call it.
//!
//! Tokens are read from the keychain once per workspace and then kept in memory (a keychain read costs
//! about 0.15 s on Linux); they never leave this process except as an `Authorization` header.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use switchboard_api::auth::{Refresh, Session, SignIn};
use switchboard_api::client::{ApiError, Client, ETag};
use switchboard_api::configuration::{Configuration, ConfigurationPatch};
use switchboard_server::local::LocalWorkspace;
use tokio::sync::Mutex;
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};
use crate::keychain::{Keychain, Tokens};
use crate::outbox::{OutboxStore, Waker};
use crate::sessions::{Sessions, SignedIn};
use crate::workspaces::{Preferences, Workspace, WorkspaceKind, WorkspaceState, WorkspaceStore};

mod invites;
mod provisioning;
pub use invites::OutboxEvent;

/// The local workspace's database, inside the app data dir.
pub const LOCAL_DATABASE: &str = "local-workspace.db";
/// What the local workspace is called in the workspace switcher.
pub const LOCAL_DISPLAY_NAME: &str = "Local workspace";
/// Refresh an access token this long before it expires rather than let a request fail.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// A read resource with the `ETag` to send back when changing it, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Versioned<T: TS> {
    pub value: T,
    pub etag: String,
}

impl<T: TS> From<switchboard_api::client::Versioned<T>> for Versioned<T> {
    fn from(read: switchboard_api::client::Versioned<T>) -> Self {
        Self {
            value: read.value,
            etag: read.etag.to_string(),
        }
    }
}

/// Where the app keeps its files, and under which name its keychain entries live.
#[derive(Debug, Clone)]
pub struct DesktopConfig {
    /// Non-secret settings: the workspace list and preferences.
    pub config_dir: PathBuf,
    /// Data: the local workspace's database.
    pub data_dir: PathBuf,
    /// The app identifier, used as the keychain service name.
    pub keychain_service: String,
}

/// The core of the running desktop app. Clones share everything: the outbox's sender holds one.
#[derive(Clone)]
pub struct Desktop(Arc<DesktopInner>);

impl std::ops::Deref for Desktop {
    type Target = DesktopInner;

    fn deref(&self) -> &DesktopInner {
        &self.0
    }
}

/// What a [`Desktop`] holds; its methods are the desktop's.
pub struct DesktopInner {
    sessions: Arc<Sessions>,
    data_dir: PathBuf,
    local: Mutex<Option<LocalWorkspace>>,
    /// Clients for workspaces already used in this run, keyed by workspace id.
    clients: Mutex<HashMap<String, Connected>>,
    /// One refresh at a time per workspace id.
    refreshing: Mutex<HashMap<String, Arc<Mutex<()>>>>,
    /// The invite outbox, opened on first use.
    outbox: tokio::sync::OnceCell<OutboxStore>,
    /// Wakes the outbox's sender once it runs.
    outbox_waker: std::sync::OnceLock<Waker>,
    /// The entries the sender has on their way, once it runs.
    outbox_in_flight: std::sync::OnceLock<crate::outbox::InFlight>,
    /// Photo uploads under way.
    uploads: crate::quitting::Uploads,
    /// Workspaces whose last send failed for want of an answer: a successful call to one of them, or the
    /// outbox's probe of its server getting an answer, means its server is back, and its waiting invites
    /// go at once rather than at their next attempt.
    unreachable: std::sync::Mutex<std::collections::HashSet<String>>,
    /// Sign-ins so far in this run: the outbox tells an attempt made with a session that a sign-in has
    /// since replaced from one the server refused now.
    sign_ins: std::sync::atomic::AtomicU64,
}

#[derive(Clone)]
struct Connected {
    client: Client,
    tokens: Tokens,
}

impl Desktop {
    pub fn new(config: DesktopConfig) -> Self {
        let sessions = Sessions::new(
            Keychain::new(config.keychain_service),
            WorkspaceStore::new(config.config_dir),
        );
        Desktop(Arc::new(DesktopInner {
            sessions: Arc::new(sessions),
            data_dir: config.data_dir,
            local: Mutex::new(None),
            clients: Mutex::new(HashMap::new()),
            refreshing: Mutex::new(HashMap::new()),
            outbox: tokio::sync::OnceCell::new(),
            outbox_waker: std::sync::OnceLock::new(),
            outbox_in_flight: std::sync::OnceLock::new(),
            uploads: crate::quitting::Uploads::default(),
            unreachable: std::sync::Mutex::new(std::collections::HashSet::new()),
            sign_ins: std::sync::atomic::AtomicU64::new(0),
        }))
    }
}

impl DesktopInner {
    /// The workspace list, which one is open, and the preferences.
    pub async fn state(&self) -> Result<WorkspaceState> {
        self.blocking(|sessions| sessions.state()).await
    }

    /// Keeps the app's preferences (the theme) with the workspace list, so they survive a reinstall of
    /// the webview's storage and are the same in every window.
    pub async fn set_preferences(&self, preferences: Preferences) -> Result<WorkspaceState> {
        self.blocking(move |sessions| sessions.set_preferences(preferences))
            .await
    }

    /// Remembers the page the user is on in a workspace (a short UI route name such as
    /// `members/invitations`, never what a page shows), to open it there at the next launch.
    pub async fn remember_page(&self, workspace_id: &str, page: &str) -> Result<()> {
        let (id, page) = (workspace_id.to_owned(), page.to_owned());
        self.blocking(move |sessions| sessions.workspace_store().set_last_page(&id, &page))
            .await
    }

    /// Counts a photo upload under way until the guard is dropped (see [`DesktopInner::busy_work`]).
    pub fn uploading(&self) -> crate::quitting::Uploading {
        self.uploads.start()
    }

    /// What quitting now would cut short, and which queued invites would wait for the next launch.
    pub async fn busy_work(&self) -> Result<crate::quitting::BusyWork> {
        let unreachable = self.unreachable.lock().unwrap_or_else(|p| p.into_inner()).clone();
        crate::quitting::BusyWork::of_outbox(
            self.outbox().await?,
            self.outbox_in_flight.get(),
            &unreachable,
            self.uploads.count(),
            crate::outbox::store::now_ms(),
        )
        .await
    }

    /// Gets ready for the first call while the window is still being built: starts the local workspace's
    /// server when that is the open workspace, and reads the open workspace's tokens from the keychain.
    /// WebKit takes the better part of a second to show the page, and the first page's reads would
    /// otherwise wait for both after that. Whatever fails here is left for that first call, which meets
    /// the same failure and reports it where the user sees it.
    pub async fn warm_up(&self) {
        if let Err(error) = self.open().await {
            tracing::debug!(%error, "nothing opened ahead of the first call");
        }
    }

    /// Opens the local workspace: starts the embedded server (seeding the demo team on first use), signs
    /// in as its owner with a fresh API token kept in the keychain, and makes it the open workspace.
    pub async fn open_local_workspace(&self) -> Result<Workspace> {
        let (base_url, token) = {
            let mut local = self.local.lock().await;
            let server = self.start_local(&mut local).await?;
            let token =
                server
                    .owner_token("Switchboard desktop")
                    .await
                    .map_err(|e| Error::LocalWorkspace {
                        detail: e.to_string(),
                    })?;
            (server.base_url(), token)
        };
        let client = build_client(&base_url)?.with_token(token.clone());
        let me = client
            .me()
            .get()
            .await
            .map_err(|e| api_error(&base_url, e))?
            .value;
        let signed_in = SignedIn {
            server_url: base_url,
            user_id: me.id.to_string(),
            user_email: me.email,
            user_name: me.name,
            tokens: Tokens::new(token, ""),
            display_name: Some(LOCAL_DISPLAY_NAME.to_owned()),
            kind: WorkspaceKind::Local,
        };
        self.record_sign_in(signed_in, client).await
    }

    /// Signs in to a server with an email and password, and makes it the open workspace.
    pub async fn sign_in(&self, server_url: &str, email: &str, password: &str) -> Result<Workspace> {
        let server_url = crate::workspaces::normalize_server_url(server_url)?;
        let client = build_client(&server_url)?;
        let credentials = SignIn {
            email: email.trim().to_owned(),
            password: password.to_owned(),
        };
        // The client reports wrong credentials as the server's `invalid_credentials` problem, not as
        // "signed out", so they pass through like any other refusal.
        let session = client
            .auth()
            .sign_in(&credentials)
            .await
            .map_err(|e| api_error(&server_url, e))?;
        let tokens = tokens_of(&session);
        let signed_in = SignedIn {
            server_url,
            user_id: session.member.id.to_string(),
            user_email: session.member.email.clone(),
            user_name: session.member.name.clone(),
            tokens,
            display_name: None,
            kind: WorkspaceKind::Remote,
        };
        let client = client.with_token(session.access_token);
        self.record_sign_in(signed_in, client).await
    }

    /// Makes another signed-in workspace the open one.
    pub async fn switch(&self, workspace_id: &str) -> Result<WorkspaceState> {
        let id = workspace_id.to_owned();
        self.blocking(move |sessions| {
            sessions.switch(&id)?;
            sessions.state()
        })
        .await
    }

    /// Signs out of a workspace: ends the session on its server when it can be reached (best effort: the
    /// local sign-out must work offline too), deletes its keychain entry and forgets it.
    pub async fn sign_out(&self, workspace_id: &str) -> Result<WorkspaceState> {
        // Wait for a refresh under way, or it would keep a new pair after the keychain entry is gone and
        // the workspace would stay signed in for the rest of the run.
        let gate = self.refresh_gate(workspace_id).await;
        let _refreshing = gate.lock().await;
        let connected = self.clients.lock().await.remove(workspace_id);
        if let Some(connected) = connected
            && let Err(error) = connected.client.auth().sign_out().await
        {
            tracing::info!(%error, "the server did not confirm the sign-out; forgetting the session anyway");
        }
        let id = workspace_id.to_owned();
        let state = self
            .blocking(move |sessions| {
                sessions.sign_out(&id)?;
                sessions.state()
            })
            .await?;
        // Signing out keeps nothing of the workspace on this computer, its unsent invites included (the
        // app says so before). A session that merely expired keeps them: that is not a sign-out.
        match self.outbox().await {
            Ok(outbox) => match outbox.discard_workspace(workspace_id).await {
                Ok(0) => {}
                Ok(dropped) => tracing::info!(dropped, "discarded the signed-out workspace's queued invites"),
                Err(error) => tracing::error!(%error, "could not discard the signed-out workspace's invites"),
            },
            Err(error) => tracing::error!(%error, "the outbox could not be opened"),
        }
        Ok(state)
    }

    /// An API client for the open workspace, signed in. Starts the local workspace's server when that is
    /// the open one, and refreshes an access token that is about to expire.
    pub async fn client(&self) -> Result<Client> {
        Ok(self.open().await?.1.client)
    }

    /// The open workspace and a signed-in client for it (see [`DesktopInner::client`]).
    async fn open(&self) -> Result<(Workspace, Connected)> {
        let workspace = self
            .blocking(|sessions| sessions.current())
            .await?
            .ok_or(Error::NoWorkspace)?;
        self.open_workspace(workspace).await
    }

    /// `workspace` (open or not) and a signed-in client for it: its local server started when it is the
    /// local workspace, its access token refreshed when about to expire.
    async fn open_workspace(&self, workspace: Workspace) -> Result<(Workspace, Connected)> {
        let workspace = self.reach(workspace).await?;
        let connected = self.connected(&workspace).await?;
        if !expires_soon(&connected.tokens) {
            return Ok((workspace, connected));
        }
        // Refresh tokens are single-use: of the calls that find the token about to expire, one refreshes
        // and the rest wait for it and use its result, or the second to spend the old refresh token would
        // be refused and sign the user out.
        let gate = self.refresh_gate(&workspace.id).await;
        let _refreshing = gate.lock().await;
        let current = self.connected(&workspace).await?;
        if current.tokens.access.expose() != connected.tokens.access.expose()
            || !expires_soon(&current.tokens)
        {
            return Ok((workspace, current));
        }
        let refreshed = self.refresh(&workspace, current).await?;
        Ok((workspace, refreshed))
    }

    /// The lock that lets one refresh at a time run for a workspace.
    async fn refresh_gate(&self, workspace_id: &str) -> Arc<Mutex<()>> {
        Arc::clone(
            self.refreshing
                .lock()
                .await
                .entry(workspace_id.to_owned())
                .or_default(),
        )
    }

    /// The cached client of `workspace`, or one built from the tokens in the keychain (and cached).
    async fn connected(&self, workspace: &Workspace) -> Result<Connected> {
        if let Some(connected) = self.clients.lock().await.get(&workspace.id).cloned() {
            return Ok(connected);
        }
        let id = workspace.id.clone();
        let tokens = self
            .blocking(move |sessions| sessions.tokens(&id))
            .await?
            .ok_or_else(|| Error::SignedOut {
                server: host_of(&workspace.server_url),
            })?;
        let client = build_client(&workspace.server_url)?.with_token(tokens.access.expose());
        // Another call may have cached (or refreshed) a client while this one read the keychain: keep
        // that one, or the older pair read here would overwrite a refreshed one and spend a used token.
        let connected = Connected { client, tokens };
        Ok(self
            .clients
            .lock()
            .await
            .entry(workspace.id.clone())
            .or_insert(connected)
            .clone())
    }

    /// Calls the open workspace's server: `desktop.call(|c| async move { c.members().list(query).await })`.
    ///
    /// A call whose token is refused is made once more when a newer token is to be had: another call may
    /// have refreshed (which retires the old access token at once) while this one was on its way, or the
    /// server may have dropped the access token while its refresh token still holds. The server refuses
    /// an unauthenticated request before doing anything, so repeating it is safe for every method.
    pub async fn call<T, Fut>(&self, call: impl Fn(Client) -> Fut) -> Result<T>
    where
        Fut: std::future::Future<Output = std::result::Result<T, ApiError>>,
    {
        Ok(self.call_on(call).await?.1)
    }

    /// [`DesktopInner::call`], also saying which workspace answered.
    async fn call_on<T, Fut>(&self, call: impl Fn(Client) -> Fut) -> Result<(Workspace, T)>
    where
        Fut: std::future::Future<Output = std::result::Result<T, ApiError>>,
    {
        let (workspace, used) = self.open().await?;
        let error = match call(used.client.clone()).await {
            Ok(value) => {
                self.answered(&workspace.id).await;
                return Ok((workspace, value));
            }
            Err(error) if error.is_signed_out() => error,
            Err(error) => return Err(api_error(&workspace.server_url, error)),
        };
        let Some(newer) = self.after_refusal(&workspace, &used).await? else {
            return Err(api_error(&workspace.server_url, error));
        };
        match call(newer.client.clone()).await {
            Ok(value) => Ok((workspace, value)),
            Err(error) => {
                if error.is_signed_out() {
                    self.forget_if_cached(&workspace.id, &newer).await;
                }
                Err(api_error(&workspace.server_url, error))
            }
        }
    }

    /// The account's configuration. Its team name is what the workspace switcher calls the workspace,
    /// so reading it also keeps that name current.
    pub async fn configuration(&self) -> Result<Versioned<Configuration>> {
        let (workspace, read) = self
            .call_on(|c| async move { c.configuration().get().await })
            .await?;
        self.name_after_team(&workspace, &read.value).await;
        Ok(read.into())
    }

    /// Changes the account's configuration (and the workspace's name with the team's).
    pub async fn update_configuration(
        &self,
        etag: &ETag,
        patch: &ConfigurationPatch,
    ) -> Result<Versioned<Configuration>> {
        let (workspace, updated) = self
            .call_on(|c| async move { c.configuration().update(etag, patch).await })
            .await?;
        self.name_after_team(&workspace, &updated.value).await;
        Ok(updated.into())
    }

    /// Names the workspace after its team, or after its server (or "Local workspace") while the team
    /// has no name. A failure to save the name is logged, not raised: the call it follows succeeded.
    async fn name_after_team(&self, workspace: &Workspace, configuration: &Configuration) -> Workspace {
        let name = configuration
            .team_name
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| match workspace.kind {
                WorkspaceKind::Local => LOCAL_DISPLAY_NAME.to_owned(),
                WorkspaceKind::Remote => host_of(&workspace.server_url),
            });
        if name == workspace.display_name {
            return workspace.clone();
        }
        let id = workspace.id.clone();
        match self
            .blocking(move |sessions| sessions.workspace_store().rename(&id, &name))
            .await
        {
            Ok(renamed) => renamed,
            Err(error) => {
                tracing::warn!(%error, "could not rename the workspace after its team");
                workspace.clone()
            }
        }
    }

    /// After the server refused `used`: the client to try again with, if there is one. Waits for a
    /// refresh under way first, since that refresh is what retired `used`.
    async fn after_refusal(&self, workspace: &Workspace, used: &Connected) -> Result<Option<Connected>> {
        let gate = self.refresh_gate(&workspace.id).await;
        let _refreshing = gate.lock().await;
        // The cached pair, or the keychain's when another refused call dropped the cache.
        let current = match self.connected(workspace).await {
            Ok(current) => current,
            Err(Error::SignedOut { .. }) => return Ok(None),
            Err(error) => return Err(error),
        };
        if current.tokens.access.expose() != used.tokens.access.expose() {
            return Ok(Some(current));
        }
        if !current.tokens.refresh.expose().is_empty() {
            match self.refresh(workspace, current).await {
                Ok(refreshed) => return Ok(Some(refreshed)),
                Err(Error::SignedOut { .. }) => {}
                Err(error) => return Err(error),
            }
        }
        // Nothing newer: read the keychain again next time rather than keep a refused token.
        self.forget_if_cached(&workspace.id, used).await;
        Ok(None)
    }

    /// Drops the cached client of a workspace if it still holds `refused`'s token (and not a newer one).
    async fn forget_if_cached(&self, workspace_id: &str, refused: &Connected) {
        let mut clients = self.clients.lock().await;
        if clients
            .get(workspace_id)
            .is_some_and(|c| c.tokens.access.expose() == refused.tokens.access.expose())
        {
            clients.remove(workspace_id);
        }
    }

    /// Stops the local workspace's server, if it runs (on app exit).
    pub async fn shutdown(&self) {
        if let Some(server) = self.local.lock().await.take() {
            server.shutdown().await;
        }
    }

    async fn record_sign_in(&self, signed_in: SignedIn, client: Client) -> Result<Workspace> {
        let tokens = signed_in.tokens.clone();
        let workspace = self.blocking(move |sessions| sessions.sign_in(signed_in)).await?;
        self.clients.lock().await.insert(
            workspace.id.clone(),
            Connected {
                client: client.clone(),
                tokens,
            },
        );
        self.signed_in_again(&workspace).await;
        // The switcher shows the team's name from the start; without it (an older server, or the
        // request failing) the workspace keeps the server's name until Configuration is next read.
        match client.configuration().get().await {
            Ok(read) => Ok(self.name_after_team(&workspace, &read.value).await),
            Err(error) => {
                tracing::info!(%error, "could not read the team's name at sign-in");
                Ok(workspace)
            }
        }
    }

    /// For the local workspace: makes sure its server runs and the workspace record (and keychain entry)
    /// point at the port it got this time.
    async fn reach(&self, workspace: Workspace) -> Result<Workspace> {
        if workspace.kind != WorkspaceKind::Local {
            return Ok(workspace);
        }
        let base_url = {
            let mut local = self.local.lock().await;
            self.start_local(&mut local).await?.base_url()
        };
        if base_url == workspace.server_url {
            return Ok(workspace);
        }
        self.clients.lock().await.remove(&workspace.id);
        self.blocking(move |sessions| sessions.change_server_url(&workspace.id, &base_url))
            .await
    }

    async fn start_local<'a>(&self, local: &'a mut Option<LocalWorkspace>) -> Result<&'a LocalWorkspace> {
        if local.is_none() {
            std::fs::create_dir_all(&self.data_dir).map_err(|e| Error::LocalWorkspace {
                detail: format!("can't create {}: {e}", self.data_dir.display()),
            })?;
            let path = self.data_dir.join(LOCAL_DATABASE);
            let server = LocalWorkspace::open(&path)
                .await
                .map_err(|e| Error::LocalWorkspace {
                    detail: e.to_string(),
                })?;
            tracing::info!(addr = %server.addr(), "local workspace started");
            *local = Some(server);
        }
        Ok(local.as_ref().expect("started above"))
    }

    /// Spends the refresh token for a new pair, keeps it (keychain and memory) and returns it. Called with
    /// the workspace's refresh gate held.
    async fn refresh(&self, workspace: &Workspace, connected: Connected) -> Result<Connected> {
        let refresh = Refresh {
            refresh_token: connected.tokens.refresh.expose().to_owned(),
        };
        let session = connected
            .client
            .without_token()
            .auth()
            .refresh(&refresh)
            .await
            .map_err(|e| api_error(&workspace.server_url, e))?;
        let tokens = tokens_of(&session);
        let refreshed = Connected {
            client: connected.client.with_token(session.access_token),
            tokens: tokens.clone(),
        };
        // The old pair is dead now, so the new one is kept in memory whatever happens to the keychain
        // write: losing it would sign the user out at once. A failed write only costs signing in again
        // after the next launch.
        self.clients
            .lock()
            .await
            .insert(workspace.id.clone(), refreshed.clone());
        let id = workspace.id.clone();
        if let Err(error) = self
            .blocking(move |sessions| sessions.update_tokens(&id, &tokens))
            .await
        {
            tracing::warn!(%error, "could not keep the refreshed session in the keychain");
        }
        Ok(refreshed)
    }

    /// Runs keychain and file work off the async runtime's threads.
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Sessions) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let sessions = Arc::clone(&self.sessions);
        tokio::task::spawn_blocking(move || work(&sessions))
            .await
            .map_err(|e| Error::Internal {
                message: format!("a background task failed: {e}"),
            })?
    }
}

fn build_client(server_url: &str) -> Result<Client> {
    Client::builder(server_url)
        .build()
        .map_err(|_| Error::InvalidServerUrl {
            url: server_url.to_owned(),
        })
}

fn tokens_of(session: &Session) -> Tokens {
    let mut tokens = Tokens::new(session.access_token.clone(), session.refresh_token.clone());
    tokens.access_expires_at = Some(unix_now().saturating_add(session.expires_in));
    tokens
}

fn expires_soon(tokens: &Tokens) -> bool {
    let refreshable = !tokens.refresh.expose().is_empty();
    let expires_at = tokens.access_expires_at.unwrap_or(u64::MAX);
    refreshable && expires_at <= unix_now().saturating_add(REFRESH_MARGIN.as_secs())
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn host_of(server_url: &str) -> String {
    url::Url::parse(server_url)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(port) => format!("{h}:{port}"),
                None => h.to_owned(),
            })
        })
        .unwrap_or_else(|| server_url.to_owned())
}

/// Turns a client error into the core's error, in the user's words; the server's own problem code passes
/// through so the UI can branch on it.
fn api_error(server_url: &str, error: ApiError) -> Error {
    let server = host_of(server_url);
    if error.is_signed_out() {
        return Error::SignedOut { server };
    }
    if error.is_network() {
        return Error::Offline { server };
    }
    match (error.code(), error.status()) {
        (Some(code), Some(status)) => {
            let mut message = error
                .detail()
                .map(str::to_owned)
                .unwrap_or_else(|| error.to_string());
            let fields = error.field_errors().clone();
            for (field, problems) in &fields {
                message.push_str(&format!(" {field}: {}.", problems.join(", ")));
            }
            Error::Server {
                // A code this build doesn't know (a newer server) still keeps the server's message.
                code: code.parse().unwrap_or(ErrorCode::ServerError),
                status: status.as_u16(),
                message,
                fields,
            }
        }
        (None, Some(status)) => Error::Server {
            code: ErrorCode::ServerError,
            status: status.as_u16(),
            message: format!("{server} answered with an error ({status}). Try again later."),
            fields: Default::default(),
        },
        _ => Error::Internal {
            message: format!("Talking to {server} failed: {error}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_shown_without_scheme_or_path() {
        assert_eq!(
            host_of("https://acme.switchboard.example/"),
            "acme.switchboard.example"
        );
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1:8080");
    }

    fn refusal(code: &str, detail: &str) -> ApiError {
        ApiError::Problem {
            status: switchboard_api::client::StatusCode::CONFLICT,
            problem: Box::new(switchboard_api::Problem {
                kind: "about:blank".into(),
                title: "Conflict".into(),
                status: 409,
                code: code.into(),
                detail: Some(detail.into()),
                errors: Default::default(),
            }),
            retry_after: None,
        }
    }

    #[test]
    fn the_servers_code_passes_through_and_an_unknown_one_keeps_its_message() {
        let known = api_error(
            "http://127.0.0.1:8080",
            refusal("last_owner", "the team needs an owner"),
        );
        assert_eq!(known.code(), ErrorCode::LastOwner);
        assert_eq!(known.to_string(), "the team needs an owner");
        let newer = api_error(
            "http://127.0.0.1:8080",
            refusal("a_code_from_a_newer_server", "you can't do that yet"),
        );
        assert_eq!(newer.code(), ErrorCode::ServerError);
        assert_eq!(newer.to_string(), "you can't do that yet");
    }

    #[test]
    fn only_refreshable_tokens_near_expiry_are_refreshed() {
        let mut tokens = Tokens::new("a", "r");
        tokens.access_expires_at = Some(unix_now() + 10);
        assert!(expires_soon(&tokens));
        tokens.access_expires_at = Some(unix_now() + 3600);
        assert!(!expires_soon(&tokens));
        let mut api_token = Tokens::new("a", "");
        api_token.access_expires_at = Some(unix_now());
        assert!(
            !expires_soon(&api_token),
            "an API token has nothing to refresh with"
        );
    }
}
