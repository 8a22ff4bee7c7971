//! The `/Schemas` resources (RFC 7643 §7): the attributes this service provider understands, which
//! identity providers read to map their fields.

use serde_json::{Value, json};

use super::resources::{ENTERPRISE_USER, GROUP_SCHEMA, USER_SCHEMA};

/// One attribute's definition. `returned` is "default" unless said; `caseExact` false unless said.
fn attribute(name: &str, kind: &str, description: &str) -> Value {
    json!({
        "name": name,
        "type": kind,
        "multiValued": false,
        "description": description,
        "required": false,
        "caseExact": false,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
    })
}

fn with(mut attribute: Value, changes: Value) -> Value {
    if let (Some(attribute), Some(changes)) = (attribute.as_object_mut(), changes.as_object()) {
        for (key, value) in changes {
            attribute.insert(key.clone(), value.clone());
        }
    }
    attribute
}

fn schema(base: &str, id: &str, name: &str, description: &str, attributes: Vec<Value>) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": id,
        "name": name,
        "description": description,
        "attributes": attributes,
        "meta": { "resourceType": "Schema", "location": format!("{base}/Schemas/{id}") },
    })
}

fn multi_valued(name: &str, description: &str, sub: Vec<Value>) -> Value {
    with(
        attribute(name, "complex", description),
        json!({ "multiValued": true, "subAttributes": sub }),
    )
}

/// Every schema, with its `meta.location` under `base`.
pub fn all(base: &str) -> Vec<Value> {
    let string = |name: &str, description: &str| attribute(name, "string", description);
    let kind_and_primary = || {
        vec![
            string("value", "The value"),
            string("display", "A human-readable name"),
            string("type", "A label such as work or home"),
            attribute("primary", "boolean", "Whether this is the preferred value"),
        ]
    };
    let user = vec![
        with(
            string("userName", "The member's email address, with which they sign in"),
            json!({ "required": true, "uniqueness": "server" }),
        ),
        with(
            attribute("name", "complex", "The member's name"),
            json!({ "subAttributes": [
                string("formatted", "The full name"),
                string("familyName", "The family name"),
                string("givenName", "The given name"),
                string("middleName", "The middle name"),
                string("honorificPrefix", "A prefix such as Ms."),
                string("honorificSuffix", "A suffix such as III"),
            ] }),
        ),
        string("displayName", "The name the team sees"),
        string("nickName", "A casual name"),
        string("title", "The member's job title"),
        string("preferredLanguage", "The preferred language, e.g. en-NZ"),
        string("locale", "The locale, e.g. en-NZ"),
        string("timezone", "The time zone, e.g. Pacific/Auckland"),
        // Required here: every member is active or not, so there is always a value to give back.
        with(
            attribute(
                "active",
                "boolean",
                "Whether the member may sign in; false deactivates them and keeps their numbers",
            ),
            json!({ "required": true }),
        ),
        multi_valued("emails", "Email addresses", kind_and_primary()),
        multi_valued("phoneNumbers", "Phone numbers", kind_and_primary()),
        with(
            multi_valued(
                "groups",
                "The groups the member is in (change them through Groups)",
                vec![
                    string("value", "The group's id"),
                    with(
                        attribute("$ref", "reference", "The group's URI"),
                        json!({ "referenceTypes": ["Group"] }),
                    ),
                    string("display", "The group's name"),
                    string("type", "direct"),
                ],
            ),
            json!({ "mutability": "readOnly" }),
        ),
    ];
    let group = vec![
        with(
            string("displayName", "The group's name"),
            json!({ "required": true, "uniqueness": "server" }),
        ),
        multi_valued(
            "members",
            "The members of the group",
            vec![
                with(
                    string("value", "The member's id"),
                    json!({ "mutability": "immutable" }),
                ),
                with(
                    attribute("$ref", "reference", "The member's URI"),
                    json!({ "referenceTypes": ["User"], "mutability": "immutable" }),
                ),
                with(
                    string("type", "User: groups hold users"),
                    json!({ "mutability": "immutable", "canonicalValues": ["User"] }),
                ),
            ],
        ),
    ];
    let enterprise = vec![
        string("employeeNumber", "The member's number in the organisation"),
        string("costCenter", "The cost centre"),
        string("organization", "The organisation"),
        string("division", "The division"),
        string("department", "The department"),
        with(
            attribute("manager", "complex", "The member's manager"),
            json!({ "subAttributes": [
                string("value", "The manager's id"),
                with(attribute("$ref", "reference", "The manager's URI"), json!({ "referenceTypes": ["User"] })),
                with(string("displayName", "The manager's name"), json!({ "mutability": "readOnly" })),
            ] }),
        ),
    ];
    vec![
        schema(base, USER_SCHEMA, "User", "A member of the team", user),
        schema(
            base,
            GROUP_SCHEMA,
            "Group",
            "A group of the team's members",
            group,
        ),
        schema(
            base,
            ENTERPRISE_USER,
            "EnterpriseUser",
            "Enterprise attributes of a member, kept as the identity provider writes them",
            enterprise,
        ),
    ]
}
