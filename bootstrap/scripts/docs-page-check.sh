#!/usr/bin/env bash
# Renders the API reference page (GET /docs) of a `creditline dev` service in headless Chromium,
# checks that Swagger UI drew the operations and the Authorize button, and writes the screenshot
# docs/images/api-reference.png. Not part of ./mvnw verify (CI has no browser unless installed).
#
#   ./mvnw -q -DskipTests package && bootstrap/scripts/docs-page-check.sh
#
# Exit 0 on success (or "SKIP" when no Chromium is installed: apt-get install -y chromium), 1 on failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
chrome=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$chrome" ]; then echo "SKIP: no Chromium found (apt-get install -y chromium, or set CHROMIUM)"; exit 0; fi
jar=$root/bootstrap/target/creditline.jar
[ -f "$jar" ] || { echo "FAIL: $jar missing: run ./mvnw -q -DskipTests package first"; exit 1; }

work=$(mktemp -d)
pid=
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

env -u DATABASE_URL -u HOST DATA_DIR="$work/data" PORT=0 LOG_FORMAT=text java -jar "$jar" dev > "$work/out.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q '^====$' "$work/out.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/out.log"; echo "FAIL: creditline dev exited"; exit 1; }
  sleep 0.2
done
url=$(sed -n 's/^export CREDITLINE_URL=//p' "$work/out.log")
[ -n "$url" ] || { cat "$work/out.log"; echo "FAIL: no dev-mode block"; exit 1; }
echo "service: $url"

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$work/chrome"
       --window-size=1280,1100 --virtual-time-budget=20000)
operations=0
for attempt in 1 2 3; do   # a loaded machine may need more than one virtual-time budget
  "$chrome" "${flags[@]}" --dump-dom "$url/docs" > "$work/dom.html" 2> "$work/chrome.log" || true
  operations=$(grep -o 'class="opblock opblock-' "$work/dom.html" | wc -l || true)
  [ "$operations" -ge 20 ] && break
done
authorize=$(grep -c 'btn authorize' "$work/dom.html" || true)
title=$(grep -o 'Creditline API' "$work/dom.html" | head -1 || true)
echo "rendered: title '$title', $operations operations, authorize button: $([ "$authorize" -gt 0 ] && echo yes || echo no)"
[ "$operations" -ge 20 ] || { grep -v dbus "$work/chrome.log" | tail -20; echo "FAIL: Swagger UI rendered $operations operations"; exit 1; }
[ "$authorize" -gt 0 ] || { echo "FAIL: no Authorize button"; exit 1; }
[ -n "$title" ] || { echo "FAIL: the document's title is not on the page"; exit 1; }

mkdir -p "$root/docs/images"
"$chrome" "${flags[@]}" --screenshot="$root/docs/images/api-reference.png" "$url/docs" 2>> "$work/chrome.log"
[ -s "$root/docs/images/api-reference.png" ] || { echo "FAIL: no screenshot"; exit 1; }
echo "PASS: screenshot docs/images/api-reference.png ($(stat -c %s "$root/docs/images/api-reference.png") bytes)"
