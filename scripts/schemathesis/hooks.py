"""Schemathesis hooks for scripts/schemathesis.sh: authenticate as the seeded owner.

A fresh session is obtained by signing in (POST /v1/auth/sessions), not a fixed header, because the
fuzzer itself calls DELETE /v1/auth/sessions/current and would otherwise sign the rest of the run out.
Schemathesis re-runs `get` when a request comes back 401 (its default `retry_on`), which signs in again.
"""

import os
import random
import re
import threading
import uuid

import requests
import schemathesis


@schemathesis.auth()
class SwitchboardOwner:
    def get(self, case, context):
        response = requests.post(
            os.environ["SWITCHBOARD_SCHEMATHESIS_URL"] + "/v1/auth/sessions",
            json={
                "email": os.environ["SWITCHBOARD_SCHEMATHESIS_EMAIL"],
                "password": os.environ["SWITCHBOARD_SCHEMATHESIS_PASSWORD"],
            },
            timeout=30,
        )
        response.raise_for_status()
        return response.json()["access_token"]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


@schemathesis.hook("before_call")
def fresh_idempotency_keys(context, case, kwargs):
    """Give every creating POST a fresh Idempotency-Key, as a correct client does for each intended
    creation. Generated keys repeat across cases with different bodies, which the contract answers with
    422 `idempotency_key_reused` (replay semantics are tested in tests/tcp.rs and tests/races.rs).
    A key that is invalid on purpose (empty, too long) is left alone."""
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key":
            value = headers[name]
            if isinstance(value, str) and 1 <= len(value.strip()) <= 255:
                headers[name] = str(uuid.uuid4())


# Cursors are opaque: a correct client sends back only a `next_cursor` the server gave it, for the same
# list, and a made-up one is rightly 400 `invalid_cursor` (tests/tcp.rs checks that). A cursor also only
# continues the order and filters it was issued for (GET /v1/members?sort=&order=&q=&role=…: another sort
# or filter is 400 `invalid_cursor` too, see tests/routes.rs). So generated cursors are swapped for ones
# this run was actually given for the same path and the same query apart from cursor and limit, or
# dropped when there is none yet.
_cursors: dict[tuple, list[str]] = {}
_cursors_lock = threading.Lock()


def _list_key(case) -> tuple:
    query = case.query or {}
    rest = sorted((name, repr(value)) for name, value in query.items() if name not in ("cursor", "limit"))
    return (case.path, tuple(rest))


@schemathesis.hook("after_call")
def remember_cursors(context, case, response):
    if case.method.upper() != "GET" or response.status_code != 200:
        return
    try:
        cursor = response.json().get("next_cursor")
    except Exception:
        return
    if isinstance(cursor, str) and cursor:
        with _cursors_lock:
            _cursors.setdefault(_list_key(case), []).append(cursor)


@schemathesis.hook("before_call")
def use_issued_cursors(context, case, kwargs):
    query = case.query or {}
    cursor = query.get("cursor")
    # Empty or malformed ones (a negative test of the parameter) are left alone.
    if not isinstance(cursor, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", cursor):
        return
    with _cursors_lock:
        issued = list(_cursors.get(_list_key(case), []))
    if cursor in issued:
        return
    if issued:
        query["cursor"] = random.choice(issued)
    else:
        del query["cursor"]


@schemathesis.hook("before_call")
def divert_somewhere(context, case, kwargs):
    """Diverting reserve numbers needs a number to divert to, sent with it or already stored: a rule across
    two fields and the stored configuration that the document cannot state (the server answers 422
    `validation_failed` on `divert_to` without one, as tests/routes.rs checks). A generated
    PATCH /v1/configuration that diverts without saying where gets a number; every other field stays
    as generated."""
    if case.method.upper() != "PATCH" or case.path != "/v1/configuration":
        return
    body = case.body
    if isinstance(body, dict) and body.get("unassigned_numbers") == "divert" and not body.get("divert_to"):
        body["divert_to"] = "+6495550100"
