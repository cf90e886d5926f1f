#!/usr/bin/env python3
"""The JWT flow ("Authentication: JWT Tokens vs. API Keys") with requests: log in, use the access token, refresh it,
use the new one, log out. See examples/README.md for the environment variables."""
import os
import sys

import requests

BASE = os.environ.get("CLARIBI_URL", "https://localhost:8443")
CA = os.environ.get("CLARIBI_CA_FILE", "data/tls/cert.pem")


def main():
    # Login: an access token (1 hour) and a refresh token (7 days).
    response = requests.post(f"{BASE}/api/auth/login/", verify=CA, timeout=30, json={
        "email": os.environ["CLARIBI_EMAIL"],
        "password": os.environ["CLARIBI_PASSWORD"],
    })
    response.raise_for_status()
    tokens = response.json()
    access_token = tokens["access"]
    refresh_token = tokens["refresh"]
    print("Signed in: access and refresh tokens")

    # Make requests.
    headers = {"Authorization": f"Bearer {access_token}"}
    dashboards = requests.get(f"{BASE}/api/dashboards/", headers=headers, verify=CA, timeout=30)
    dashboards.raise_for_status()
    print(f"Dashboards: {dashboards.json()['count']}")

    # Refresh when needed (a 401 token_expired, or shortly before "exp"): the refresh token stays the same.
    response = requests.post(f"{BASE}/api/auth/token/refresh/", json={"refresh": refresh_token}, verify=CA, timeout=30)
    response.raise_for_status()
    new_access = response.json()["access"]
    print("Refreshed the access token")
    headers = {"Authorization": f"Bearer {new_access}"}
    dashboards = requests.get(f"{BASE}/api/dashboards/", headers=headers, verify=CA, timeout=30)
    dashboards.raise_for_status()
    print(f"Dashboards with the new token: {dashboards.json()['count']}")

    # Log out: the session's refresh token and its access tokens stop working.
    requests.post(f"{BASE}/api/auth/logout/", json={"refresh": refresh_token}, verify=CA,
                  timeout=30).raise_for_status()
    refused = requests.post(f"{BASE}/api/auth/token/refresh/", json={"refresh": refresh_token}, verify=CA, timeout=30)
    print(f"Signed out; the refresh token is refused: {refused.status_code} {refused.json()['error']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
