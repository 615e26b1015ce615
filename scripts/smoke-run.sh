#!/usr/bin/env bash
# Start web, worker and beat as `make run` does (Procfile.dev) on a free port, wait until the
# site answers, check /health/ and the login page, and stop everything again.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${HUB_SMOKE_PORT:-8765}"
log="$(mktemp)"
HUB_PORT="$port" .venv/bin/honcho start -f Procfile.dev >"$log" 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/health/" >/dev/null 2>&1; then break; fi
  sleep 1
done
if ! curl -fsS "http://127.0.0.1:$port/health/"; then
  echo "The site did not become healthy; its output:"; cat "$log"; exit 1
fi
echo
curl -fsS -o /dev/null -w "login page: %{http_code}\n" "http://127.0.0.1:$port/en/accounts/login/"
