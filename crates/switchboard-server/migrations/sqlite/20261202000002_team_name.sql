-- The team's name, set by an admin in Configuration; the app names the workspace after it. NULL until
-- then, when the app falls back to the server's host.
ALTER TABLE configuration ADD COLUMN team_name TEXT;
