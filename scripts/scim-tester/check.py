"""Runs scim2-tester's checks against a running server's /scim/v2, for scripts/scim-tester.sh.

Signs in as the owner (SWITCHBOARD_SCIM_TESTER_EMAIL / _PASSWORD at SWITCHBOARD_SCIM_TESTER_URL), creates a
provisioning token the way an owner does before pasting it into an identity provider, and hands scim2-tester
a client carrying that token. Prints every check's result, the skipped ones with their reason, and exits 1
when any check failed or when the checks could not reach the resources at all.
"""

import os
import sys
import uuid

import httpx2
import scim2_tester.checkers.patch_add
import scim2_tester.checkers.patch_replace
import scim2_tester.filling
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

# What the RFCs require (MUST) or what breaks the protocol; DEVIATION (a SHOULD not followed) counts too,
# since the server is ours to fix.
FAILED = {Status.ERROR, Status.CRITICAL, Status.DEVIATION}


def _email_user_names():
    """The server takes a userName only when it is an email address (it is the member's sign-in email);
    scim2-tester fills userName with a bare random UUID, which any such service provider refuses with
    400. Every value it generates for userName, when creating, replacing or patching, is made an address
    instead; everything else it generates is left as it is."""
    generate = scim2_tester.filling.generate_random_value

    def generate_random_value(context, path, mutability=None, required=None):
        value = generate(context, path=path, mutability=mutability, required=required)
        if value is not None and str(path).lower().endswith("username"):
            return f"{uuid.uuid4()}@scim-tester.example.com"
        return value

    # Each checker module bound the function by name when it was imported.
    for module in (scim2_tester.filling, scim2_tester.checkers.patch_add, scim2_tester.checkers.patch_replace):
        module.generate_random_value = generate_random_value


def _provisioning_token(base: str, email: str, password: str) -> str:
    with httpx2.Client(base_url=base, timeout=30) as http:
        session = http.post("/v1/auth/sessions", json={"email": email, "password": password})
        session.raise_for_status()
        created = http.post(
            "/v1/provisioning/tokens",
            json={"name": "scim2-tester"},
            headers={
                "Authorization": f"Bearer {session.json()['access_token']}",
                "Idempotency-Key": str(uuid.uuid4()),
            },
        )
        if created.status_code != 201:
            sys.exit(f"check.py: POST /v1/provisioning/tokens answered {created.status_code}: {created.text}")
        return created.json()["token"]


def _line(result) -> str:
    where = result.resource_type or "-"
    reason = (result.reason or "").replace("\n", " ")
    return f"{result.status.name:<10} {where:<6} {result.title}: {reason}".rstrip(": ")


def main() -> int:
    base = os.environ["SWITCHBOARD_SCIM_TESTER_URL"]
    label = os.environ.get("SWITCHBOARD_SCIM_TESTER_LABEL", base)
    token = _provisioning_token(
        base, os.environ["SWITCHBOARD_SCIM_TESTER_EMAIL"], os.environ["SWITCHBOARD_SCIM_TESTER_PASSWORD"]
    )
    _email_user_names()
    http = httpx2.Client(base_url=f"{base}/scim/v2", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    results = check_server(SyncSCIMClient(http), raise_exceptions=False)

    print(f"scim2-tester on {label}: {len(results)} checks")
    for result in results:
        print(_line(result))
        if result.status in FAILED and result.data is not None:
            data = repr(result.data)
            print(f"           data: {data[:2000]}{'…' if len(data) > 2000 else ''}")

    failed = [r for r in results if r.status in FAILED]
    skipped = [r for r in results if r.status == Status.SKIPPED]
    # check_server stops after discovery when it cannot describe the server: no resource was exercised.
    exercised = any(r.resource_type for r in results)

    print(f"\nSkipped on {label} ({len(skipped)}):")
    for result in skipped:
        print(f"  {result.resource_type or '-'} {result.title}: {result.reason}")
    counts = {}
    for result in results:
        counts[result.status.name] = counts.get(result.status.name, 0) + 1
    print(f"\nscim2-tester on {label}: " + ", ".join(f"{n} {name.lower()}" for name, n in sorted(counts.items())))
    if not exercised:
        print("scim2-tester: discovery did not describe the server, so no User or Group check ran")
        return 1
    if failed:
        print(f"scim2-tester: {len(failed)} check(s) failed on {label}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
