-- user_version 8
-- index cases_group_slot
CREATE INDEX cases_group_slot ON cases (group_id, slot);
-- index cases_ref
CREATE INDEX cases_ref ON cases (ref);
-- index cases_session_date
CREATE INDEX cases_session_date ON cases (session_date);
-- index cases_waitlist
CREATE UNIQUE INDEX cases_waitlist ON cases (slot, waitlist) WHERE waitlist IS NOT NULL;
-- index cases_waitlist_group
CREATE INDEX cases_waitlist_group ON cases (slot, group_id, waitlist) WHERE waitlist IS NOT NULL;
-- table audit
CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            command TEXT NOT NULL,
            ref TEXT,
            slot TEXT,
            fields TEXT NOT NULL DEFAULT '[]',
            count INTEGER,
            detail TEXT NOT NULL DEFAULT ''
        , group_id TEXT NOT NULL DEFAULT '', actor TEXT NOT NULL DEFAULT '');
-- table cases
CREATE TABLE "cases" (
            id INTEGER PRIMARY KEY,
            ref TEXT NOT NULL CHECK (length(ref) BETWEEN 1 AND 64),
            slot TEXT NOT NULL,
            session_date TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('booked', 'documents_received',
                'discussed', 'statement_delivered', 'withdrawn')),
            waitlist INTEGER CHECK (waitlist IS NULL OR (waitlist > 0 AND status != 'withdrawn')),
            worker_name TEXT NOT NULL,
            worker_email TEXT NOT NULL,
            worker_phone TEXT NOT NULL DEFAULT '',
            municipality TEXT NOT NULL,
            matter TEXT NOT NULL,
            expertise TEXT NOT NULL DEFAULT '[]',
            documents_received TEXT,
            late_reason TEXT NOT NULL DEFAULT '',
            withdrawn_reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            statement_delivered TEXT,
            documents TEXT NOT NULL DEFAULT '[]',
            group_id TEXT NOT NULL DEFAULT '',
            UNIQUE (group_id, slot, ref)
        );
-- table experts
CREATE TABLE experts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
            title TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            areas TEXT NOT NULL DEFAULT '[]',
            removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
-- table questions
CREATE TABLE "questions" (
            case_id INTEGER NOT NULL REFERENCES "cases" (id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
            PRIMARY KEY (case_id, position)
        ) WITHOUT ROWID;
-- table sent
CREATE TABLE sent (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            slot TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            recipients INTEGER NOT NULL
        , fingerprint TEXT NOT NULL DEFAULT '', sequence INTEGER);
-- table session_experts
CREATE TABLE session_experts (
            slot TEXT NOT NULL,
            expert_id INTEGER NOT NULL REFERENCES experts (id) ON DELETE RESTRICT,
            PRIMARY KEY (slot, expert_id)
        ) WITHOUT ROWID;
-- table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);
-- trigger audit_no_delete
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
-- trigger audit_no_update
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
