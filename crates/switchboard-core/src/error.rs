//! The core's one error type. Every variant has a stable `code` that crosses IPC unchanged, so the UI
//! branches on codes and never on message text.

/// An error from the desktop core, with a stable machine code and a message that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{message}")]
    Internal { message: String },
}

impl Error {
    /// The stable machine code of this error, e.g. `internal`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Internal { .. } => "internal",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_snake_case() {
        let error = Error::Internal { message: "Something went wrong.".into() };
        assert_eq!(error.code(), "internal");
        assert_eq!(error.to_string(), "Something went wrong.");
    }
}
