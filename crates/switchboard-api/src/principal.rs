//! A principal is whoever a phone number or a group membership is given to: a member, or an invitation
//! (so numbers and groups can be arranged before the person accepts, and carry over when they do).

use uuid::Uuid;

wire_enum! {
    pub enum PrincipalKind {
        Member,
        Invitation,
    }
}

wire! {
    /// A member or invitation as it appears inside a group or a number.
    pub struct Principal {
        pub id: Uuid,
        pub kind: PrincipalKind,
        pub email: String,
        /// The member's name; `null` for an invitation.
        pub name: Option<String>,
    }
}

wire! {
    /// A group as it appears inside a member or an invitation.
    pub struct GroupRef {
        pub id: Uuid,
        pub name: String,
    }
}

wire! {
    /// A phone number as it appears inside a member or an invitation.
    pub struct NumberRef {
        pub id: Uuid,
        /// E.164, e.g. `+6495550100`.
        pub e164: String,
        pub label: String,
    }
}
