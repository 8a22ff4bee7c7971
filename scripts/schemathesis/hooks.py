"""Schemathesis hooks for scripts/schemathesis.sh: authenticate as the seeded owner.

A fresh session is obtained by signing in (POST /v1/auth/sessions), not a fixed header, because the
fuzzer itself calls DELETE /v1/auth/sessions/current and would otherwise sign the rest of the run out.
Schemathesis re-runs `get` when a request comes back 401 (its default `retry_on`), which signs in again.
"""

import os

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
