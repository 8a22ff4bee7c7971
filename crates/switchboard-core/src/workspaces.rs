//! The non-secret half of being signed in: which workspaces this computer knows (server URL, user, a
//! display name), which one is current, and the app's preferences — one JSON file in the app's config dir.
//! Tokens never go here (they live in the OS keychain, see `keychain.rs`); the types below have no field
//! that could hold one.
//!
//! The file is replaced atomically (written to a temporary file in the same folder, flushed, renamed over
//! the old one), so a crash mid-write leaves either the old list or the new one, never half of each.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::keychain::Account;

/// The file's name inside the config dir.
pub const FILE_NAME: &str = "workspaces.json";
const FILE_VERSION: u32 = 1;
/// The longest page name kept (see [`WorkspaceStore::set_last_page`]).
pub const MAX_PAGE_LEN: usize = 40;

/// A workspace: one user signed in to one server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    /// Stable local id (a UUID), unrelated to anything on the server.
    pub id: String,
    /// What the workspace switcher shows; defaults to the server's host.
    pub display_name: String,
    /// Normalised (see [`normalize_server_url`]): no trailing slash, no credentials.
    pub server_url: String,
    /// The member id on that server.
    pub user_id: String,
    pub user_email: String,
    pub user_name: String,
    /// A remote server, or the local workspace the app runs itself.
    #[serde(default)]
    pub kind: WorkspaceKind,
    /// The page the user was last on in this workspace (a route name such as `members/invitations`, see
    /// [`WorkspaceStore::set_last_page`]), to open it there at the next launch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_page: Option<String>,
}

/// Where a workspace's server is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceKind {
    /// A server the user signed in to by URL.
    #[default]
    Remote,
    /// The server the app starts in-process on 127.0.0.1 (its port may change between launches: see
    /// `Sessions::change_server_url`).
    Local,
}

impl Workspace {
    /// Where this workspace's tokens are kept in the keychain.
    pub fn account(&self) -> Account {
        Account::new(&self.server_url, &self.user_id)
    }
}

/// The colour theme; `System` follows the OS.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// App-wide preferences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Preferences {
    pub theme: Theme,
}

/// Everything the file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkspaceState {
    /// The id of the workspace the app shows, if any.
    pub current: Option<String>,
    /// In the order they were added.
    pub workspaces: Vec<Workspace>,
    pub preferences: Preferences,
}

impl WorkspaceState {
    pub fn get(&self, id: &str) -> Option<&Workspace> {
        self.workspaces.iter().find(|w| w.id == id)
    }

    /// The record of workspace `id`, to change, or `not_found`.
    fn get_mut(&mut self, id: &str) -> Result<&mut Workspace> {
        self.workspaces
            .iter_mut()
            .find(|w| w.id == id)
            .ok_or_else(|| not_found(id))
    }

    pub fn current(&self) -> Option<&Workspace> {
        self.current.as_deref().and_then(|id| self.get(id))
    }
}

#[derive(Serialize, Deserialize)]
struct FileContents {
    version: u32,
    #[serde(flatten)]
    state: WorkspaceState,
}

/// What a sign-in tells us about the user, without the tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkspace {
    pub server_url: String,
    pub user_id: String,
    pub user_email: String,
    pub user_name: String,
    /// `None` keeps an existing workspace's name, or uses the server's host for a new one.
    pub display_name: Option<String>,
    pub kind: WorkspaceKind,
}

/// The workspace list in one config dir. Changes are serialised within the process; the app runs as a
/// single instance, so there is no cross-process locking.
#[derive(Debug)]
pub struct WorkspaceStore {
    path: PathBuf,
    lock: Mutex<()>,
}

impl WorkspaceStore {
    /// The list kept in `config_dir` (created on the first write).
    pub fn new(config_dir: impl AsRef<Path>) -> Self {
        Self {
            path: config_dir.as_ref().join(FILE_NAME),
            lock: Mutex::new(()),
        }
    }

    /// The file's path, for messages and for tests that inspect it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The current state; empty when the file doesn't exist yet (first launch).
    pub fn load(&self) -> Result<WorkspaceState> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        self.read()
    }

    pub fn get(&self, id: &str) -> Result<Workspace> {
        self.load()?.get(id).cloned().ok_or_else(|| not_found(id))
    }

    /// Adds the workspace of a sign-in, or updates it if the same user on the same server is already
    /// here (signing in again keeps its id and name), and makes it current.
    pub fn upsert(&self, new: NewWorkspace) -> Result<Workspace> {
        let server_url = normalize_server_url(&new.server_url)?;
        self.modify(|state| {
            let existing = state
                .workspaces
                .iter_mut()
                .find(|w| w.server_url == server_url && w.user_id == new.user_id);
            let workspace = match existing {
                Some(workspace) => {
                    workspace.user_email = new.user_email;
                    workspace.user_name = new.user_name;
                    if let Some(name) = new.display_name {
                        workspace.display_name = name;
                    }
                    workspace.clone()
                }
                None => {
                    let workspace = Workspace {
                        id: uuid::Uuid::new_v4().to_string(),
                        display_name: new.display_name.unwrap_or_else(|| host_of(&server_url)),
                        server_url,
                        user_id: new.user_id,
                        user_email: new.user_email,
                        user_name: new.user_name,
                        kind: new.kind,
                        last_page: None,
                    };
                    state.workspaces.push(workspace.clone());
                    workspace
                }
            };
            state.current = Some(workspace.id.clone());
            Ok(workspace)
        })
    }

    /// Renames a workspace.
    pub fn rename(&self, id: &str, display_name: &str) -> Result<Workspace> {
        self.modify(|state| {
            let workspace = state.get_mut(id)?;
            workspace.display_name = display_name.to_owned();
            Ok(workspace.clone())
        })
    }

    /// Points a workspace at a new server URL (the local workspace's server got a new port, or a server
    /// moved). Only the record: `Sessions::change_server_url` also moves the keychain entry.
    pub fn set_server_url(&self, id: &str, server_url: &str) -> Result<Workspace> {
        let server_url = normalize_server_url(server_url)?;
        self.modify(|state| {
            let user_id = state.get(id).ok_or_else(|| not_found(id))?.user_id.clone();
            if state
                .workspaces
                .iter()
                .any(|w| w.id != id && w.server_url == server_url && w.user_id == user_id)
            {
                // Two records on one keychain entry: signing out of one would sign the other out too.
                return Err(Error::Internal {
                    message: format!("Another workspace already signs in to {server_url} as this user."),
                });
            }
            let workspace = state.get_mut(id)?;
            workspace.server_url = server_url;
            Ok(workspace.clone())
        })
    }

    /// Makes `id` the current workspace.
    pub fn switch(&self, id: &str) -> Result<Workspace> {
        self.modify(|state| {
            let workspace = state.get(id).cloned().ok_or_else(|| not_found(id))?;
            state.current = Some(workspace.id.clone());
            Ok(workspace)
        })
    }

    /// Removes a workspace's record (not its keychain entry: `Sessions::sign_out` does both). If it was
    /// current, the first remaining workspace becomes current.
    pub fn remove(&self, id: &str) -> Result<Workspace> {
        self.modify(|state| {
            let index = state
                .workspaces
                .iter()
                .position(|w| w.id == id)
                .ok_or_else(|| not_found(id))?;
            let removed = state.workspaces.remove(index);
            if state.current.as_deref() == Some(id) {
                state.current = state.workspaces.first().map(|w| w.id.clone());
            }
            Ok(removed)
        })
    }

    /// Remembers the page the user is on in workspace `id`. Only a route's name goes here — lowercase
    /// words and `/`, at most [`MAX_PAGE_LEN`] characters — never an id, a search or anything a page shows.
    pub fn set_last_page(&self, id: &str, page: &str) -> Result<()> {
        let valid = !page.is_empty()
            && page.len() <= MAX_PAGE_LEN
            && page
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'/' || b == b'-');
        if !valid {
            return Err(Error::Internal {
                message: format!("“{page}” is not the name of a page."),
            });
        }
        self.modify(|state| {
            let workspace = state.get_mut(id)?;
            workspace.last_page = Some(page.to_owned());
            Ok(())
        })
    }

    pub fn set_preferences(&self, preferences: Preferences) -> Result<()> {
        self.modify(|state| {
            state.preferences = preferences;
            Ok(())
        })
    }

    fn modify<T>(&self, change: impl FnOnce(&mut WorkspaceState) -> Result<T>) -> Result<T> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut state = self.read()?;
        let result = change(&mut state)?;
        let contents = FileContents {
            version: FILE_VERSION,
            state,
        };
        let mut json = serde_json::to_vec_pretty(&contents).expect("workspace state always serialises");
        json.push(b'\n');
        write_atomically(&self.path, &json).map_err(|e| self.io_error(&e))?;
        Ok(result)
    }

    fn read(&self) -> Result<WorkspaceState> {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(WorkspaceState::default()),
            Err(e) => return Err(self.io_error(&e)),
        };
        let contents: FileContents = serde_json::from_slice(&bytes).map_err(|e| Error::ConfigCorrupt {
            path: self.path.display().to_string(),
            detail: e.to_string(),
        })?;
        if contents.version > FILE_VERSION {
            return Err(Error::ConfigCorrupt {
                path: self.path.display().to_string(),
                detail: format!("written by a newer Switchboard (format {})", contents.version),
            });
        }
        Ok(contents.state)
    }

    fn io_error(&self, error: &io::Error) -> Error {
        Error::ConfigIo {
            path: self.path.display().to_string(),
            detail: error.to_string(),
        }
    }
}

fn not_found(id: &str) -> Error {
    Error::WorkspaceNotFound { id: id.to_owned() }
}

/// The canonical form of a server URL, so the same server always maps to the same workspace and keychain
/// account: http or https only, no user name or password (they would end up in a plain file), no query
/// or fragment, no trailing slash; host lower-cased and default port dropped.
pub fn normalize_server_url(input: &str) -> Result<String> {
    let invalid = || Error::InvalidServerUrl {
        url: input.to_owned(),
    };
    let url = url::Url::parse(input.trim()).map_err(|_| invalid())?;
    let acceptable = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none()
        && url.query().is_none()
        && url.fragment().is_none();
    if !acceptable {
        return Err(invalid());
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
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

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or(FILE_NAME);
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written?;
    // Make the rename itself durable.
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn new(server_url: &str, user_id: &str) -> NewWorkspace {
        NewWorkspace {
            server_url: server_url.into(),
            user_id: user_id.into(),
            user_email: format!("{user_id}@example.com"),
            user_name: format!("User {user_id}"),
            display_name: None,
            kind: WorkspaceKind::Remote,
        }
    }

    #[test]
    fn normalises_server_urls_and_refuses_credentials() {
        assert_eq!(
            normalize_server_url(" HTTPS://Team.Example.com:443/ ").unwrap(),
            "https://team.example.com"
        );
        assert_eq!(
            normalize_server_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            normalize_server_url("https://x.example/api/").unwrap(),
            "https://x.example/api"
        );
        for bad in [
            "",
            "team.example.com",
            "ftp://x.example",
            "https://me:pw@x.example",
            "https://x.example/?a=1",
        ] {
            let error = normalize_server_url(bad).unwrap_err();
            assert_eq!(error.code(), ErrorCode::InvalidServerUrl, "{bad}");
        }
    }

    #[test]
    fn first_launch_is_empty_and_nothing_is_written_until_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let store = WorkspaceStore::new(dir.path().join("config"));
        assert_eq!(store.load().unwrap(), WorkspaceState::default());
        assert!(!store.path().exists());
    }

    #[test]
    fn adds_switches_renames_and_removes() {
        let dir = tempfile::tempdir().unwrap();
        let store = WorkspaceStore::new(dir.path());
        let a = store.upsert(new("https://a.example/", "u1")).unwrap();
        assert_eq!(a.display_name, "a.example");
        assert_eq!(a.server_url, "https://a.example");
        assert_eq!(a.account().as_str(), "https://a.example#u1");
        let b = store.upsert(new("http://127.0.0.1:9000", "u2")).unwrap();
        assert_eq!(b.display_name, "127.0.0.1:9000");
        assert_eq!(store.load().unwrap().current.as_deref(), Some(b.id.as_str()));

        // Signing in again as the same user on the same server updates, keeping id and name.
        let mut again = new("https://a.example", "u1");
        again.user_name = "Renamed User".into();
        let a2 = store.upsert(again).unwrap();
        assert_eq!(
            (a2.id.as_str(), a2.user_name.as_str()),
            (a.id.as_str(), "Renamed User")
        );
        assert_eq!(store.load().unwrap().workspaces.len(), 2);

        // A server that moves keeps the workspace; it can't move onto another workspace's account.
        let moved = store.set_server_url(&b.id, "http://127.0.0.1:9001/").unwrap();
        assert_eq!(
            (moved.id.as_str(), moved.server_url.as_str()),
            (b.id.as_str(), "http://127.0.0.1:9001")
        );
        assert_eq!(moved.kind, WorkspaceKind::Remote);
        let mut clash = new("http://127.0.0.1:9002", "u1");
        clash.kind = WorkspaceKind::Local;
        let c = store.upsert(clash).unwrap();
        assert_eq!(c.kind, WorkspaceKind::Local);
        assert_eq!(
            store
                .set_server_url(&c.id, "https://a.example")
                .unwrap_err()
                .code(),
            ErrorCode::Internal
        );
        store.remove(&c.id).unwrap();

        store.switch(&b.id).unwrap();
        assert_eq!(store.load().unwrap().current().unwrap().id, b.id);
        assert_eq!(store.rename(&b.id, "Local").unwrap().display_name, "Local");

        // Removing the current one falls back to the first remaining.
        assert_eq!(store.remove(&b.id).unwrap().id, b.id);
        let state = store.load().unwrap();
        assert_eq!(state.current.as_deref(), Some(a.id.as_str()));
        assert_eq!(state.workspaces.len(), 1);

        for error in [
            store.switch("nope").unwrap_err(),
            store.remove("nope").unwrap_err(),
        ] {
            assert_eq!(error.code(), ErrorCode::WorkspaceNotFound);
        }
        store.set_preferences(Preferences { theme: Theme::Dark }).unwrap();
        store.set_last_page(&a.id, "members/invitations").unwrap();
        for not_a_page in ["", "members?open=4f1c", "Numbers", &"a".repeat(MAX_PAGE_LEN + 1)] {
            assert_eq!(
                store.set_last_page(&a.id, not_a_page).unwrap_err().code(),
                ErrorCode::Internal,
                "{not_a_page:?}"
            );
        }
        assert_eq!(
            store.set_last_page("nope", "home").unwrap_err().code(),
            ErrorCode::WorkspaceNotFound
        );

        // A second store over the same dir (a relaunch) sees the same state; no temp files are left.
        let reopened = WorkspaceStore::new(dir.path()).load().unwrap();
        assert_eq!(reopened, store.load().unwrap());
        assert_eq!(reopened.preferences.theme, Theme::Dark);
        assert_eq!(
            reopened.get(&a.id).unwrap().last_page.as_deref(),
            Some("members/invitations")
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE_NAME]);
    }

    #[test]
    fn a_damaged_file_is_reported_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = WorkspaceStore::new(dir.path());
        fs::write(store.path(), b"{ not json").unwrap();
        assert_eq!(store.load().unwrap_err().code(), ErrorCode::ConfigCorrupt);
        assert_eq!(
            store.upsert(new("https://a.example", "u1")).unwrap_err().code(),
            ErrorCode::ConfigCorrupt
        );
        assert_eq!(fs::read(store.path()).unwrap(), b"{ not json");
    }

    #[test]
    fn an_unwritable_dir_is_a_config_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, b"").unwrap();
        // The config "dir" is under a regular file, so it can't be created.
        let store = WorkspaceStore::new(blocker.join("config"));
        assert_eq!(
            store.upsert(new("https://a.example", "u1")).unwrap_err().code(),
            ErrorCode::ConfigIo
        );
    }
}
