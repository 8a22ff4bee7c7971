//! Sessions: a signed-in workspace is a record in the workspace list (`workspaces.rs`) plus its tokens
//! in the OS keychain (`keychain.rs`). This type keeps the two in step; the HTTP half (calling
//! `POST /v1/auth/sessions`, `/v1/auth/refresh`, `DELETE /v1/auth/sessions/current`) belongs to the API
//! client, which hands its results to [`Sessions::sign_in`] and [`Sessions::update_tokens`].
//!
//! Several workspaces can be signed in at once: each has its own keychain entry, and switching only
//! changes which one is current. Every method blocks on the keychain; call from a blocking thread.

use crate::error::{Error, Result};
use crate::keychain::{Account, Keychain, Tokens};
use crate::workspaces::{
    NewWorkspace, Preferences, Workspace, WorkspaceKind, WorkspaceState, WorkspaceStore, normalize_server_url,
};

/// The outcome of a successful sign-in, as the API client reports it: for `POST /v1/auth/sessions`,
/// the server URL the user typed, `member.id`, `member.email`, `member.name`, and the token pair (with
/// `expires_in` turned into [`Tokens::access_expires_at`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub server_url: String,
    pub user_id: String,
    pub user_email: String,
    pub user_name: String,
    pub tokens: Tokens,
    /// `None` keeps an existing workspace's name, or uses the server's host for a new one.
    pub display_name: Option<String>,
    pub kind: WorkspaceKind,
}

/// The signed-in workspaces of this computer.
#[derive(Debug)]
pub struct Sessions {
    keychain: Keychain,
    workspaces: WorkspaceStore,
}

impl Sessions {
    pub fn new(keychain: Keychain, workspaces: WorkspaceStore) -> Self {
        Self { keychain, workspaces }
    }

    pub fn keychain(&self) -> &Keychain {
        &self.keychain
    }

    pub fn workspace_store(&self) -> &WorkspaceStore {
        &self.workspaces
    }

    /// The workspace list, which one is current, and the preferences.
    pub fn state(&self) -> Result<WorkspaceState> {
        self.workspaces.load()
    }

    /// Keeps the app's preferences (the theme) and returns the state with them.
    pub fn set_preferences(&self, preferences: Preferences) -> Result<WorkspaceState> {
        self.workspaces.set_preferences(preferences)?;
        self.workspaces.load()
    }

    /// The current workspace, if any.
    pub fn current(&self) -> Result<Option<Workspace>> {
        Ok(self.workspaces.load()?.current().cloned())
    }

    /// Records a sign-in and makes it the current workspace. The tokens are saved first: if the keychain
    /// can't be used, nothing is recorded and the error says why (there is no fall-back to a file).
    pub fn sign_in(&self, signed_in: SignedIn) -> Result<Workspace> {
        let server_url = normalize_server_url(&signed_in.server_url)?;
        let account = Account::new(&server_url, &signed_in.user_id);
        self.keychain.store(&account, &signed_in.tokens)?;
        let recorded = self.workspaces.upsert(NewWorkspace {
            server_url,
            user_id: signed_in.user_id,
            user_email: signed_in.user_email,
            user_name: signed_in.user_name,
            display_name: signed_in.display_name,
            kind: signed_in.kind,
        });
        if recorded.is_err() {
            // Don't leave tokens for a workspace the app doesn't know about.
            let _ = self.keychain.delete(&account);
        }
        recorded
    }

    /// The tokens of a workspace; `None` means it must be signed in to again (its keychain entry was
    /// removed, e.g. by the user in their keychain app).
    pub fn tokens(&self, workspace_id: &str) -> Result<Option<Tokens>> {
        let workspace = self.workspaces.get(workspace_id)?;
        self.keychain.read(&workspace.account())
    }

    /// Replaces a workspace's tokens after a refresh (refresh tokens are single-use, so this must happen
    /// before the new pair is used).
    pub fn update_tokens(&self, workspace_id: &str, tokens: &Tokens) -> Result<()> {
        let workspace = self.workspaces.get(workspace_id)?;
        self.keychain.store(&workspace.account(), tokens)
    }

    /// Drops a workspace's tokens but keeps the workspace (its refresh token was refused: the user signs
    /// in again with the server and email already filled in). `Ok(false)` if there were none.
    pub fn forget_tokens(&self, workspace_id: &str) -> Result<bool> {
        let workspace = self.workspaces.get(workspace_id)?;
        self.keychain.delete(&workspace.account())
    }

    /// Moves a workspace to a new server URL, keychain entry included (the account contains the URL).
    /// The new entry is written before the record changes and the old one deleted after, so a failure
    /// part-way never loses the sign-in.
    pub fn change_server_url(&self, workspace_id: &str, server_url: &str) -> Result<Workspace> {
        let before = self.workspaces.get(workspace_id)?;
        let server_url = normalize_server_url(server_url)?;
        if server_url == before.server_url {
            return Ok(before);
        }
        let new_account = Account::new(&server_url, &before.user_id);
        if let Some(tokens) = self.keychain.read(&before.account())? {
            self.keychain.store(&new_account, &tokens)?;
        }
        let after = match self.workspaces.set_server_url(workspace_id, &server_url) {
            Ok(after) => after,
            Err(error) => {
                let _ = self.keychain.delete(&new_account);
                return Err(error);
            }
        };
        self.keychain.delete(&before.account())?;
        Ok(after)
    }

    /// Makes another signed-in workspace current.
    pub fn switch(&self, workspace_id: &str) -> Result<Workspace> {
        self.workspaces.switch(workspace_id)
    }

    /// Forgets a workspace: its keychain entry, then its record. The keychain goes first so a failure
    /// leaves the workspace listed (and the user can retry) rather than an orphaned token nobody can see.
    /// Revoking the session on the server is the API client's job, before this.
    pub fn sign_out(&self, workspace_id: &str) -> Result<Workspace> {
        let workspace = self.workspaces.get(workspace_id)?;
        self.keychain.delete(&workspace.account())?;
        match self.workspaces.remove(workspace_id) {
            Err(Error::WorkspaceNotFound { .. }) => Ok(workspace),
            other => other,
        }
    }
}
