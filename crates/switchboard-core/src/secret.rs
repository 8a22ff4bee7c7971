//! Secrets as a type: a token held in memory that never prints and can't be serialised by accident.

use std::fmt;

/// A secret string (an access or refresh token). `Debug` and `Display` print `[redacted]`; there is
/// deliberately no `Serialize` impl, so a secret can't end up in a JSON file, a log line or an IPC payload.
/// Read it with [`Secret::expose`] at the one place that needs the value (an HTTP header, the keychain).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value. Call only where the value must leave the process (header, keychain).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Secret::new("sb_at_5f0c1e9a");
        let shown = format!("{secret:?} {secret} {:?}", Some(&secret));
        assert!(!shown.contains("5f0c1e9a"), "leaked: {shown}");
        assert!(shown.contains("[redacted]"));
        assert_eq!(secret.expose(), "sb_at_5f0c1e9a");
    }
}
