-- Member search (`GET /v1/members?q=`) without reading every member: a trigram full-text index of each
-- member's name, email and phone numbers. FTS5's trigram tokenizer answers a quoted query as a
-- substring match, case-insensitively: what `LIKE '%q%'` did with a scan.
--
-- The index's rowids come from member_search_ids, whose INTEGER PRIMARY KEY no VACUUM renumbers (the
-- members table's own rowid could be), and triggers keep both in step with members and their numbers.

CREATE TABLE member_search_ids (
    rowid INTEGER PRIMARY KEY,
    member_id TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE member_search USING fts5(name, email, numbers, tokenize = 'trigram');

-- The phone numbers of a member, as the index holds them: E.164, space-separated.
CREATE VIEW member_search_numbers AS
    SELECT a.principal_id AS member_id, group_concat(n.e164, ' ') AS numbers
    FROM number_assignees a JOIN numbers n ON n.id = a.number_id
    GROUP BY a.principal_id;

INSERT INTO member_search_ids (member_id) SELECT id FROM members;
INSERT INTO member_search (rowid, name, email, numbers)
    SELECT s.rowid, m.name, m.email, COALESCE(n.numbers, '')
    FROM member_search_ids s JOIN members m ON m.id = s.member_id
    LEFT JOIN member_search_numbers n ON n.member_id = m.id;

CREATE TRIGGER member_search_insert AFTER INSERT ON members BEGIN
    INSERT INTO member_search_ids (member_id) VALUES (new.id);
    INSERT INTO member_search (rowid, name, email, numbers)
        VALUES ((SELECT rowid FROM member_search_ids WHERE member_id = new.id), new.name, new.email, '');
END;

CREATE TRIGGER member_search_update AFTER UPDATE OF name, email ON members BEGIN
    UPDATE member_search SET name = new.name, email = new.email
        WHERE rowid = (SELECT rowid FROM member_search_ids WHERE member_id = new.id);
END;

CREATE TRIGGER member_search_delete AFTER DELETE ON members BEGIN
    DELETE FROM member_search WHERE rowid = (SELECT rowid FROM member_search_ids WHERE member_id = old.id);
    DELETE FROM member_search_ids WHERE member_id = old.id;
END;

-- A principal that is an invitation has no row in member_search_ids: these change nothing for it.
CREATE TRIGGER member_search_number_added AFTER INSERT ON number_assignees BEGIN
    UPDATE member_search SET numbers = COALESCE(
        (SELECT numbers FROM member_search_numbers WHERE member_id = new.principal_id), '')
        WHERE rowid = (SELECT rowid FROM member_search_ids WHERE member_id = new.principal_id);
END;

CREATE TRIGGER member_search_number_removed AFTER DELETE ON number_assignees BEGIN
    UPDATE member_search SET numbers = COALESCE(
        (SELECT numbers FROM member_search_numbers WHERE member_id = old.principal_id), '')
        WHERE rowid = (SELECT rowid FROM member_search_ids WHERE member_id = old.principal_id);
END;

-- An accepted invitation's numbers move to the new member.
CREATE TRIGGER member_search_number_moved AFTER UPDATE OF principal_id ON number_assignees BEGIN
    UPDATE member_search SET numbers = COALESCE(
        (SELECT numbers FROM member_search_numbers WHERE member_id = new.principal_id), '')
        WHERE rowid = (SELECT rowid FROM member_search_ids WHERE member_id = new.principal_id);
    UPDATE member_search SET numbers = COALESCE(
        (SELECT numbers FROM member_search_numbers WHERE member_id = old.principal_id), '')
        WHERE rowid = (SELECT rowid FROM member_search_ids WHERE member_id = old.principal_id);
END;
