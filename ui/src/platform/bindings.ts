// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.

export type AppInfo = { 
/**
 * The app's semantic version, e.g. `0.1.0`.
 */
version: string, 
/**
 * The git commit the app was built from (short hash), or `unknown` outside a git checkout.
 */
commit: string, 
/**
 * `debug` or `release`.
 */
profile: string, };

export type IpcError = { code: ErrorCode, message: string, 
/**
 * Per-field problems keyed by the request's field name (e.g. `email`), so a form can mark the field.
 */
fields?: { [key in string]: Array<string> }, };

export type ErrorCode = "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "precondition_failed" | "precondition_required" | "payload_too_large" | "unsupported_media_type" | "validation_failed" | "rate_limited" | "timeout" | "unavailable" | "internal_error" | "malformed_json" | "invalid_body" | "invalid_query" | "invalid_cursor" | "invalid_limit" | "idempotency_key_missing" | "idempotency_key_invalid" | "idempotency_key_reused" | "idempotency_key_in_flight" | "invalid_credentials" | "last_owner" | "cannot_remove_self" | "member_holds_numbers" | "recording_enforced_by_policy" | "managed_by_identity_provider" | "avatar_undecodable" | "avatar_too_large" | "avatar_too_small" | "avatar_not_square" | "already_member" | "invitation_pending" | "invitation_accepted" | "invitation_revoked" | "invitation_closed" | "invitation_expired" | "invalid_invitation_token" | "email_domain_not_allowed" | "group_exists" | "group_not_found" | "number_already_assigned" | "number_changed" | "number_exists" | "number_has_several_assignees" | "number_not_found" | "internal" | "server_error" | "no_workspace" | "signed_out" | "offline" | "local_workspace_failed" | "import_too_large" | "import_unreadable" | "import_no_email_column" | "keychain_no_dbus" | "keychain_no_secret_service" | "keychain_locked" | "keychain_no_collection" | "keychain_access_denied" | "keychain_value_too_long" | "keychain_failed" | "workspace_not_found" | "invalid_server_url" | "config_io" | "config_corrupt" | "outbox_failed" | "outbox_entry_not_found" | "photo_file_too_large" | "photo_too_many_pixels" | "photo_unsupported_format" | "photo_not_an_image" | "photo_damaged" | "photo_unreadable" | "photo_invalid_crop" | "photo_not_open" | "not_in_app";

export type Workspace = { 
/**
 * Stable local id (a UUID), unrelated to anything on the server.
 */
id: string, 
/**
 * What the workspace switcher shows; defaults to the server's host.
 */
displayName: string, 
/**
 * Normalised (see [`normalize_server_url`]): no trailing slash, no credentials.
 */
serverUrl: string, 
/**
 * The member id on that server.
 */
userId: string, userEmail: string, userName: string, 
/**
 * A remote server, or the local workspace the app runs itself.
 */
kind: WorkspaceKind, 
/**
 * The page the user was last on in this workspace (a route name such as `members/invitations`, see
 * [`WorkspaceStore::set_last_page`]), to open it there at the next launch.
 */
lastPage?: string, };

export type WorkspaceKind = "remote" | "local";

export type WorkspaceState = { 
/**
 * The id of the workspace the app shows, if any.
 */
current: string | null, 
/**
 * In the order they were added.
 */
workspaces: Array<Workspace>, preferences: Preferences, };

export type Preferences = { theme: Theme, };

export type Theme = "system" | "light" | "dark";

export type Versioned<T> = { value: T, etag: string, };

export type Page<T> = { data: Array<T>, 
/**
 * Opaque; `null` when this is the last page.
 */
next_cursor: string | null, 
/**
 * How many items match the filters, across all pages. Lists that don't count leave it out.
 */
total?: number, };

export type Member = { id: string, email: string, name: string, role: Role, 
/**
 * Effective permissions: the role's defaults plus `grants`.
 */
permissions: Array<Permission>, 
/**
 * Permissions granted to this member beyond the role's defaults.
 */
grants: Array<Permission>, status: MemberStatus, 
/**
 * Path of the avatar (append `?size=512|128|64`); `null` without one.
 */
avatar_url: string | null, numbers: Array<NumberRef>, groups: Array<GroupRef>, recording: MemberRecording, 
/**
 * Set when an identity provider owns the member's name, email and status: `/v1` refuses to
 * change those (409 `managed_by_identity_provider`); role, permissions, numbers and groups stay
 * editable.
 */
managed_by: ManagedBy | null, created_at: string, updated_at: string, };

export type MemberStatus = "active" | "deactivated";

export type ManagedBy = "identity_provider";

export type MemberRecording = { inbound: RecordingPreference, outbound: RecordingPreference, };

export type RecordingPreference = { 
/**
 * Whether calls in this direction are recorded (the policy's value when `enforced`).
 */
enabled: boolean, 
/**
 * True when the account's recording policy decides; the member cannot change it then.
 */
enforced: boolean, };

export type RecordingPatch = { inbound?: boolean | null, outbound?: boolean | null, };

export type MemberPatch = { name?: string | null, role?: Role | null, 
/**
 * Replaces the member's grants.
 */
grants?: Array<Permission> | null, status?: MemberStatus | null, recording?: RecordingPatch | null, };

export type MePatch = { name?: string | null, recording?: RecordingPatch | null, };

export type ListMembers = { 
/**
 * The `next_cursor` of the previous page.
 */
cursor: string | null, 
/**
 * Page size, 1..=200 (default 50).
 */
limit: number | null, 
/**
 * Case-insensitive search in name and email, and in phone numbers by their digits.
 * Never contains U+0000 (the server refuses it: PostgreSQL can't store it).
 */
q: string | null, role: Role | null, status: MemberStatus | null, group_id: string | null, 
/**
 * The order of the list (default `name`). A cursor only continues the order and filters it came from.
 */
sort?: MemberSort | null, 
/**
 * `asc` (default) or `desc`.
 */
order?: SortOrder | null, };

export type MemberSort = "name" | "email" | "role" | "created";

export type SortOrder = "asc" | "desc";

export type RemoveMember = { 
/**
 * Put the member's numbers back in reserve.
 */
unassign_numbers: boolean | null, 
/**
 * Give the member's numbers to this member instead.
 */
reassign_numbers_to: string | null, };

export type Role = "owner" | "admin" | "member";

export type Permission = "manage_members" | "manage_phone_numbers" | "manage_call_flows" | "view_analytics" | "access_call_recordings" | "make_outbound_calls";

export type RoleInfo = { role: Role, description: string, default_permissions: Array<Permission>, };

export type PrincipalKind = "member" | "invitation";

export type Principal = { id: string, kind: PrincipalKind, email: string, 
/**
 * The member's name; `null` for an invitation.
 */
name: string | null, };

export type GroupRef = { id: string, name: string, };

export type NumberRef = { id: string, 
/**
 * E.164, e.g. `+6495550100`.
 */
e164: string, label: string, };

export type Invitation = { id: string, email: string, role: Role, 
/**
 * Effective permissions the member will have: the role's defaults plus `grants`.
 */
permissions: Array<Permission>, grants: Array<Permission>, numbers: Array<NumberRef>, groups: Array<GroupRef>, status: InvitationStatus, expires_at: string, 
/**
 * The member who sent it.
 */
invited_by: string | null, 
/**
 * The member it became, once accepted.
 */
member_id: string | null, created_at: string, updated_at: string, };

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export type NewInvitation = { email: string, 
/**
 * Defaults to the configuration's default role. `owner` cannot be invited.
 */
role?: Role | null, grants: Array<Permission>, 
/**
 * Phone numbers to assign now; they carry over on acceptance.
 */
number_ids: Array<string>, 
/**
 * Groups to join now; they carry over on acceptance.
 */
group_ids: Array<string>, };

export type InvitationPatch = { role?: Role | null, grants?: Array<Permission> | null, };

export type ListInvitations = { cursor: string | null, 
/**
 * Page size, 1..=200 (default 50).
 */
limit: number | null, 
/**
 * Case-insensitive search in the email.
 * Never contains U+0000 (the server refuses it: PostgreSQL can't store it).
 */
q: string | null, status: InvitationStatus | null, };

export type ValidationResult = { results: Array<ValidationItem>, };

export type ValidationItem = { email: string, error: Problem | null, };

export type Problem = { 
/**
 * A URI naming the problem type; `about:blank` when the status says it all.
 */
type: string, title: string, status: number, 
/**
 * Stable machine code such as `validation_failed` or `precondition_failed`.
 */
code: string, detail?: string | null, 
/**
 * Per-field validation messages, keyed by the JSON field name.
 */
errors?: { [key in string]: Array<string> }, };

export type OutboxEntry = { id: string, workspace_id: string, invitation: NewInvitation, state: OutboxState, 
/**
 * Failed attempts so far.
 */
attempts: number, 
/**
 * When it is next sent (ms since the Unix epoch), while queued.
 */
next_attempt_at: number, 
/**
 * Why the last attempt failed, in the server's words when it answered.
 */
last_error: string | null, last_error_code: string | null, 
/**
 * The server's per-field problems with the last attempt.
 */
field_errors: { [key in string]: Array<string> }, created_at: number, };

export type OutboxState = "queued" | "needs_attention";

export type OutboxEvent = { "kind": "delivered", workspace_id: string, entry_id: string, email: string | null, } | { "kind": "needs_attention", workspace_id: string, entry_id: string, } | { "kind": "failed", workspace_id: string, reason: string, unanswered: boolean, } | { "kind": "signed_out", workspace_id: string, };

export type BusyWork = { 
/**
 * Invites on their way to the server now, or due now for a server that answers: they go within
 * moments.
 */
sending: number, 
/**
 * Profile photos being made into an avatar and uploaded.
 */
uploading: number, 
/**
 * Invites that can't go now (no answer from their server, a wait the server asked for, a session
 * that ended): they stay queued on disk and go after the next launch.
 */
waiting: number, };

export type QuitRequest = { 
/**
 * Which request this is: an answer names it, so one given to an earlier request can't end this one.
 */
request: number, work: BusyWork, };

export type QuitAnswer = "now" | "stay";

export type ImportedRows = { 
/**
 * Whether the first row named the columns; without one the file was read as email, name.
 */
header: boolean, 
/**
 * Columns the file has that an invitation doesn't use, as the header spells them (`Department`), or
 * by position in a file without a header (`column 3`), so the dialog can say they were left out.
 */
ignoredColumns: Array<string>, 
/**
 * One entry per row with anything in it, in file order.
 */
rows: Array<ImportedRow>, };

export type ImportedRow = { "status": "parsed", line: number, invitee: Invitee, } | { "status": "rejected", line: number, problems: Array<string>, };

export type Invitee = { 
/**
 * Trimmed and lower-cased, as the server keeps it.
 */
email: string, name: string | null, 
/**
 * `admin` or `member`; none means the account's default role.
 */
role: Role | null, 
/**
 * Group names as typed, to be matched against the account's groups.
 */
groups: Array<string>, 
/**
 * Phone numbers in E.164 (`+6495550100`), to be matched against the account's numbers.
 */
numbers: Array<string>, };

export type Group = { id: string, name: string, description: string, members: Array<Principal>, created_at: string, updated_at: string, };

export type NewGroup = { name: string, description: string, };

export type GroupPatch = { name?: string | null, description?: string | null, };

export type ListGroups = { cursor: string | null, 
/**
 * Page size, 1..=200 (default 50).
 */
limit: number | null, 
/**
 * Case-insensitive search in the name.
 * Never contains U+0000 (the server refuses it: PostgreSQL can't store it).
 */
q: string | null, };

export type Number = { id: string, 
/**
 * E.164, e.g. `+6495550100`.
 */
e164: string, label: string, 
/**
 * ISO 3166-1 alpha-2, e.g. `NZ`.
 */
country: string, kind: NumberKind, sharing: Sharing, 
/**
 * Empty for a number held in reserve (see the configuration's `unassigned_numbers`).
 */
assignees: Array<Principal>, created_at: string, updated_at: string, };

export type NumberKind = "geographic" | "mobile" | "toll_free";

export type Sharing = "direct" | "shared";

export type NumberPatch = { label?: string | null, sharing?: Sharing | null, };

export type ListNumbers = { cursor: string | null, 
/**
 * Page size, 1..=200 (default 50).
 */
limit: number | null, 
/**
 * Search in the number, its label and country.
 * Never contains U+0000 (the server refuses it: PostgreSQL can't store it).
 */
q: string | null, 
/**
 * `true`: only numbers with assignees; `false`: only numbers in reserve.
 */
assigned: boolean | null, };

export type Configuration = { 
/**
 * The team's name, which the app shows for the workspace; `None` until an admin names it.
 */
team_name: string | null, recording: RecordingPolicies, 
/**
 * Invitations may only go to these domains; empty allows any.
 */
allowed_email_domains: Array<string>, 
/**
 * Role of an invitation that names none (`admin` or `member`).
 */
default_role: Role, 
/**
 * How long an invitation can be accepted, 1..=8760 hours.
 */
invitation_lifetime_hours: number, 
/**
 * The onboarding ("training playlist") link offered after inviting.
 */
onboarding_url: string | null, unassigned_numbers: UnassignedNumbers, 
/**
 * E.164 number that reserve numbers divert to when `unassigned_numbers` is `divert`.
 */
divert_to: string | null, updated_at: string, };

export type ConfigurationPatch = { 
/**
 * 1..=200 characters without control characters once trimmed, or empty to clear.
 */
team_name?: string | null, recording?: RecordingPoliciesPatch | null, allowed_email_domains?: Array<string> | null, default_role?: Role | null, invitation_lifetime_hours?: number | null, onboarding_url?: string | null, unassigned_numbers?: UnassignedNumbers | null, divert_to?: string | null, };

export type RecordingPolicy = "always" | "never" | "member_choice";

export type RecordingPolicies = { inbound: RecordingPolicy, outbound: RecordingPolicy, };

export type RecordingPoliciesPatch = { inbound?: RecordingPolicy | null, outbound?: RecordingPolicy | null, };

export type UnassignedNumbers = "reject" | "divert";

export type AuditEvent = { id: string, at: string, 
/**
 * The member (or, for the identity provider, the provisioning token) who made the change;
 * `null` for the system (e.g. seeding, acceptance).
 */
actor_id: string | null, actor_kind: ActorKind, 
/**
 * Dotted action such as `member.updated` or `invitation.created`.
 */
action: string, 
/**
 * What was changed: `member`, `invitation`, `group`, `number`, `configuration`, `api_token`.
 */
target_type: string, target_id: string | null, 
/**
 * The change itself, e.g. `{"role": {"from": "member", "to": "admin"}}`.
 */
changes: Record<string, unknown>, };

export type ActorKind = "member" | "identity_provider";

export type ListAuditEvents = { cursor: string | null, 
/**
 * Page size, 1..=200 (default 50).
 */
limit: number | null, 
/**
 * Only events at or after this instant (RFC 3339).
 */
since: string | null, 
/**
 * Only events made by this member.
 */
actor: string | null, 
/**
 * Only events about this resource id.
 */
target: string | null, };

export type Provisioning = { 
/**
 * The SCIM base URL (the identity provider's "tenant URL" or "SCIM connector base URL").
 */
scim_base_url: string, tokens: Array<ProvisioningToken>, };

export type ProvisioningToken = { id: string, name: string, 
/**
 * The owner who created it.
 */
created_by: string | null, created_at: string, 
/**
 * When the identity provider last used it; `null` before its first request.
 */
last_used_at: string | null, };

export type NewProvisioningToken = { 
/**
 * What the token is for, e.g. the identity provider's name.
 */
name: string, };

export type CreatedProvisioningToken = { 
/**
 * The bearer token for the identity provider; the server keeps only its hash.
 */
token: string, provisioning_token: ProvisioningToken, };

export type OpenedPhoto = { 
/**
 * Names the photo to [`OpenPhotos::preview`], [`OpenPhotos::avatar`] and [`OpenPhotos::close`].
 */
id: string, 
/**
 * The photo's upright size in pixels: the space the crop is measured in.
 */
width: number, height: number, };

export type CropRect = { x: number, y: number, width: number, height: number, };

export type SaveProgress = { "stage": "cropping" } | { "stage": "uploading", sent: number, total: number, };

export type FileDrop = { "type": "over", x: number, y: number, } | { "type": "drop", x: number, y: number, } | { "type": "leave" };
