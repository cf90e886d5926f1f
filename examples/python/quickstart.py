#!/usr/bin/env python3
"""The Quick Start ("API Quick Start: Base URL, Auth, First Request") with requests: sign in, check who you are, read
a list, read an error. See examples/README.md for the environment variables."""
import os
import sys
import time

import requests

BASE = os.environ.get("CLARIBI_URL", "https://localhost:8443")
# The server's certificate (bin/claribi generates data/tls/cert.pem). Given to each request: a Session's verify would
# lose to REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE in the environment.
CA = os.environ.get("CLARIBI_CA_FILE", "data/tls/cert.pem")


def call(session, method, path, **kwargs):
    """One request; on 429 or 503 waits Retry-After (at most 3 times, 30 s each) and sends it again."""
    for _ in range(3):
        response = session.request(method, BASE + path, verify=CA, timeout=30, **kwargs)
        if response.status_code not in (429, 503) or "Retry-After" not in response.headers:
            return response
        time.sleep(min(int(response.headers["Retry-After"]), 30))
    return session.request(method, BASE + path, verify=CA, timeout=30, **kwargs)


def main():
    session = requests.Session()

    # Step 1: get a token.
    response = call(session, "POST", "/api/auth/login/",
                    json={"email": os.environ["CLARIBI_EMAIL"], "password": os.environ["CLARIBI_PASSWORD"]})
    response.raise_for_status()
    session.headers["Authorization"] = "Bearer " + response.json()["access"]

    # Step 2: make an authenticated request.
    status = call(session, "GET", "/api/auth/status/").json()
    print(f"Signed in as {status['user']['email']} ({status['user']['role']}) of {status['organization']['name']}")

    # A list: count, next, previous, results; 20 a page unless page_size says otherwise (at most 100).
    page = call(session, "GET", "/api/dashboards/", params={"page_size": 5}).json()
    print(f"Dashboards: {page['count']}")
    for dashboard in page["results"]:
        print(f"  {dashboard['id']} {dashboard['name']}")

    # An error: a status code and {"error", "message", "detail"}.
    response = call(session, "GET", "/api/dashboards/999999999/")
    error = response.json()
    print(f"GET /api/dashboards/999999999/: {response.status_code} {error['error']} ({error['detail']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
