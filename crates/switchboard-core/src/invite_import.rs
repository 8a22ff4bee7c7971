//! People to invite, read from a CSV file (a spreadsheet export or a list made by hand), for the Invite
//! People dialog's "Import CSV". The file is read here, never in the webview.
//!
//! What a file may hold, one person per row:
//! - A header row naming the columns, recognised case-insensitively and with common synonyms: Email
//!   (E-mail, Email address), Name (Full name, Display name; or First name + Last name), Role, Groups,
//!   Numbers (Phone numbers, Phone). Other columns are listed in [`ImportedRows::ignored_columns`].
//! - Without a header row, a file whose first cell is an email address is read as email, name.
//! - Groups: names separated by `;` or `|` within the cell (`Sales; Support`). Commas are not separators,
//!   so a quoted group name may hold one.
//! - Numbers: phone numbers separated by `;`, `|` or `,`, each in international form, spaces, dashes,
//!   dots and brackets allowed (`+64 9 555 0100`), kept as E.164 (`+6495550100`).
//! - Comma-separated, or `;`/tab-separated when the first row has no comma (what Excel writes in
//!   locales with a decimal comma); a UTF-8 byte-order mark, CRLF line ends, quoted commas and line
//!   breaks, blank lines and trailing empty columns are all fine.
//!
//! Each data row comes back with its line in the file and either the person or the row's problems, each
//! naming the line. Group names and numbers are kept as typed: the dialog resolves them against the
//! account. A file the import can't take at all — too large, not UTF-8, no email column — is an
//! [`Error`](crate::error::Error) instead.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use serde::Serialize;
use switchboard_api::roles::Role;
use switchboard_server::validate;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Files over this many bytes (5 MB) are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
/// Files with more data rows than this are refused.
pub const MAX_ROWS: usize = 10_000;
/// The longest name the server takes.
const MAX_NAME_CHARS: usize = 200;

/// What a file of people to invite held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRows {
    /// Whether the first row named the columns; without one the file was read as email, name.
    pub header: bool,
    /// Columns the file has that an invitation doesn't use, as the header spells them (`Department`), or
    /// by position in a file without a header (`column 3`), so the dialog can say they were left out.
    pub ignored_columns: Vec<String>,
    /// One entry per row with anything in it, in file order.
    pub rows: Vec<ImportedRow>,
}

/// One data row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ImportedRow {
    /// The row reads as a person to invite. `line` is where the row starts in the file, from 1.
    Parsed { line: u32, invitee: Invitee },
    /// The row can't be invited as it is; each problem names the line (`line 7: “bob@” isn't an email
    /// address`).
    Rejected { line: u32, problems: Vec<String> },
}

impl ImportedRow {
    /// Where the row starts in the file, from 1.
    pub fn line(&self) -> u32 {
        match self {
            ImportedRow::Parsed { line, .. } | ImportedRow::Rejected { line, .. } => *line,
        }
    }
}

/// A person to invite, as the file gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Invitee {
    /// Trimmed and lower-cased, as the server keeps it.
    pub email: String,
    pub name: Option<String>,
    /// `admin` or `member`; none means the account's default role.
    pub role: Option<Role>,
    /// Group names as typed, to be matched against the account's groups.
    pub groups: Vec<String>,
    /// Phone numbers in E.164 (`+6495550100`), to be matched against the account's numbers.
    pub numbers: Vec<String>,
}

/// The columns an invitation uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Email,
    Name,
    FirstName,
    LastName,
    Role,
    Groups,
    Numbers,
}

impl Column {
    /// The column a header cell names: case, spaces, punctuation and a bracketed note
    /// (`Email Address [Required]`) don't matter.
    fn named(header: &str) -> Option<Column> {
        let bare = header.split(['[', '(']).next().unwrap_or_default();
        let key: String = bare
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "email" | "emailaddress" | "mail" | "workemail" => Column::Email,
            "name" | "fullname" | "displayname" => Column::Name,
            "firstname" | "givenname" => Column::FirstName,
            "lastname" | "surname" | "familyname" => Column::LastName,
            "role" => Column::Role,
            "groups" | "group" => Column::Groups,
            "numbers" | "number" | "phonenumbers" | "phonenumber" | "phone" | "phones" => Column::Numbers,
            _ => return None,
        })
    }
}

/// Which cell of a row holds which column.
struct Layout {
    header: bool,
    columns: Vec<Option<Column>>,
}

impl Layout {
    /// A file without a header row: email, then name.
    fn headerless() -> Layout {
        Layout {
            header: false,
            columns: vec![Some(Column::Email), Some(Column::Name)],
        }
    }

    /// The cell of `column` in `cells`, trimmed; empty when the row is shorter.
    fn cell<'a>(&self, cells: &[&'a str], column: Column) -> &'a str {
        self.columns
            .iter()
            .position(|c| *c == Some(column))
            .and_then(|i| cells.get(i))
            .map_or("", |cell| cell.trim())
    }
}

/// Reads the file at `path` (a file the user picked) and the people in it. The size is checked before
/// anything is read, and the read stops at the limit should the file grow meanwhile.
pub fn read_invitations_csv(path: &Path) -> Result<ImportedRows> {
    let unreadable = |error: std::io::Error| Error::ImportUnreadable {
        path: path.display().to_string(),
        detail: error.to_string(),
    };
    let file = File::open(path).map_err(unreadable)?;
    if file.metadata().map_err(unreadable)?.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    parse_invitations_csv(&bytes)
}

/// Reads a file of people to invite. See the module's documentation for what it takes.
pub fn parse_invitations_csv(bytes: &[u8]) -> Result<ImportedRows> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(bytes))
        .from_reader(bytes);

    let mut layout: Option<Layout> = None;
    let mut ignored_columns = Vec::new();
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    let mut lines = LineCounter::default();
    // Reading from memory can't fail: csv reports only I/O errors and UTF-8 errors of string records.
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        let line = lines.line_of(bytes, record.position().map_or(0, |p| p.byte()));
        let cells = text_cells(&record, line)?;
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let layout = match &layout {
            Some(layout) => layout,
            None => {
                let (found, is_header) = read_layout(&cells, &mut ignored_columns)?;
                let layout = layout.insert(found);
                if is_header {
                    continue;
                }
                layout
            }
        };
        if rows.len() == MAX_ROWS {
            return Err(Error::ImportTooManyRows { max_rows: MAX_ROWS });
        }
        if !layout.header {
            for (i, cell) in cells.iter().enumerate().skip(layout.columns.len()) {
                let name = format!("column {}", i + 1);
                if !cell.trim().is_empty() && !ignored_columns.contains(&name) {
                    ignored_columns.push(name);
                }
            }
        }
        rows.push(read_row(layout, &cells, line, &mut seen));
    }
    Ok(ImportedRows {
        header: layout.is_some_and(|l| l.header),
        ignored_columns,
        rows,
    })
}

/// The line a record starts on. csv's own `Position` of a record that follows blank lines points at the
/// blank lines (both its line and its byte), so the line is counted here from the bytes: from where csv
/// says, past any line ends, to the record's first byte.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: usize,
}

impl LineCounter {
    fn line_of(&mut self, bytes: &[u8], reported: u64) -> u32 {
        let mut start = usize::try_from(reported)
            .unwrap_or(usize::MAX)
            .clamp(self.byte, bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        self.newlines += bytes[self.byte..start].iter().filter(|&&b| b == b'\n').count();
        self.byte = start;
        u32::try_from(self.newlines + 1).unwrap_or(u32::MAX)
    }
}

fn too_large() -> Error {
    Error::ImportFileTooLarge {
        max_mb: MAX_FILE_BYTES / (1024 * 1024),
        max_rows: MAX_ROWS,
    }
}

/// `,` unless the first line has none and has `;` or tabs instead: spreadsheets in locales with a decimal
/// comma write `;`, and "tab-separated" exports are common.
fn delimiter(bytes: &[u8]) -> u8 {
    let first_line = bytes
        .split(|&b| b == b'\n')
        .find(|line| line.iter().any(|b| !b.is_ascii_whitespace()))
        .unwrap_or_default();
    let count = |d: u8| first_line.iter().filter(|&&b| b == d).count();
    if count(b',') > 0 {
        b','
    } else if count(b';') >= count(b'\t') && count(b';') > 0 {
        b';'
    } else if count(b'\t') > 0 {
        b'\t'
    } else {
        b','
    }
}

/// The record's cells as text, or which line isn't UTF-8.
fn text_cells(record: &csv::ByteRecord, line: u32) -> Result<Vec<&str>> {
    let mut newlines_before = 0;
    let mut cells = Vec::with_capacity(record.len());
    for field in record {
        match std::str::from_utf8(field) {
            Ok(text) => {
                newlines_before += text.matches('\n').count();
                cells.push(text);
            }
            Err(error) => {
                // A quoted cell may span lines: name the line the bad byte is on.
                let within = field[..error.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                let offset = u32::try_from(newlines_before + within).unwrap_or(u32::MAX);
                return Err(Error::ImportNotUtf8 {
                    line: line.saturating_add(offset),
                });
            }
        }
    }
    Ok(cells)
}

/// What the first row with anything in it says about the file: a header (true), or the first person of a
/// file without one (false).
fn read_layout(cells: &[&str], ignored_columns: &mut Vec<String>) -> Result<(Layout, bool)> {
    let named: Vec<Option<Column>> = cells.iter().map(|cell| Column::named(cell)).collect();
    let is_header = named.iter().any(Option::is_some) && !cells.iter().any(|cell| cell.contains('@'));
    if !is_header {
        return if cells[0].contains('@') {
            Ok((Layout::headerless(), false))
        } else {
            Err(Error::ImportNoHeader)
        };
    }
    if !named.contains(&Some(Column::Email)) {
        let spelled: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        return Err(Error::ImportNoEmailColumn {
            columns: spelled.join(", "),
        });
    }
    let mut columns = Vec::with_capacity(cells.len());
    for (cell, column) in cells.iter().zip(named) {
        // A column named twice is read the first time only.
        let column = column.filter(|c| !columns.contains(&Some(*c)));
        if column.is_none() && !cell.trim().is_empty() {
            ignored_columns.push(cell.trim().to_owned());
        }
        columns.push(column);
    }
    Ok((
        Layout {
            header: true,
            columns,
        },
        true,
    ))
}

fn read_row(layout: &Layout, cells: &[&str], line: u32, seen: &mut HashMap<String, u32>) -> ImportedRow {
    let mut problems = Vec::new();
    let mut problem = |text: String| problems.push(format!("line {line}: {text}"));

    let (email, name_in_address) = split_address(layout.cell(cells, Column::Email));
    let email = if email.is_empty() {
        problem("no email address".to_owned());
        None
    } else if let Some(email) = validate::email(email) {
        match seen.get(&email) {
            Some(first) => problem(format!("{email} is a duplicate of line {first}")),
            None => {
                seen.insert(email.clone(), line);
            }
        }
        Some(email)
    } else {
        problem(format!("“{email}” isn't an email address"));
        None
    };

    let full = layout.cell(cells, Column::Name);
    let joined = [Column::FirstName, Column::LastName]
        .map(|c| layout.cell(cells, c))
        .join(" ");
    let name = [full, joined.as_str(), name_in_address]
        .into_iter()
        .map(|name| name.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|name| !name.is_empty());
    if let Some(name) = &name {
        if name.chars().count() > MAX_NAME_CHARS {
            problem(format!("the name is longer than {MAX_NAME_CHARS} characters"));
        } else if name.chars().any(char::is_control) {
            problem("the name has control characters in it".to_owned());
        }
    }

    let typed_role = layout.cell(cells, Column::Role);
    let role = match typed_role.to_lowercase().as_str() {
        "" => None,
        "admin" => Some(Role::Admin),
        "member" => Some(Role::Member),
        "owner" => {
            problem("owners can't be invited — use admin or member".to_owned());
            None
        }
        _ => {
            problem(format!("role “{typed_role}” — use admin or member"));
            None
        }
    };

    let groups = distinct(
        layout
            .cell(cells, Column::Groups)
            .split([';', '|'])
            .map(str::to_owned),
    );

    let mut numbers = Vec::new();
    for typed in layout.cell(cells, Column::Numbers).split([';', '|', ',']) {
        let typed = typed.trim();
        if typed.is_empty() {
            continue;
        }
        match e164(typed) {
            Some(number) => numbers.push(number),
            None => problem(format!(
                "“{typed}” isn't a phone number in international form — start it with + and the country code"
            )),
        }
    }
    let numbers = distinct(numbers.into_iter());

    if let Some(extra) = cells.get(layout.columns.len()..)
        && layout.header
        && extra.iter().any(|cell| !cell.trim().is_empty())
    {
        problem(
            "more values than the header has columns — put values that contain commas in double quotes"
                .to_owned(),
        );
    }

    match email {
        Some(email) if problems.is_empty() => ImportedRow::Parsed {
            line,
            invitee: Invitee {
                email,
                name,
                role,
                groups,
                numbers,
            },
        },
        _ => ImportedRow::Rejected { line, problems },
    }
}

/// `Jordan Lee <jordan@example.com>` → (`jordan@example.com`, `Jordan Lee`): address books export the
/// email column this way. Anything else is the address itself, with no name.
fn split_address(cell: &str) -> (&str, &str) {
    if let Some(inside) = cell.strip_suffix('>')
        && let Some((name, address)) = inside.rsplit_once('<')
    {
        return (address.trim(), name.trim().trim_matches('"').trim());
    }
    (cell, "")
}

/// A phone number written internationally, as E.164: `+64 9 555-0100` → `+6495550100`.
fn e164(typed: &str) -> Option<String> {
    let number: String = typed
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')')))
        .collect();
    validate::is_e164(&number).then_some(number)
}

/// Trimmed, without empty entries, each once (ignoring case), in first-seen order.
fn distinct(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for item in items {
        let item = item.trim();
        if !item.is_empty() && !kept.iter().any(|k| k.to_lowercase() == item.to_lowercase()) {
            kept.push(item.to_owned());
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ImportedRows {
        parse_invitations_csv(text.as_bytes()).unwrap()
    }

    fn person(email: &str) -> Invitee {
        Invitee {
            email: email.to_owned(),
            ..Invitee::default()
        }
    }

    fn named(email: &str, name: &str) -> Invitee {
        Invitee {
            name: Some(name.to_owned()),
            ..person(email)
        }
    }

    fn parsed(line: u32, invitee: Invitee) -> ImportedRow {
        ImportedRow::Parsed { line, invitee }
    }

    fn rejected(line: u32, problems: &[&str]) -> ImportedRow {
        ImportedRow::Rejected {
            line,
            problems: problems.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    /// An export as people send them: BOM, CRLF, a quoted name with a comma, a quoted line break, blank
    /// lines, trailing empty columns, an unknown column, bad rows and a duplicate.
    #[test]
    fn a_real_world_export_reads_row_by_row_with_true_line_numbers() {
        let bytes = include_bytes!("../tests/fixtures/people-export.csv");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the fixture keeps its BOM");
        assert!(
            bytes.windows(2).any(|w| w == b"\r\n"),
            "the fixture keeps its CRLF line ends"
        );

        let imported = parse_invitations_csv(bytes).unwrap();

        assert!(imported.header);
        assert_eq!(imported.ignored_columns, ["Department", "Notes"]);
        assert_eq!(
            imported.rows,
            [
                parsed(
                    2,
                    Invitee {
                        email: "ana.silva@example.com".into(),
                        name: Some("Ana Silva".into()),
                        role: Some(Role::Admin),
                        groups: vec!["Sales".into(), "Support".into()],
                        numbers: vec!["+6495550100".into()],
                    }
                ),
                parsed(
                    3,
                    Invitee {
                        email: "jordan.lee@example.com".into(),
                        name: Some("Lee, Jordan".into()),
                        role: Some(Role::Member),
                        groups: vec!["Support".into()],
                        numbers: vec![],
                    }
                ),
                parsed(
                    5,
                    Invitee {
                        email: "priya@example.com".into(),
                        name: Some("Priya Natarajan".into()),
                        role: None,
                        groups: vec![],
                        numbers: vec!["+14155550123".into(), "+442071838750".into()],
                    }
                ),
                rejected(7, &["line 7: “bob@” isn't an email address"]),
                // The quoted line break in row 8's note moves the next row to line 10.
                parsed(
                    8,
                    Invitee {
                        email: "mei.chen@example.com".into(),
                        name: Some("Mei Chen".into()),
                        role: Some(Role::Member),
                        groups: vec!["Engineering".into()],
                        numbers: vec![],
                    }
                ),
                rejected(10, &["line 10: role “boss” — use admin or member"]),
                rejected(11, &["line 11: ana.silva@example.com is a duplicate of line 2"]),
                rejected(
                    12,
                    &[
                        "line 12: “09 555 0101” isn't a phone number in international form — start it \
                       with + and the country code"
                    ]
                ),
            ]
        );
    }

    #[test]
    fn header_names_are_recognised_by_their_usual_spellings() {
        let imported = parse(
            "E-mail Address [Required],Full name,ROLE,Group,Phone numbers\n\
             a@example.com,Ana,Member,Ops,+64 9 555 0100\n",
        );
        assert!(imported.header);
        assert_eq!(
            imported.rows,
            [parsed(
                2,
                Invitee {
                    email: "a@example.com".into(),
                    name: Some("Ana".into()),
                    role: Some(Role::Member),
                    groups: vec!["Ops".into()],
                    numbers: vec!["+6495550100".into()],
                }
            )]
        );

        let imported = parse("Phone,Email,First name,Last name\n+6495550100,b@example.com,Bo,Berg\n");
        assert_eq!(
            imported.rows,
            [parsed(
                2,
                Invitee {
                    email: "b@example.com".into(),
                    name: Some("Bo Berg".into()),
                    numbers: vec!["+6495550100".into()],
                    ..Invitee::default()
                }
            )]
        );
    }

    #[test]
    fn a_file_without_a_header_is_read_as_email_then_name() {
        let imported =
            parse("ana@example.com,Ana Silva\r\nbo@example.com\r\n\r\ncy@example.com,Cy,extra\r\n");
        assert!(!imported.header);
        assert_eq!(imported.ignored_columns, ["column 3"]);
        assert_eq!(
            imported.rows,
            [
                parsed(1, named("ana@example.com", "Ana Silva")),
                parsed(2, person("bo@example.com")),
                parsed(4, named("cy@example.com", "Cy")),
            ]
        );
    }

    #[test]
    fn emails_are_trimmed_and_lower_cased_and_address_book_forms_give_the_name() {
        let imported =
            parse("Email,Name\n  Ana.Silva@Example.COM  ,\n\"Lee, Jordan\" <jordan@example.com>,\n");
        assert_eq!(
            imported.rows,
            [
                parsed(2, person("ana.silva@example.com")),
                parsed(3, named("jordan@example.com", "Lee, Jordan")),
            ]
        );
    }

    #[test]
    fn duplicates_ignore_case_and_point_at_the_first_line() {
        let imported = parse("email\nana@example.com\n\nANA@example.com\n");
        assert_eq!(
            imported.rows,
            [
                parsed(2, person("ana@example.com")),
                rejected(4, &["line 4: ana@example.com is a duplicate of line 2"]),
            ]
        );
    }

    #[test]
    fn roles_are_admin_or_member_in_any_case() {
        let imported =
            parse("email,role\na@example.com,ADMIN\nb@example.com, member \nc@example.com,Owner\n");
        assert_eq!(
            imported.rows,
            [
                parsed(
                    2,
                    Invitee {
                        role: Some(Role::Admin),
                        ..person("a@example.com")
                    }
                ),
                parsed(
                    3,
                    Invitee {
                        role: Some(Role::Member),
                        ..person("b@example.com")
                    }
                ),
                rejected(4, &["line 4: owners can't be invited — use admin or member"]),
            ]
        );
    }

    #[test]
    fn every_problem_of_a_row_is_named() {
        let imported = parse("email,role,numbers\n,boss,555\n");
        assert_eq!(
            imported.rows,
            [rejected(
                2,
                &[
                    "line 2: no email address",
                    "line 2: role “boss” — use admin or member",
                    "line 2: “555” isn't a phone number in international form — start it with + and the \
                     country code",
                ]
            )]
        );
    }

    #[test]
    fn groups_split_on_semicolons_and_bars_and_numbers_also_on_commas() {
        let imported = parse(
            "email,groups,numbers\n\
             a@example.com,\"Sales, EMEA; Support | sales, emea;\",\"+1 (415) 555-0123, +1.415.555.0123; +64 9 555 0100\"\n",
        );
        assert_eq!(
            imported.rows,
            [parsed(
                2,
                Invitee {
                    groups: vec!["Sales, EMEA".into(), "Support".into()],
                    numbers: vec!["+14155550123".into(), "+6495550100".into()],
                    ..person("a@example.com")
                }
            )]
        );
    }

    #[test]
    fn unquoted_commas_that_shift_the_columns_are_caught() {
        let imported = parse("email,name,role\na@example.com,Lee, Jordan,member\n");
        assert_eq!(
            imported.rows,
            [rejected(
                2,
                &[
                    "line 2: role “Jordan” — use admin or member",
                    "line 2: more values than the header has columns — put values that contain commas in \
                     double quotes",
                ]
            )]
        );
    }

    #[test]
    fn names_are_single_spaced_and_limited() {
        let long = "x".repeat(201);
        let imported = parse(&format!(
            "email,name\na@example.com,\"Ana\r\n  Silva\"\nb@example.com,{long}\nc@example.com,\"Cy\u{7}\"\n"
        ));
        assert_eq!(
            imported.rows,
            [
                parsed(2, named("a@example.com", "Ana Silva")),
                rejected(4, &["line 4: the name is longer than 200 characters"]),
                rejected(5, &["line 5: the name has control characters in it"]),
            ]
        );
    }

    #[test]
    fn semicolon_and_tab_separated_files_are_read_too() {
        let expected = [parsed(
            2,
            Invitee {
                name: Some("Ana".into()),
                groups: vec!["Sales".into(), "Ops".into()],
                ..person("a@example.com")
            },
        )];
        assert_eq!(
            parse("Email;Name;Groups\na@example.com;Ana;\"Sales;Ops\"\n").rows,
            expected
        );
        assert_eq!(
            parse("Email\tName\tGroups\na@example.com\tAna\tSales|Ops\n").rows,
            expected
        );
    }

    #[test]
    fn an_empty_file_or_a_header_alone_has_no_rows() {
        for text in ["", "\u{feff}", "\r\n\r\n", "Email,Name\r\n,\r\n"] {
            assert_eq!(parse(text).rows, [], "{text:?}");
        }
    }

    #[test]
    fn a_file_the_import_cannot_take_is_refused_with_a_reason() {
        let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
        let error = parse_invitations_csv(&big).unwrap_err();
        assert_eq!(error.code(), switchboard_api::ErrorCode::ImportTooLarge);
        assert_eq!(
            error.to_string(),
            "The file is larger than 5 MB, too large to import. Split it into files of at most 10000 \
             people each."
        );

        let mut many = String::from("email\n");
        for i in 0..=MAX_ROWS {
            many.push_str(&format!("p{i}@example.com\n"));
        }
        let error = parse_invitations_csv(many.as_bytes()).unwrap_err();
        assert!(
            matches!(error, Error::ImportTooManyRows { max_rows: MAX_ROWS }),
            "{error:?}"
        );
        // Exactly at the limit is fine.
        let at_limit = many.rsplit_once("p10000@").unwrap().0;
        assert_eq!(parse(at_limit).rows.len(), MAX_ROWS);

        let error = parse_invitations_csv(b"email,name\na@example.com,Ana\nb@example.com,\"Jos\xE9\nx\"\n")
            .unwrap_err();
        assert!(matches!(error, Error::ImportNotUtf8 { line: 3 }), "{error:?}");
        assert!(
            error
                .to_string()
                .starts_with("Line 3 of the file isn't UTF-8 text.")
        );
        let error = parse_invitations_csv(b"email,note\na@example.com,\"one\ntwo \xE9\"\n").unwrap_err();
        assert!(matches!(error, Error::ImportNotUtf8 { line: 3 }), "{error:?}");

        let error = parse_invitations_csv(b"Name,Role\nAna,admin\n").unwrap_err();
        assert_eq!(error.code(), switchboard_api::ErrorCode::ImportNoEmailColumn);
        assert!(
            error
                .to_string()
                .starts_with("The file has no Email column (its columns are Name, Role).")
        );
        let error = parse_invitations_csv(b"Ana Silva,ana@example.com\n").unwrap_err();
        assert!(matches!(error, Error::ImportNoHeader), "{error:?}");
    }

    #[test]
    fn a_picked_file_is_read_from_disk_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.csv");
        std::fs::write(&path, "Email,Name\r\nana@example.com,Ana\r\n").unwrap();
        assert_eq!(
            read_invitations_csv(&path).unwrap().rows,
            [parsed(2, named("ana@example.com", "Ana"))]
        );

        // Too large is known from the file's size: nothing is parsed.
        std::fs::write(&path, vec![b'\n'; MAX_FILE_BYTES as usize + 1]).unwrap();
        let error = read_invitations_csv(&path).unwrap_err();
        assert_eq!(error.code(), switchboard_api::ErrorCode::ImportTooLarge);

        let missing = dir.path().join("gone.csv");
        let error = read_invitations_csv(&missing).unwrap_err();
        assert_eq!(error.code(), switchboard_api::ErrorCode::ImportUnreadable);
        assert!(
            error
                .to_string()
                .starts_with(&format!("Switchboard couldn't read {}: ", missing.display())),
            "{error}"
        );
    }

    #[test]
    fn results_cross_ipc_as_the_ui_reads_them() {
        let imported = parse("email,role\na@example.com,admin\nb@,\n");
        assert_eq!(
            serde_json::to_value(&imported).unwrap(),
            serde_json::json!({
                "header": true,
                "ignoredColumns": [],
                "rows": [
                    {"status": "parsed", "line": 2, "invitee": {
                        "email": "a@example.com", "name": null, "role": "admin", "groups": [], "numbers": []
                    }},
                    {"status": "rejected", "line": 3, "problems": ["line 3: “b@” isn't an email address"]},
                ],
            })
        );
    }
}
