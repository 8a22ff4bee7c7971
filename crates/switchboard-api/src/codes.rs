//! The one catalogue of stable machine error codes: what the server puts in a problem's `code`, what the
//! desktop core reports across IPC, and what the UI produces itself. The server's errors hold an
//! [`ErrorCode`], so a code outside this list doesn't compile; the UI gets the same list as a TypeScript
//! union, so it can't branch on a code that doesn't exist.
//!
//! Codes are part of the contract: add new ones freely, never rename or reuse one. A client that meets a
//! code it doesn't know (a newer server) treats it as [`ErrorCode::ServerError`].

use std::fmt;
use std::str::FromStr;

/// Declares the catalogue once: the enum, its wire names and the list of every code.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal,)*) => {
        /// A stable machine error code (snake_case on the wire).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as it appears on the wire, e.g. `precondition_failed`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    // The server: any route.
    /// 401: no valid credential.
    Unauthorized = "unauthorized",
    /// 403: the caller's role or status does not allow this.
    Forbidden = "forbidden",
    /// 404: no such resource (or no such route).
    NotFound = "not_found",
    /// 405.
    MethodNotAllowed = "method_not_allowed",
    /// 412: the resource changed since it was read (stale `If-Match`).
    PreconditionFailed = "precondition_failed",
    /// 428: a change without `If-Match`.
    PreconditionRequired = "precondition_required",
    /// 413: the body is over the limit.
    PayloadTooLarge = "payload_too_large",
    /// 415.
    UnsupportedMediaType = "unsupported_media_type",
    /// 422: fields failed validation; the problem's `errors` says which.
    ValidationFailed = "validation_failed",
    /// 429: slow down (`Retry-After`).
    RateLimited = "rate_limited",
    /// 503: the request took too long.
    Timeout = "timeout",
    /// 503: the server can't serve now (its database doesn't answer, or lacks migrations); retry.
    Unavailable = "unavailable",
    /// 500: the server failed; the detail stays in its log.
    InternalError = "internal_error",
    /// 400: the body is not JSON.
    MalformedJson = "malformed_json",
    /// 400: the body could not be read.
    InvalidBody = "invalid_body",
    /// 400: a query parameter is not valid.
    InvalidQuery = "invalid_query",
    /// 400: the cursor was not issued by this server for this list and order.
    InvalidCursor = "invalid_cursor",
    /// 400: `limit` outside 1..=200.
    InvalidLimit = "invalid_limit",
    /// 400: a creating `POST` without `Idempotency-Key`.
    IdempotencyKeyMissing = "idempotency_key_missing",
    /// 400: an `Idempotency-Key` that is not a valid key.
    IdempotencyKeyInvalid = "idempotency_key_invalid",
    /// 422: the same `Idempotency-Key` with a different body.
    IdempotencyKeyReused = "idempotency_key_reused",
    /// 409: the first request with this `Idempotency-Key` is still running; retry.
    IdempotencyKeyInFlight = "idempotency_key_in_flight",

    // Sign-in.
    /// 401: wrong email or password (or refresh token).
    InvalidCredentials = "invalid_credentials",

    // Members.
    /// 409: the team would be left without an owner.
    LastOwner = "last_owner",
    /// 409: a member can't remove themselves.
    CannotRemoveSelf = "cannot_remove_self",
    /// 409: removing a member who holds numbers needs to say where the numbers go.
    MemberHoldsNumbers = "member_holds_numbers",
    /// 409: the account's recording policy decides this setting.
    RecordingEnforcedByPolicy = "recording_enforced_by_policy",
    /// 409: an identity provider owns this member's name, email and status; change them there.
    ManagedByIdentityProvider = "managed_by_identity_provider",

    // Avatars.
    /// 422: the image could not be decoded.
    AvatarUndecodable = "avatar_undecodable",
    /// 422: the image's dimensions are over the limit.
    AvatarTooLarge = "avatar_too_large",
    /// 422: the image is too small to be a profile picture.
    AvatarTooSmall = "avatar_too_small",
    /// 422: the image is not square.
    AvatarNotSquare = "avatar_not_square",

    // Invitations.
    /// 409: the address already belongs to a member.
    AlreadyMember = "already_member",
    /// 409: the address already has a pending invitation.
    InvitationPending = "invitation_pending",
    /// 409: the invitation was accepted already.
    InvitationAccepted = "invitation_accepted",
    /// 409 (or 410 when accepting): the invitation was revoked.
    InvitationRevoked = "invitation_revoked",
    /// 409: the invitation is no longer pending.
    InvitationClosed = "invitation_closed",
    /// 410: the invitation expired.
    InvitationExpired = "invitation_expired",
    /// 404: no invitation has this token.
    InvalidInvitationToken = "invalid_invitation_token",
    /// 422: the configuration does not allow invitations to this email domain.
    EmailDomainNotAllowed = "email_domain_not_allowed",

    // Groups.
    /// 409: a group already has this name.
    GroupExists = "group_exists",
    /// 404: the group named in the path does not exist.
    GroupNotFound = "group_not_found",

    // Numbers.
    /// 409: a direct number already has an assignee.
    NumberAlreadyAssigned = "number_already_assigned",
    /// 409: the number changed meanwhile; retry.
    NumberChanged = "number_changed",
    /// 409: the number exists already.
    NumberExists = "number_exists",
    /// 409: a number with several assignees can't become direct.
    NumberHasSeveralAssignees = "number_has_several_assignees",
    /// 404: the number named in the path does not exist.
    NumberNotFound = "number_not_found",

    // The desktop core.
    /// Something failed inside the app.
    Internal = "internal",
    /// The server answered with an error but no problem details (a proxy in between), or with a code
    /// this build doesn't know (a newer server).
    ServerError = "server_error",
    /// No workspace is open.
    NoWorkspace = "no_workspace",
    /// The workspace's session ended: sign in again.
    SignedOut = "signed_out",
    /// The workspace's server can't be reached.
    Offline = "offline",
    /// The embedded local workspace could not start.
    LocalWorkspaceFailed = "local_workspace_failed",
    /// A file of people to invite is over the import's limits (5 MB, 10,000 rows).
    ImportTooLarge = "import_too_large",
    /// A file of people to invite could not be read, or is not UTF-8 text.
    ImportUnreadable = "import_unreadable",
    /// A file of people to invite has no column of email addresses.
    ImportNoEmailColumn = "import_no_email_column",
    /// No D-Bus session, so no keychain.
    KeychainNoDbus = "keychain_no_dbus",
    /// No Secret Service provider is running.
    KeychainNoSecretService = "keychain_no_secret_service",
    /// The keychain is locked.
    KeychainLocked = "keychain_locked",
    /// The keychain has no default collection.
    KeychainNoCollection = "keychain_no_collection",
    /// The keychain refused access.
    KeychainAccessDenied = "keychain_access_denied",
    /// A value too large for the keychain.
    KeychainValueTooLong = "keychain_value_too_long",
    /// Any other keychain failure.
    KeychainFailed = "keychain_failed",
    /// No workspace with this id on this computer.
    WorkspaceNotFound = "workspace_not_found",
    /// Not an http(s) server URL.
    InvalidServerUrl = "invalid_server_url",
    /// The app's settings could not be read or written.
    ConfigIo = "config_io",
    /// The app's settings file is damaged.
    ConfigCorrupt = "config_corrupt",
    /// The invite outbox (a database in the app's data folder) could not be read or written.
    OutboxFailed = "outbox_failed",
    /// No such entry in the outbox (it was sent, or discarded, meanwhile).
    OutboxEntryNotFound = "outbox_entry_not_found",
    /// A photo file over the size limit (30 MB), refused before it is read.
    PhotoFileTooLarge = "photo_file_too_large",
    /// A photo over the pixel limit, refused before it is decoded.
    PhotoTooManyPixels = "photo_too_many_pixels",
    /// An image in a format the app doesn't take (GIF, HEIC, …); the message names it.
    PhotoUnsupportedFormat = "photo_unsupported_format",
    /// A file chosen as a photo that isn't an image at all.
    PhotoNotAnImage = "photo_not_an_image",
    /// A photo file that is truncated or corrupt.
    PhotoDamaged = "photo_damaged",
    /// A photo file that could not be read (gone, or not allowed).
    PhotoUnreadable = "photo_unreadable",
    /// The crop sent for an avatar isn't a square inside the photo.
    PhotoInvalidCrop = "photo_invalid_crop",
    /// The photo to crop was closed meanwhile (the app keeps only the latest ones open).
    PhotoNotOpen = "photo_not_open",

    // The UI.
    /// The UI runs outside the app (e.g. in a plain browser), so there is no backend to call.
    NotInApp = "not_in_app",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code that is not in this build's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown error code {0:?}")]
pub struct UnknownCode(pub String);

impl FromStr for ErrorCode {
    type Err = UnknownCode;

    fn from_str(code: &str) -> Result<ErrorCode, UnknownCode> {
        ErrorCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == code)
            .ok_or_else(|| UnknownCode(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_serde_display_and_from_str() {
        let mut seen = std::collections::BTreeSet::new();
        for &code in ErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, serde_json::json!(code.as_str()), "{code:?}");
            assert_eq!(serde_json::from_value::<ErrorCode>(json).unwrap(), code);
            assert_eq!(code.to_string().parse::<ErrorCode>(), Ok(code));
            assert!(seen.insert(code.as_str()), "{code} is listed twice");
        }
        assert_eq!(
            "a_code_from_a_newer_server".parse::<ErrorCode>(),
            Err(UnknownCode("a_code_from_a_newer_server".into()))
        );
    }
}
