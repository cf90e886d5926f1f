#!/usr/bin/env python3
"""The API-key flow ("Authentication: JWT Tokens vs. API Keys") with requests: every request carries X-API-Key. With
CLARIBI_API_KEY unset, the script signs in, creates a read-only key for itself and revokes it at the end. See
examples/README.md for the environment variables."""
import os
import sys

import requests

BASE = os.environ.get("CLARIBI_URL", "https://localhost:8443")
CA = os.environ.get("CLARIBI_CA_FILE", "data/tls/cert.pem")


def main():
    api_key = os.environ.get("CLARIBI_API_KEY")  # from the environment, never in the code
    session_headers = None
    key_id = None
    if not api_key:
        login = requests.post(f"{BASE}/api/auth/login/", verify=CA, timeout=30, json={
            "email": os.environ["CLARIBI_EMAIL"],
            "password": os.environ["CLARIBI_PASSWORD"],
        })
        login.raise_for_status()
        session_headers = {"Authorization": f"Bearer {login.json()['access']}"}
        # Keys are managed from a session; the secret ("key") is shown in this answer only.
        created = requests.post(f"{BASE}/api/api-keys/", headers=session_headers, verify=CA, timeout=30,
                                json={"name": "examples/python/api_key.py", "scope": "read_only"})
        created.raise_for_status()
        api_key, key_id = created.json()["key"], created.json()["id"]
        print(f"Created a read-only API key {created.json()['prefix']}...")
    try:
        headers = {"X-API-Key": api_key}
        status = requests.get(f"{BASE}/api/auth/status/", headers=headers, verify=CA, timeout=30)
        status.raise_for_status()
        user = status.json()["user"]
        print(f"Authenticated by the API key as {user['email'] or user['name']}")
        reports = requests.get(f"{BASE}/api/reports/", headers=headers, verify=CA, timeout=30)
        reports.raise_for_status()
        print(f"Reports: {reports.json()['count']}")
        if key_id is not None:
            # A read-only key cannot write: 403 permission_denied.
            refused = requests.post(f"{BASE}/api/dashboards/", headers=headers, json={"name": "not allowed"},
                                    verify=CA, timeout=30)
            print(f"Writing with a read-only key: {refused.status_code} {refused.json()['error']}")
    finally:
        if key_id is not None:
            requests.post(f"{BASE}/api/api-keys/{key_id}/revoke/", headers=session_headers, verify=CA,
                          timeout=30).raise_for_status()
            print("Revoked the example's key")
    return 0


if __name__ == "__main__":
    sys.exit(main())
