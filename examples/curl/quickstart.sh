#!/usr/bin/env bash
# The Quick Start ("API Quick Start: Base URL, Auth, First Request") with curl and jq: sign in, check who you are,
# read a list, read an error. See examples/README.md for the environment variables.
set -euo pipefail
BASE="${CLARIBI_URL:-https://localhost:8443}"
CA="${CLARIBI_CA_FILE:-data/tls/cert.pem}"
: "${CLARIBI_EMAIL:?set CLARIBI_EMAIL}" "${CLARIBI_PASSWORD:?set CLARIBI_PASSWORD}"
# --retry honours Retry-After on 429 and 503 (curl 7.66 or newer).
CURL=(curl -sS --cacert "$CA" --retry 3)

# Step 1: get a token (jq builds the JSON, so any password is quoted right).
TOKEN=$("${CURL[@]}" --fail-with-body -X POST "$BASE/api/auth/login/" \
  -H "Content-Type: application/json" \
  -d "$(jq -n --arg email "$CLARIBI_EMAIL" --arg password "$CLARIBI_PASSWORD" '{email: $email, password: $password}')" \
  | jq -r '.access')

# Step 2: make an authenticated request.
"${CURL[@]}" --fail-with-body -H "Authorization: Bearer $TOKEN" "$BASE/api/auth/status/" \
  | jq -r '"Signed in as \(.user.email) (\(.user.role)) of \(.organization.name)"'

# A list: {"count", "next", "previous", "results"}, 20 a page unless page_size says otherwise (at most 100).
"${CURL[@]}" --fail-with-body -H "Authorization: Bearer $TOKEN" "$BASE/api/dashboards/?page_size=5" \
  | jq -r '"Dashboards: \(.count)", (.results[] | "  \(.id) \(.name)")'

# An error: a status code and {"error", "message", "detail"}.
response=$("${CURL[@]}" -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/dashboards/999999999/")
status="${response##*$'\n'}"
jq -r --arg status "$status" '"GET /api/dashboards/999999999/: \($status) \(.error) (\(.detail))"' <<<"${response%$'\n'*}"
