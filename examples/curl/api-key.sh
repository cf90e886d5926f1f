#!/usr/bin/env bash
# The API-key flow ("Authentication: JWT Tokens vs. API Keys") with curl and jq: every request carries X-API-Key. With
# CLARIBI_API_KEY unset, the script signs in, creates a read-only key for itself and revokes it at the end. See
# examples/README.md for the environment variables.
set -euo pipefail
BASE="${CLARIBI_URL:-https://localhost:8443}"
CA="${CLARIBI_CA_FILE:-data/tls/cert.pem}"
CURL=(curl -sS --cacert "$CA" --retry 3)

API_KEY="${CLARIBI_API_KEY:-}"
if [ -z "$API_KEY" ]; then
  : "${CLARIBI_EMAIL:?set CLARIBI_API_KEY, or CLARIBI_EMAIL and CLARIBI_PASSWORD to create a key}"
  : "${CLARIBI_PASSWORD:?set CLARIBI_PASSWORD}"
  ACCESS=$("${CURL[@]}" --fail-with-body -X POST "$BASE/api/auth/login/" \
    -H "Content-Type: application/json" \
    -d "$(jq -n --arg email "$CLARIBI_EMAIL" --arg password "$CLARIBI_PASSWORD" '{email: $email, password: $password}')" \
    | jq -r '.access')
  # Keys are managed from a session; the secret ("key") is shown in this answer only.
  created=$("${CURL[@]}" --fail-with-body -X POST "$BASE/api/api-keys/" \
    -H "Authorization: Bearer $ACCESS" -H "Content-Type: application/json" \
    -d '{"name": "examples/curl/api-key.sh", "scope": "read_only"}')
  API_KEY=$(jq -r '.key' <<<"$created")
  KEY_ID=$(jq -r '.id' <<<"$created")
  echo "Created a read-only API key $(jq -r '.prefix' <<<"$created")..."
  revoke() {
    "${CURL[@]}" --fail-with-body -o /dev/null -X POST -H "Authorization: Bearer $ACCESS" \
      "$BASE/api/api-keys/$KEY_ID/revoke/" && echo "Revoked the example's key"
  }
  trap revoke EXIT
fi

"${CURL[@]}" --fail-with-body -H "X-API-Key: $API_KEY" "$BASE/api/auth/status/" \
  | jq -r '"Authenticated by the API key as \(.user.email // .user.name)"'
"${CURL[@]}" --fail-with-body -H "X-API-Key: $API_KEY" "$BASE/api/reports/" | jq -r '"Reports: \(.count)"'

if [ -n "${KEY_ID:-}" ]; then
  # A read-only key cannot write: 403 permission_denied.
  response=$("${CURL[@]}" -w '\n%{http_code}' -X POST -H "X-API-Key: $API_KEY" -H "Content-Type: application/json" \
    -d '{"name": "not allowed"}' "$BASE/api/dashboards/")
  jq -r --arg status "${response##*$'\n'}" '"Writing with a read-only key: \($status) \(.error)"' <<<"${response%$'\n'*}"
fi
