//! Call recording as the account's policy and a member's own choice decide it together.

use switchboard_api::configuration::RecordingPolicy;

/// What a member's recording looks like under `policy`: (enabled, enforced).
pub fn effective_recording(policy: RecordingPolicy, own: bool) -> (bool, bool) {
    match policy {
        RecordingPolicy::Always => (true, true),
        RecordingPolicy::Never => (false, true),
        RecordingPolicy::MemberChoice => (own, false),
    }
}
