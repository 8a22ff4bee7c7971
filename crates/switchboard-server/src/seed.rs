//! Seeding: the owner of the account, a realistic demo team, and many generated members for load tests.
//! Used by `switchboard-server seed`, by the desktop app's local workspace, and by tests.

use sqlx::{AnyConnection, Row};

use crate::auth::hash_password;
use crate::db::{Db, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::validate;

/// Creates the owner (or, when the email exists, makes it an active owner with this password).
/// Returns the member id.
pub async fn owner(db: &Db, email: &str, password: &str) -> ApiResult<String> {
    let email =
        validate::email(email).ok_or_else(|| ApiError::field("owner_email", "is not an email address"))?;
    if password.chars().count() < 8 {
        return Err(ApiError::field("owner_password", "must be at least 8 characters"));
    }
    let hash = hash_password(password.to_owned()).await?;
    let name = display_name_from_email(&email);
    let mut tx = db.begin().await?;
    let at = now();
    let existing = sqlx::query("SELECT id FROM members WHERE email = $1")
        .bind(&email)
        .fetch_optional(tx.conn())
        .await?;
    let id = match existing {
        Some(row) => {
            let id: String = row.try_get("id")?;
            sqlx::query(
                "UPDATE members SET role = 'owner', status = 'active', password_hash = $1, \
                 version = version + 1, updated_at = $2 WHERE id = $3",
            )
            .bind(&hash)
            .bind(at)
            .bind(&id)
            .execute(tx.conn())
            .await?;
            id
        }
        None => {
            let id = new_id();
            insert_member(tx.conn(), &id, &email, &name, "owner", Some(&hash), at).await?;
            crate::audit::record(
                tx.conn(),
                crate::audit::Actor::System,
                "member.created",
                "member",
                Some(&id),
                serde_json::json!({ "role": "owner", "by": "seed" }),
            )
            .await?;
            id
        }
    };
    tx.commit().await?;
    Ok(id)
}

async fn insert_member(
    conn: &mut AnyConnection,
    id: &str,
    email: &str,
    name: &str,
    role: &str,
    password_hash: Option<&str>,
    at: i64,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO members (id, email, name, role, password_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(id)
    .bind(email)
    .bind(name)
    .bind(role)
    .bind(password_hash.map(str::to_owned))
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

fn display_name_from_email(email: &str) -> String {
    let local = email.split('@').next().unwrap_or("owner");
    local
        .split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut chars = p.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The domain of the first owner, so demo addresses look like the owner's colleagues.
async fn team_domain(db: &Db) -> ApiResult<String> {
    let row = sqlx::query("SELECT email FROM members WHERE role = 'owner' ORDER BY id LIMIT 1")
        .fetch_optional(db.pool())
        .await?;
    Ok(match row {
        Some(row) => row
            .try_get::<String, _>("email")?
            .rsplit('@')
            .next()
            .unwrap_or("example.com")
            .to_owned(),
        None => "example.com".to_owned(),
    })
}

const DEMO_PEOPLE: [(&str, &str); 40] = [
    ("Aroha Ngata", "admin"),
    ("Liam O'Connor", "admin"),
    ("Mei Chen", "member"),
    ("Rahul Sharma", "member"),
    ("Sofia Rossi", "member"),
    ("Kwame Mensah", "member"),
    ("Hana Suzuki", "member"),
    ("Mateo García", "member"),
    ("Amara Okafor", "member"),
    ("Lukas Müller", "admin"),
    ("Priya Patel", "member"),
    ("Tama Rangi", "member"),
    ("Chloé Dubois", "member"),
    ("Oluwaseun Adeyemi", "member"),
    ("Isabella Costa", "member"),
    ("Jae-won Kim", "member"),
    ("Fatima Al-Sayed", "member"),
    ("Noah Williams", "member"),
    ("Ingrid Johansson", "member"),
    ("Diego Hernández", "member"),
    ("Aisha Bello", "member"),
    ("Tomás Novák", "member"),
    ("Yuki Tanaka", "member"),
    ("Olivia Smith", "member"),
    ("Arjun Iyer", "member"),
    ("Zanele Dlamini", "member"),
    ("Emma Brown", "member"),
    ("Nikolai Petrov", "member"),
    ("Leilani Kahale", "member"),
    ("Ahmed Hassan", "member"),
    ("Grace Taylor", "member"),
    ("Mia Schneider", "member"),
    ("Ravi Nair", "member"),
    ("Sione Tuilagi", "member"),
    ("Camila Rodríguez", "member"),
    ("Ethan Wilson", "member"),
    ("Niamh Kelly", "member"),
    ("Wiremu Parata", "member"),
    ("Lena Fischer", "member"),
    ("Daniel Cohen", "member"),
];

const DEMO_GROUPS: [(&str, &str); 6] = [
    ("Sales", "New business and account management"),
    ("Support", "Customer support, first and second line"),
    ("Engineering", "Product engineering"),
    ("Operations", "Finance, people and facilities"),
    ("Marketing", "Brand, content and events"),
    ("Leadership", "The leadership team"),
];

/// (E.164, label, country, kind, sharing, assignee index into DEMO_PEOPLE or shared group of them)
const DEMO_NUMBERS: [(&str, &str, &str, &str, &str); 20] = [
    ("+6495550100", "Auckland main line", "NZ", "geographic", "shared"),
    ("+6445550101", "Wellington office", "NZ", "geographic", "direct"),
    ("+64215550102", "Aroha mobile", "NZ", "mobile", "direct"),
    ("+6435550103", "Christchurch office", "NZ", "geographic", "direct"),
    ("+61255501040", "Sydney sales", "AU", "geographic", "shared"),
    ("+61355501050", "Melbourne support", "AU", "geographic", "shared"),
    ("+61412555106", "Liam mobile", "AU", "mobile", "direct"),
    ("+611800555107", "AU toll-free", "AU", "toll_free", "shared"),
    ("+442079460108", "London office", "GB", "geographic", "direct"),
    (
        "+441614960109",
        "Manchester support",
        "GB",
        "geographic",
        "shared",
    ),
    ("+447700900110", "UK mobile", "GB", "mobile", "direct"),
    ("+12125550111", "New York sales", "US", "geographic", "direct"),
    ("+14155550112", "San Francisco", "US", "geographic", "direct"),
    ("+18005550113", "US toll-free", "US", "toll_free", "shared"),
    ("+13125550114", "Chicago", "US", "geographic", "direct"),
    ("+4930555501150", "Berlin office", "DE", "geographic", "direct"),
    ("+4989555501160", "Munich", "DE", "geographic", "direct"),
    ("+4915155501170", "DE mobile", "DE", "mobile", "direct"),
    ("+33155501180", "Paris", "FR", "geographic", "direct"),
    ("+81355501190", "Tokyo", "JP", "geographic", "direct"),
];

/// Adds the demo team (about 40 members across the roles, groups, 20 numbers in several countries, some
/// assigned, some shared, some in reserve, pending and expired invitations). Does nothing when the team
/// already has groups, so it is safe to call on every start. Demo members have no password.
pub async fn demo(db: &Db) -> ApiResult<()> {
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM groups")
        .fetch_one(db.pool())
        .await?
        .try_get("n")?;
    if existing > 0 {
        return Ok(());
    }
    let domain = team_domain(db).await?;
    let mut tx = db.begin().await?;
    let at = now();
    let mut people = Vec::new();
    for (i, (name, role)) in DEMO_PEOPLE.iter().enumerate() {
        let id = new_id();
        let email = format!("{}@{domain}", email_local(name));
        insert_member(tx.conn(), &id, &email, name, role, None, at + i as i64).await?;
        if i % 7 == 6 {
            sqlx::query("UPDATE members SET status = 'deactivated' WHERE id = $1")
                .bind(&id)
                .execute(tx.conn())
                .await?;
        }
        if i % 3 == 0 {
            sqlx::query("UPDATE members SET recording_inbound = 1 WHERE id = $1")
                .bind(&id)
                .execute(tx.conn())
                .await?;
        }
        people.push(id);
    }
    let mut groups = Vec::new();
    for (name, description) in DEMO_GROUPS {
        let id = new_id();
        sqlx::query(
            "INSERT INTO groups (id, name, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(&id)
        .bind(name)
        .bind(description)
        .bind(at)
        .execute(tx.conn())
        .await?;
        groups.push(id);
    }
    for (i, person) in people.iter().enumerate() {
        // Everyone in one team group; admins also in Leadership.
        let group = &groups[i % 5];
        add_principal(
            tx.conn(),
            "group_principals",
            "group_id",
            group,
            person,
            "member",
            at,
        )
        .await?;
        if DEMO_PEOPLE[i].1 == "admin" {
            add_principal(
                tx.conn(),
                "group_principals",
                "group_id",
                &groups[5],
                person,
                "member",
                at,
            )
            .await?;
        }
    }
    let mut numbers = Vec::new();
    for (e164, label, country, kind, sharing) in DEMO_NUMBERS {
        let id = new_id();
        sqlx::query(
            "INSERT INTO numbers (id, e164, label, country, kind, sharing, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(&id)
        .bind(e164)
        .bind(label)
        .bind(country)
        .bind(kind)
        .bind(sharing)
        .bind(at)
        .execute(tx.conn())
        .await?;
        numbers.push((id, sharing));
    }
    // The first 12 direct numbers go to one person each, shared ones to a handful; the rest stay in reserve.
    let mut person = 0;
    for (i, (number, sharing)) in numbers.iter().enumerate() {
        if i >= 16 {
            continue;
        }
        let count = if *sharing == "shared" { 4 } else { 1 };
        for _ in 0..count {
            add_principal(
                tx.conn(),
                "number_assignees",
                "number_id",
                number,
                &people[person % people.len()],
                "member",
                at,
            )
            .await?;
            person += 1;
        }
    }
    let day = 86_400_000_000i64;
    for (i, local) in [
        "jordan.lee",
        "sam.rivera",
        "alex.morgan",
        "taylor.nguyen",
        "casey.walker",
    ]
    .iter()
    .enumerate()
    {
        let expired = i >= 3;
        let id = new_id();
        let token = crate::auth::new_token("sbi_");
        sqlx::query(
            "INSERT INTO invitations (id, email, role, status, token_hash, expires_at, invited_by, created_at, updated_at) \
             VALUES ($1, $2, 'member', 'pending', $3, $4, $5, $6, $6)",
        )
        .bind(&id)
        .bind(format!("{local}@{domain}"))
        .bind(crate::auth::token_hash(&token))
        .bind(if expired { at - day } else { at + 7 * day })
        .bind(&people[0])
        .bind(if expired { at - 8 * day } else { at })
        .execute(tx.conn())
        .await?;
        if i == 0 {
            // A pending invitation that already has a reserved number and a group.
            add_principal(
                tx.conn(),
                "number_assignees",
                "number_id",
                &numbers[16].0,
                &id,
                "invitation",
                at,
            )
            .await?;
            add_principal(
                tx.conn(),
                "group_principals",
                "group_id",
                &groups[0],
                &id,
                "invitation",
                at,
            )
            .await?;
        }
    }
    sqlx::query("UPDATE configuration SET onboarding_url = $1, updated_at = $2 WHERE id = 1 AND onboarding_url IS NULL")
        .bind("https://training.example.com/playlists/new-starters")
        .bind(at)
        .execute(tx.conn())
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn add_principal(
    conn: &mut AnyConnection,
    table: &str,
    column: &str,
    parent: &str,
    principal: &str,
    kind: &str,
    at: i64,
) -> ApiResult<()> {
    sqlx::query(&format!(
        "INSERT INTO {table} ({column}, principal_id, kind, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"
    ))
    .bind(parent)
    .bind(principal)
    .bind(kind)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

fn email_local(name: &str) -> String {
    let ascii: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' => 'e',
            'í' => 'i',
            'ó' | 'ö' | 'ô' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            ' ' => '.',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
        .collect();
    ascii
}

const FIRST: [&str; 32] = [
    "Ana", "Ben", "Chen", "Dara", "Eli", "Fatma", "Gus", "Hemi", "Ines", "Jun", "Kiri", "Lars", "Maya",
    "Nico", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tui", "Uma", "Viktor", "Wen", "Ximena", "Yara", "Zane",
    "Ada", "Bo", "Cleo", "Dev", "Esme", "Finn",
];
const LAST: [&str; 32] = [
    "Anand", "Brooks", "Castillo", "Dang", "Eze", "Fraser", "Gupta", "Horomona", "Ito", "Jensen", "Khan",
    "Lopez", "Mwangi", "Nakamura", "Osei", "Park", "Quispe", "Reid", "Silva", "Te Whata", "Ueda", "Varga",
    "Walsh", "Xu", "Yilmaz", "Zhou", "Abara", "Bauer", "Chopra", "Duarte", "Evans", "Friedman",
];

/// Adds `n` generated members (no password, role member) in batched inserts in one transaction.
pub async fn members(db: &Db, n: usize) -> ApiResult<()> {
    let domain = team_domain(db).await?;
    let start: i64 = sqlx::query("SELECT COUNT(*) AS n FROM members")
        .fetch_one(db.pool())
        .await?
        .try_get("n")?;
    let run = &new_id()[24..];
    let mut tx = db.begin().await?;
    let at = now();
    const BATCH: usize = 500;
    let mut done = 0;
    while done < n {
        let count = BATCH.min(n - done);
        let mut sql = crate::db::Sql::new(
            "INSERT INTO members (id, email, name, role, created_at, updated_at) VALUES ",
        );
        for k in 0..count {
            let i = start as usize + done + k;
            let first = FIRST[i % FIRST.len()];
            let last = LAST[(i / FIRST.len()) % LAST.len()];
            if k > 0 {
                sql.push(", ");
            }
            sql.push("(").bind(crate::db::Arg::Text(new_id())).push(", ");
            sql.bind(crate::db::Arg::Text(format!(
                "{}.{}.{i}.{run}@{domain}",
                first.to_lowercase(),
                last.to_lowercase().replace(' ', "")
            )));
            sql.push(", ")
                .bind(crate::db::Arg::Text(format!("{first} {last}")));
            sql.push(", 'member', ")
                .bind(crate::db::Arg::Int(at))
                .push(", ")
                .bind(crate::db::Arg::Int(at))
                .push(")");
        }
        sql.query().execute(tx.conn()).await?;
        done += count;
    }
    tx.commit().await?;
    // Statistics for the planner after a bulk load: without them PostgreSQL guesses, and may read
    // every member where an index would do.
    sqlx::query("ANALYZE").execute(db.pool()).await?;
    Ok(())
}
