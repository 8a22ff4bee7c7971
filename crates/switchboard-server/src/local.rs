//! The desktop app's "local workspace": the server embedded in the app, on a SQLite file in the app's
//! data directory, seeded with the demo team on first use and served on 127.0.0.1 at a random port.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let workspace = switchboard_server::local::LocalWorkspace::open("/path/to/workspace.db".as_ref()).await?;
//! let token = workspace.owner_token("Switchboard desktop").await?; // store it in the keychain
//! println!("{}", workspace.base_url());
//! workspace.shutdown().await;
//! # Ok(()) }
//! ```

use std::net::SocketAddr;
use std::path::Path;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::error::ApiError;
use crate::state::{AppState, Settings, StartError};
use crate::{seed, serve};

/// The owner of a local workspace.
pub const LOCAL_OWNER_EMAIL: &str = "you@switchboard.local";

#[derive(Debug)]
pub struct LocalWorkspace {
    addr: SocketAddr,
    state: AppState,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl LocalWorkspace {
    /// Opens (creating and migrating if needed) the SQLite file at `path`, seeds the owner and the demo
    /// team when the workspace is empty, and starts serving on 127.0.0.1 at a free port.
    pub async fn open(path: &Path) -> Result<LocalWorkspace, StartError> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let settings = Settings {
            public_url: format!("http://{addr}"),
            ..Settings::default()
        };
        let state = AppState::connect(&sqlite_url(path), settings).await?;
        let owners: i64 = sqlx::Row::try_get(
            &sqlx::query("SELECT COUNT(*) AS n FROM members WHERE role = 'owner'")
                .fetch_one(state.db.pool())
                .await?,
            "n",
        )?;
        if owners == 0 {
            // Nobody signs in with this password: the app asks for a token with `owner_token`.
            let password = crate::auth::new_token("");
            let seeded = async {
                seed::owner(&state.db, LOCAL_OWNER_EMAIL, &password).await?;
                seed::demo(&state.db).await
            };
            seeded
                .await
                .map_err(|e| StartError::Database(sqlx::Error::Protocol(e.to_string())))?;
        }
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, state.clone(), async {
            let _ = stopped.await;
        }));
        Ok(LocalWorkspace {
            addr,
            state,
            stop,
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, the base URL for the API client (paths start with `/v1`).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Mints a personal API token for the workspace's owner (call it when the keychain holds none).
    pub async fn owner_token(&self, name: &str) -> Result<String, ApiError> {
        let row = sqlx::query(
            "SELECT id FROM members WHERE role = 'owner' AND status = 'active' ORDER BY id LIMIT 1",
        )
        .fetch_one(self.state.db.pool())
        .await?;
        let owner: String = sqlx::Row::try_get(&row, "id")?;
        let mut tx = self.state.db.begin().await?;
        let (_, token) = crate::auth::issue_api_token(tx.conn(), &owner, name, None).await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Stops accepting connections, finishes in-flight requests and closes the database.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
        self.state.db.close().await;
    }
}

/// The database URL of the SQLite file at `path`, on every platform. `sqlite://` + the path breaks on
/// Windows (`C:\Users\…` reads as a host `C` with a port) and wherever a folder name holds `#`, `?` or
/// `%`. `sqlite:` + the path, with those three escaped, is read back by sqlx as exactly the path: an
/// absolute Unix path is the URL's path, a Windows one (drive letter or UNC) an opaque path that keeps
/// its backslashes, and sqlx percent-decodes the whole thing once.
fn sqlite_url(path: &Path) -> String {
    let mut url = String::from("sqlite:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => url.push_str("%25"),
            '?' => url.push_str("%3F"),
            '#' => url.push_str("%23"),
            c => url.push(c),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    /// The file sqlx opens for `url`, read the way `Db::connect` hands it over (a `Url` first).
    fn sqlx_file(url: &str) -> std::path::PathBuf {
        use sqlx::ConnectOptions;
        let parsed = url::Url::parse(&format!("{url}?mode=rwc")).unwrap();
        sqlx::sqlite::SqliteConnectOptions::from_url(&parsed)
            .unwrap()
            .get_filename()
            .to_owned()
    }

    #[test]
    fn the_database_url_names_the_same_file_on_every_platform() {
        for path in [
            r"C:\Users\Jo Smith\AppData\Roaming\app.switchboard.desktop\local.db",
            r"\\fileserver\home$\jo\AppData\Roaming\app.switchboard.desktop\local.db",
            "/Users/Jo Smith/Library/Application Support/app.switchboard.desktop/local.db",
            "/home/jo/.local/share/app.switchboard.desktop/50% #1? ü/local.db",
        ] {
            assert_eq!(sqlx_file(&sqlite_url(Path::new(path))), Path::new(path), "{path}");
        }
    }

    #[tokio::test]
    async fn a_local_workspace_opens_in_a_folder_whose_name_looks_like_url_syntax() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("Jo's 50% #1? ü");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("workspace.db");
        let workspace = LocalWorkspace::open(&path).await.unwrap();
        workspace.shutdown().await;
        assert!(path.is_file(), "the file is where it was asked to be");
    }

    /// One plain HTTP/1.1 GET over TCP, as any client would make it.
    async fn get(addr: SocketAddr, path: &str, token: &str) -> String {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        response
    }

    #[tokio::test]
    async fn a_local_workspace_is_seeded_once_served_and_reopened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("workspace.db");
        let workspace = LocalWorkspace::open(&path).await.unwrap();
        assert!(workspace.base_url().starts_with("http://127.0.0.1:"));
        let token = workspace.owner_token("desktop").await.unwrap();
        let me = get(workspace.addr(), "/v1/me", &token).await;
        assert!(me.starts_with("HTTP/1.1 200"), "{me}");
        assert!(me.contains(LOCAL_OWNER_EMAIL));
        let groups = get(workspace.addr(), "/v1/groups?q=sales", &token).await;
        assert!(groups.contains("\"Sales\""), "the demo team is there");
        workspace.shutdown().await;

        // Reopening keeps the data and the token, and does not seed twice.
        let workspace = LocalWorkspace::open(&path).await.unwrap();
        let groups = get(workspace.addr(), "/v1/groups?limit=200", &token).await;
        assert!(groups.starts_with("HTTP/1.1 200"), "{groups}");
        assert_eq!(groups.matches("\"name\":\"Sales\"").count(), 1);
        workspace.shutdown().await;
    }
}
