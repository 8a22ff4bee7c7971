//! SCIM filters as SQL over the columns the team stores, so that `userName eq "…"` (what identity
//! providers send before every create) is an index lookup and not a read of every member.
//!
//! A filter naming an attribute without a column (a name part, a title, an extension) is not
//! translated: [`translate`] answers `None`, and the caller evaluates the filter over the resources
//! instead (with [`super::eval`], whose meaning this translation follows: `ne` is "not `eq`", so it
//! matches an absent value, and `eq null` matches an absent one).

use switchboard_api::members::MemberStatus;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::filter::{AttrExp, AttrPath, AttrPathExt, CompValue, CompareOp, Filter};
use crate::codec;
use crate::db::{Arg, Backend, Sql, micros};

/// Which resource's columns a filter is read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    User,
    Group,
}

/// How a stored column compares.
#[derive(Debug, Clone, Copy)]
enum Column {
    /// Text compared without case (the column holds it as typed, or lower-case for emails).
    Text(&'static str),
    /// Text compared exactly (identifiers).
    Exact(&'static str),
    /// An instant in microseconds, compared with RFC 3339 date-times.
    Instant(&'static str),
    /// `active`, stored as the member's status.
    Active,
    /// A group's `members.value`: the group has that principal.
    GroupMember,
}

fn column(resource: Resource, path: &AttrPath) -> Option<Column> {
    if let Some(uri) = &path.uri {
        let core = match resource {
            Resource::User => super::resources::USER_SCHEMA,
            Resource::Group => super::resources::GROUP_SCHEMA,
        };
        if !uri.eq_ignore_ascii_case(core) {
            return None;
        }
    }
    let common = if path.is("id", None) {
        Some(Column::Exact("id"))
    } else if path.is("externalId", None) {
        Some(Column::Exact("external_id"))
    } else if path.is("meta", Some("created")) {
        Some(Column::Instant("created_at"))
    } else if path.is("meta", Some("lastModified")) {
        Some(Column::Instant("updated_at"))
    } else {
        None
    };
    common.or(match resource {
        Resource::User => {
            if path.is("userName", None) {
                Some(Column::Text("email"))
            } else if path.is("displayName", None) {
                Some(Column::Text("name"))
            } else if path.is("active", None) {
                Some(Column::Active)
            } else {
                None
            }
        }
        Resource::Group => {
            if path.is("displayName", None) {
                Some(Column::Text("name"))
            } else if path.is("members", None) || path.is("members", Some("value")) {
                Some(Column::GroupMember)
            } else {
                None
            }
        }
    })
}

/// Why a filter has no SQL form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Untranslated {
    /// It names an attribute without a column: evaluate it over the resources.
    Unmapped,
    /// It compares a column in a way that means nothing (`active co "x"`, a date that isn't one):
    /// the client's mistake, a 400 `invalidFilter`.
    Invalid(String),
}

/// `filter` as SQL conditions (` AND (…)`) for [`crate::store::ListQuery::filters`].
pub fn translate(backend: Backend, resource: Resource, filter: &Filter) -> Result<Sql, Untranslated> {
    let mut sql = Sql::new(" AND ");
    push(backend, resource, filter, &mut sql)?;
    Ok(sql)
}

fn push(backend: Backend, resource: Resource, filter: &Filter, sql: &mut Sql) -> Result<(), Untranslated> {
    match filter {
        Filter::Attr(exp) => attr(backend, resource, exp, sql),
        Filter::Not(inner) => {
            sql.push("NOT (");
            push(backend, resource, inner, sql)?;
            sql.push(")");
            Ok(())
        }
        Filter::And(operands) | Filter::Or(operands) => {
            let joiner = if matches!(filter, Filter::And(_)) {
                " AND "
            } else {
                " OR "
            };
            sql.push("(");
            for (i, operand) in operands.as_slice().iter().enumerate() {
                if i > 0 {
                    sql.push(joiner);
                }
                push(backend, resource, operand, sql)?;
            }
            sql.push(")");
            Ok(())
        }
        // `emails[type eq "work"]` and the like: the elements live in the stored resource.
        Filter::ValuePath(_) => Err(Untranslated::Unmapped),
    }
}

fn invalid(detail: impl Into<String>) -> Untranslated {
    Untranslated::Invalid(detail.into())
}

fn attr(backend: Backend, resource: Resource, exp: &AttrExp, sql: &mut Sql) -> Result<(), Untranslated> {
    let (path, op, value) = match exp {
        AttrExp::Present(path) => {
            let column = column(resource, path).ok_or(Untranslated::Unmapped)?;
            sql.push(match column {
                Column::Text(c) | Column::Exact(c) => match c {
                    "external_id" => "(external_id IS NOT NULL AND external_id <> '')",
                    _ => "1 = 1",
                },
                Column::GroupMember => {
                    "EXISTS (SELECT 1 FROM group_principals p WHERE p.group_id = groups.id AND p.kind = 'member')"
                }
                Column::Instant(_) | Column::Active => "1 = 1",
            });
            return Ok(());
        }
        AttrExp::Comparison(path, op, value) => (path, op.clone(), value),
    };
    let column = column(resource, path).ok_or(Untranslated::Unmapped)?;
    if matches!(value, CompValue::Null) {
        return match (column, op) {
            (Column::Exact("external_id"), CompareOp::Eq) => {
                sql.push("external_id IS NULL");
                Ok(())
            }
            (Column::Exact("external_id"), CompareOp::Ne) => {
                sql.push("external_id IS NOT NULL");
                Ok(())
            }
            (_, CompareOp::Eq) => {
                sql.push("1 = 0");
                Ok(())
            }
            (_, CompareOp::Ne) => {
                sql.push("1 = 1");
                Ok(())
            }
            _ => Err(invalid("null compares only with eq or ne")),
        };
    }
    match column {
        Column::Active => {
            let wanted = match value {
                CompValue::True => true,
                CompValue::False => false,
                CompValue::Str(s) if s.eq_ignore_ascii_case("true") => true,
                CompValue::Str(s) if s.eq_ignore_ascii_case("false") => false,
                _ => return Err(invalid("active compares with true or false")),
            };
            let equal = match op {
                CompareOp::Eq => wanted,
                CompareOp::Ne => !wanted,
                _ => return Err(invalid("active compares only with eq or ne")),
            };
            sql.push(if equal { "status = " } else { "status <> " })
                .bind(Arg::Text(codec::name(&MemberStatus::Active)));
            Ok(())
        }
        Column::Instant(c) => {
            let CompValue::Str(text) = value else {
                return Err(invalid("dates compare with RFC 3339 strings"));
            };
            let at = OffsetDateTime::parse(text, &Rfc3339)
                .map_err(|_| invalid(format!("{text:?} is not an RFC 3339 date-time")))?;
            let operator = match op {
                CompareOp::Eq => "=",
                CompareOp::Ne => "<>",
                CompareOp::Gt => ">",
                CompareOp::Ge => ">=",
                CompareOp::Lt => "<",
                CompareOp::Le => "<=",
                _ => return Err(invalid("dates compare with eq, ne, gt, ge, lt or le")),
            };
            sql.push(&format!("{c} {operator} ")).bind(Arg::Int(micros(at)));
            Ok(())
        }
        Column::GroupMember => {
            let CompValue::Str(id) = value else {
                return Err(invalid("members compare with a user id"));
            };
            let exists =
                "EXISTS (SELECT 1 FROM group_principals p WHERE p.group_id = groups.id AND p.principal_id = ";
            match op {
                CompareOp::Eq => sql.push(exists),
                CompareOp::Ne => sql.push(&format!("NOT {exists}")),
                _ => return Err(invalid("members compare only with eq or ne")),
            };
            sql.bind(Arg::Text(id.clone())).push(")");
            Ok(())
        }
        Column::Text(c) | Column::Exact(c) => {
            let exact = matches!(column, Column::Exact(_));
            let text = match value {
                CompValue::Str(s) => s.clone(),
                CompValue::Number(n) => n.to_string(),
                CompValue::True | CompValue::False => {
                    return Err(invalid(format!("{} is text, not a boolean", path.name)));
                }
                // Handled above, before any column's comparison.
                CompValue::Null => return Err(invalid("null compares only with eq or ne")),
            };
            // SQLite's lower() folds ASCII letters only: a comparison without case of other letters
            // is left to the evaluator, which folds them all.
            if !exact && backend == Backend::Sqlite && !text.is_ascii() {
                return Err(Untranslated::Unmapped);
            }
            text_comparison(backend, c, exact, op, text, sql);
            Ok(())
        }
    }
}

/// A text comparison that is never SQL NULL (an absent value compares false, and `NOT` of it true),
/// without `LIKE`, whose case rules differ between the databases.
fn text_comparison(backend: Backend, column: &str, exact: bool, op: CompareOp, text: String, sql: &mut Sql) {
    if op == CompareOp::Ne {
        // "Not equal" holds for an absent value too, as the evaluator has it.
        sql.push("NOT ");
        text_comparison(backend, column, exact, CompareOp::Eq, text, sql);
        return;
    }
    let (lhs, value) = if exact {
        (column.to_owned(), text)
    } else if column == "email" {
        // Stored lower-case already: compared as it is, the column's unique index serves `eq`.
        (column.to_owned(), text.to_lowercase())
    } else {
        (format!("lower({column})"), text.to_lowercase())
    };

    // Byte order on both databases, whatever PostgreSQL's locale.
    let ordered = match backend {
        Backend::Sqlite => lhs.clone(),
        Backend::Postgres => format!("{lhs} COLLATE \"C\""),
    };
    sql.push(&format!("({column} IS NOT NULL AND "));
    match op {
        // `Ne` was turned into `NOT` of `Eq` above.
        CompareOp::Eq | CompareOp::Ne => sql.push(&format!("{lhs} = ")).bind(Arg::Text(value)),
        CompareOp::Co => {
            let find = match backend {
                Backend::Sqlite => "instr",
                Backend::Postgres => "strpos",
            };
            sql.push(&format!("{find}({lhs}, "))
                .bind(Arg::Text(value))
                .push(") > 0")
        }
        CompareOp::Sw => sql
            .push(&format!("substr({lhs}, 1, length("))
            .bind(Arg::Text(value.clone()))
            .push(")) = ")
            .bind(Arg::Text(value)),
        CompareOp::Ew => sql
            .push(&format!("length({lhs}) >= length("))
            .bind(Arg::Text(value.clone()))
            .push(&format!(") AND substr({lhs}, length({lhs}) - length("))
            .bind(Arg::Text(value.clone()))
            .push(") + 1) = ")
            .bind(Arg::Text(value)),
        CompareOp::Gt => sql.push(&format!("{ordered} > ")).bind(Arg::Text(value)),
        CompareOp::Ge => sql.push(&format!("{ordered} >= ")).bind(Arg::Text(value)),
        CompareOp::Lt => sql.push(&format!("{ordered} < ")).bind(Arg::Text(value)),
        CompareOp::Le => sql.push(&format!("{ordered} <= ")).bind(Arg::Text(value)),
    };
    sql.push(")");
}
