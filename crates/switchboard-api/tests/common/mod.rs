//! The real reference server for the client's suites: a seeded SQLite team served in-process over TCP on
//! 127.0.0.1 at a free port, until the test's runtime ends.

// Each suite uses a different part of this module.
#![allow(dead_code)]

use switchboard_api::client::Client;
use switchboard_server::Settings;
use switchboard_server_testing::{TestBackend, TestTeam};
use tokio::net::TcpListener;
use uuid::Uuid;

/// A seeded team served over TCP until the test's runtime ends.
pub struct Server {
    pub team: TestTeam,
    pub base: String,
}

impl Server {
    /// The test team (owner, admin, member), plus the demo team and `extra` generated members.
    pub async fn start(demo: bool, extra: usize) -> Server {
        Server::start_with(Settings::default(), demo, extra).await
    }

    /// Like [`Server::start`], with the server's settings (rate limit, timeouts) chosen by the test.
    pub async fn start_with(settings: Settings, demo: bool, extra: usize) -> Server {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        // Addresses the server hands out (the SCIM base URL) name where it really listens.
        let settings = Settings {
            public_url: base.clone(),
            ..settings
        };
        let team = TestTeam::with_settings(TestBackend::Sqlite, settings)
            .await
            .expect("a test team");
        if demo {
            switchboard_server::seed::demo(&team.state.db)
                .await
                .expect("demo team");
        }
        if extra > 0 {
            switchboard_server::seed::members(&team.state.db, extra)
                .await
                .expect("generated members");
        }
        tokio::spawn(switchboard_server::serve(
            listener,
            team.state.clone(),
            std::future::pending(),
        ));
        Server { team, base }
    }

    pub fn anonymous(&self) -> Client {
        Client::builder(&self.base).build().unwrap()
    }

    pub fn owner(&self) -> Client {
        self.anonymous().with_token(&self.team.owner_token)
    }

    pub fn admin(&self) -> Client {
        self.anonymous().with_token(&self.team.admin_token)
    }

    pub fn member(&self) -> Client {
        self.anonymous().with_token(&self.team.member_token)
    }

    pub fn id(id: &str) -> Uuid {
        Uuid::parse_str(id).unwrap()
    }
}
