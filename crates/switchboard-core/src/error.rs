//! The core's one error type. Every variant has a stable `code` that crosses IPC unchanged, so the UI
//! branches on codes and never on message text.

use std::collections::BTreeMap;

pub use switchboard_api::ErrorCode;

/// An error from the desktop core, with a stable machine code and a message that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{message}")]
    Internal { message: String },

    // The OS keychain (see `keychain.rs`). One variant per failure a user can do something about, each
    // message saying what to do; the platform's own text only in `KeychainFailed`.
    #[error(
        "Switchboard can't reach your desktop session's message bus (D-Bus), so it can't use the system \
         keychain. Sign in to a graphical desktop session (or start one with `dbus-run-session`) and open \
         Switchboard again."
    )]
    KeychainNoDbus,
    #[error(
        "No keychain service is running, so Switchboard can't keep your sign-in safe. Install and start a \
         Secret Service provider such as GNOME Keyring or KeePassXC (with Secret Service enabled), then open \
         Switchboard again."
    )]
    KeychainNoSecretService,
    #[error(
        "Your keychain is locked. Unlock it (for example by signing in to your desktop session, or in your \
         keychain app) and try again."
    )]
    KeychainLocked,
    #[error(
        "Your keychain has no default collection to keep passwords in. Open your keychain app (for example \
         Passwords and Keys), create or unlock a default keyring, and try again."
    )]
    KeychainNoCollection,
    #[error(
        "Switchboard was not allowed to use the system keychain. Allow Switchboard access in your keychain \
         or sandbox settings and try again."
    )]
    KeychainAccessDenied,
    #[error(
        "The sign-in is too large for the system keychain ({len} bytes; the limit is {max}). This is a bug \
         in Switchboard or the server: please report it."
    )]
    KeychainValueTooLong { len: usize, max: usize },
    #[error(
        "The system keychain failed: {detail}. Try again; if it keeps failing, restart your desktop session."
    )]
    KeychainFailed { detail: String },

    // Non-secret local state in the config dir (see `workspaces.rs`).
    #[error("There is no workspace {id} on this computer. It may have been removed; refresh the list.")]
    WorkspaceNotFound { id: String },
    #[error("\"{url}\" is not a server URL. Enter an address like https://switchboard.example.com.")]
    InvalidServerUrl { url: String },
    #[error(
        "Switchboard can't read or write its settings in {path}: {detail}. Check that the folder exists \
         and that you can write to it."
    )]
    ConfigIo { path: String, detail: String },
    #[error(
        "Switchboard's workspace list in {path} is damaged ({detail}). Move the file aside and sign in to \
         your workspaces again."
    )]
    ConfigCorrupt { path: String, detail: String },

    // A file of people to invite (see `invite_import.rs`).
    #[error(
        "The file is larger than {max_mb} MB, too large to import. Split it into files of at most \
         {max_rows} people each."
    )]
    ImportFileTooLarge { max_mb: u64, max_rows: usize },
    #[error(
        "The file has more than {max_rows} people in it, more than one import takes. Split it into \
         smaller files."
    )]
    ImportTooManyRows { max_rows: usize },
    #[error("Switchboard couldn't read {path}: {detail}.")]
    ImportUnreadable { path: String, detail: String },
    #[error(
        "Line {line} of the file isn't UTF-8 text. Save the file as “CSV UTF-8” (in Excel: Save As → \
         CSV UTF-8) and import it again."
    )]
    ImportNotUtf8 { line: u32 },
    /// `columns` is the header as the file spells it, joined with commas.
    #[error(
        "The file has no Email column (its columns are {columns}). Name the column of addresses “Email” \
         and import it again."
    )]
    ImportNoEmailColumn { columns: String },
    #[error(
        "The file's first row is neither a header nor an email address. Add a header row that names the \
         columns — Email, and any of Name, Role, Groups, Numbers — and import it again."
    )]
    ImportNoHeader,

    // Talking to a workspace's server (see `desktop.rs`).
    #[error("No workspace is open. Open the local workspace or sign in to a server.")]
    NoWorkspace,
    #[error("You're signed out of {server}. Sign in again to continue.")]
    SignedOut { server: String },
    #[error("Couldn't reach {server}. Check your connection and try again.")]
    Offline { server: String },
    /// The server refused the request; `code` is the server's own stable problem code (for example
    /// `precondition_failed` or `validation_failed`), passed through so the UI can branch on it, or
    /// `server_error` when the server sent none or one this build doesn't know.
    #[error("{message}")]
    Server {
        code: ErrorCode,
        status: u16,
        message: String,
        /// The server's per-field problems (`validation_failed`), keyed by the request's field name, so a
        /// form can mark the field; empty otherwise.
        fields: BTreeMap<String, Vec<String>>,
    },
    #[error("The local workspace could not start: {detail}")]
    LocalWorkspace { detail: String },

    // The invite outbox (see `outbox/`).
    #[error(
        "Switchboard can't keep invites in its outbox: {detail}. Check that the app's data folder can be \
         written to, and try again."
    )]
    Outbox { detail: String },
    /// Raised only while opening: the damaged file is moved aside and a new outbox started.
    #[error("The invite outbox is damaged: {detail}")]
    OutboxCorrupt { detail: String },
    #[error("That invite is no longer waiting in the outbox: it was sent or discarded meanwhile.")]
    OutboxEntryNotFound { id: String },

    // A photo for an avatar (see `photo/`). Each message says what to choose instead.
    #[error(
        "The photo file is larger than {max_mb} MB. Choose a smaller photo, or export this one at a \
         smaller size from your photo app."
    )]
    PhotoFileTooLarge { max_mb: u64 },
    #[error(
        "The photo is {width}×{height} pixels, more than Switchboard opens (at most {max_side} pixels a \
         side and {max_megapixels} megapixels). Choose a smaller photo, or export this one at a smaller \
         size from your photo app."
    )]
    PhotoTooManyPixels {
        width: u32,
        height: u32,
        max_side: u32,
        max_megapixels: u32,
    },
    /// `format` names the format for people, with its article: "a GIF", "an AVIF image".
    #[error("This file is {format}; choose a JPEG, PNG or WebP photo.")]
    PhotoUnsupportedFormat { format: String },
    #[error("This isn't an image. Choose a JPEG, PNG or WebP photo.")]
    PhotoNotAnImage,
    /// `detail` is the decoder's own words, for the log; the message stays plain.
    #[error(
        "The photo file is damaged or incomplete. Choose another photo, or copy this one again from \
         where it came from."
    )]
    PhotoDamaged { detail: String },
    #[error("Switchboard couldn't read {path}: {detail}.")]
    PhotoUnreadable { path: String, detail: String },
    /// `reason` completes "The crop frame …", e.g. "isn't square".
    #[error("The crop frame {reason}. Frame the photo again and save.")]
    PhotoInvalidCrop { reason: String },
    #[error("That photo is no longer open. Choose it again.")]
    PhotoNotOpen,
}

impl Error {
    /// The stable machine code of this error, e.g. `internal`; for [`Error::Server`] the server's code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Server { code, .. } => *code,
            Error::NoWorkspace => ErrorCode::NoWorkspace,
            Error::SignedOut { .. } => ErrorCode::SignedOut,
            Error::Offline { .. } => ErrorCode::Offline,
            Error::LocalWorkspace { .. } => ErrorCode::LocalWorkspaceFailed,
            Error::ImportFileTooLarge { .. } | Error::ImportTooManyRows { .. } => ErrorCode::ImportTooLarge,
            Error::ImportUnreadable { .. } | Error::ImportNotUtf8 { .. } => ErrorCode::ImportUnreadable,
            Error::ImportNoEmailColumn { .. } | Error::ImportNoHeader => ErrorCode::ImportNoEmailColumn,
            Error::Internal { .. } => ErrorCode::Internal,
            Error::KeychainNoDbus => ErrorCode::KeychainNoDbus,
            Error::KeychainNoSecretService => ErrorCode::KeychainNoSecretService,
            Error::KeychainLocked => ErrorCode::KeychainLocked,
            Error::KeychainNoCollection => ErrorCode::KeychainNoCollection,
            Error::KeychainAccessDenied => ErrorCode::KeychainAccessDenied,
            Error::KeychainValueTooLong { .. } => ErrorCode::KeychainValueTooLong,
            Error::KeychainFailed { .. } => ErrorCode::KeychainFailed,
            Error::WorkspaceNotFound { .. } => ErrorCode::WorkspaceNotFound,
            Error::InvalidServerUrl { .. } => ErrorCode::InvalidServerUrl,
            Error::ConfigIo { .. } => ErrorCode::ConfigIo,
            Error::ConfigCorrupt { .. } => ErrorCode::ConfigCorrupt,
            Error::Outbox { .. } | Error::OutboxCorrupt { .. } => ErrorCode::OutboxFailed,
            Error::OutboxEntryNotFound { .. } => ErrorCode::OutboxEntryNotFound,
            Error::PhotoFileTooLarge { .. } => ErrorCode::PhotoFileTooLarge,
            Error::PhotoTooManyPixels { .. } => ErrorCode::PhotoTooManyPixels,
            Error::PhotoUnsupportedFormat { .. } => ErrorCode::PhotoUnsupportedFormat,
            Error::PhotoNotAnImage => ErrorCode::PhotoNotAnImage,
            Error::PhotoDamaged { .. } => ErrorCode::PhotoDamaged,
            Error::PhotoUnreadable { .. } => ErrorCode::PhotoUnreadable,
            Error::PhotoInvalidCrop { .. } => ErrorCode::PhotoInvalidCrop,
            Error::PhotoNotOpen => ErrorCode::PhotoNotOpen,
        }
    }

    /// The server's per-field problems, if the server named any.
    pub fn fields(&self) -> Option<&BTreeMap<String, Vec<String>>> {
        match self {
            Error::Server { fields, .. } if !fields.is_empty() => Some(fields),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_snake_case() {
        let error = Error::Internal {
            message: "Something went wrong.".into(),
        };
        assert_eq!(error.code(), ErrorCode::Internal);
        assert_eq!(error.to_string(), "Something went wrong.");
    }
}
