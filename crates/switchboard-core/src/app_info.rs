//! What the app says about itself: version, commit and build profile, shown in the About panel.

use serde::Serialize;
use ts_rs::TS;

/// Facts about this build of the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The app's semantic version, e.g. `0.1.0`.
    pub version: String,
    /// The git commit the app was built from (short hash), or `unknown` outside a git checkout.
    pub commit: String,
    /// `debug` or `release`.
    pub profile: String,
}

impl AppInfo {
    /// Builds the info from what the shell knows at compile time.
    pub fn new(version: &str, commit: Option<&str>, debug: bool) -> Self {
        Self {
            version: version.to_owned(),
            commit: commit.filter(|c| !c.is_empty()).unwrap_or("unknown").to_owned(),
            profile: if debug { "debug" } else { "release" }.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_profile_and_falls_back_for_a_missing_commit() {
        let info = AppInfo::new("1.2.3", Some(""), true);
        assert_eq!(
            info,
            AppInfo {
                version: "1.2.3".into(),
                commit: "unknown".into(),
                profile: "debug".into()
            }
        );
        let json = serde_json::to_value(AppInfo::new("1.2.3", Some("abc1234"), false)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"version": "1.2.3", "commit": "abc1234", "profile": "release"})
        );
    }
}
