#!/usr/bin/env bash
# The JWT flow ("Authentication: JWT Tokens vs. API Keys") with curl and jq: log in, use the access token, refresh it,
# use the new one, log out. See examples/README.md for the environment variables.
set -euo pipefail
BASE="${CLARIBI_URL:-https://localhost:8443}"
CA="${CLARIBI_CA_FILE:-data/tls/cert.pem}"
: "${CLARIBI_EMAIL:?set CLARIBI_EMAIL}" "${CLARIBI_PASSWORD:?set CLARIBI_PASSWORD}"
CURL=(curl -sS --cacert "$CA" --retry 3)

# Login: an access token (1 hour) and a refresh token (7 days).
tokens=$("${CURL[@]}" --fail-with-body -X POST "$BASE/api/auth/login/" \
  -H "Content-Type: application/json" \
  -d "$(jq -n --arg email "$CLARIBI_EMAIL" --arg password "$CLARIBI_PASSWORD" '{email: $email, password: $password}')")
ACCESS=$(jq -r '.access' <<<"$tokens")
REFRESH=$(jq -r '.refresh' <<<"$tokens")
echo "Signed in: access and refresh tokens"

# Use the access token.
"${CURL[@]}" --fail-with-body -H "Authorization: Bearer $ACCESS" "$BASE/api/dashboards/" | jq -r '"Dashboards: \(.count)"'

# Refresh when it expires (or shortly before): a new access token; the refresh token stays the same.
ACCESS=$("${CURL[@]}" --fail-with-body -X POST "$BASE/api/auth/token/refresh/" \
  -H "Content-Type: application/json" \
  -d "$(jq -n --arg refresh "$REFRESH" '{refresh: $refresh}')" | jq -r '.access')
echo "Refreshed the access token"
"${CURL[@]}" --fail-with-body -H "Authorization: Bearer $ACCESS" "$BASE/api/dashboards/" \
  | jq -r '"Dashboards with the new token: \(.count)"'

# Log out: the session's refresh token and its access tokens stop working.
"${CURL[@]}" --fail-with-body -X POST "$BASE/api/auth/logout/" \
  -H "Content-Type: application/json" -d "$(jq -n --arg refresh "$REFRESH" '{refresh: $refresh}')"
response=$("${CURL[@]}" -w '\n%{http_code}' -X POST "$BASE/api/auth/token/refresh/" \
  -H "Content-Type: application/json" -d "$(jq -n --arg refresh "$REFRESH" '{refresh: $refresh}')")
jq -r --arg status "${response##*$'\n'}" '"Signed out; the refresh token is refused: \($status) \(.error)"' \
  <<<"${response%$'\n'*}"
