#!/usr/bin/env bash
# examples/report/browsercheck.sh: render the progress report in headless
# Chromium, as a person would open it, and check what comes out.
#
#   bash examples/report/browsercheck.sh            # from the repository root
#   KEEP=1 bash examples/report/browsercheck.sh     # keep the HTML and PNG
#
# It installs Debian's chromium when it is missing, writes the report with
# `go run ./examples/report`, takes a 1280×2400 screenshot, fails on any
# console message or uncaught exception the page logs, checks the DOM
# Chromium built has the four charts, and runs TestScreenshotNotBlank on the
# PNG (enough distinct colours, not mostly background).
set -euo pipefail

cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "browsercheck: installing Debian's chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
echo "browsercheck: $(chromium --version 2>/dev/null)"

tmp=$(mktemp -d)
if [ -z "${KEEP:-}" ]; then
  trap 'rm -rf "$tmp"' EXIT
else
  echo "browsercheck: keeping $tmp"
fi

go run ./examples/report -o "$tmp/report.html"

# Everything Chromium needs, and nothing that reaches out: no background
# networking, updates, sync or first-run pages.
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
  --disable-sync --no-first-run --disable-quic --disable-dev-shm-usage --hide-scrollbars
  --user-data-dir="$tmp/profile" --window-size=1280,2400 --enable-logging=stderr --v=0)

status=0
timeout 120 chromium "${flags[@]}" --screenshot="$tmp/report.png" "file://$tmp/report.html" \
  >"$tmp/screenshot.out" 2>"$tmp/screenshot.err" || status=$?
timeout 120 chromium "${flags[@]}" --dump-dom "file://$tmp/report.html" \
  >"$tmp/dom.html" 2>"$tmp/dom.err" || status=$?
if [ "$status" -ne 0 ]; then
  echo "browsercheck: chromium exited with status $status"
  tail -n 20 "$tmp/screenshot.err" "$tmp/dom.err"
  exit 1
fi

# Console messages reach stderr as lines like
#   [..:INFO:CONSOLE:1] "Uncaught ReferenceError: x is not defined", source: file:///… (1)
# whatever their level (console.error("…") shows only its text), and a
# resource that failed to load as "Failed to load resource" / "net::ERR_".
# The page has no scripts, so any console message at all is a failure.
if grep -hE 'CONSOLE|Uncaught|Failed to load resource|net::ERR_' "$tmp/screenshot.err" "$tmp/dom.err"; then
  echo "browsercheck: the page logged console messages or failed loads (above)"
  exit 1
fi

[ -s "$tmp/report.png" ] || { echo "browsercheck: no screenshot written"; exit 1; }
charts=$(grep -o '<svg ' "$tmp/dom.html" | wc -l)
if [ "$charts" -ne 4 ]; then
  echo "browsercheck: the rendered DOM has $charts charts, want 4"
  exit 1
fi
echo "browsercheck: rendered $(wc -c <"$tmp/report.html") bytes of HTML, $charts charts, no console messages"

REPORT_PNG="$tmp/report.png" go test -run TestScreenshotNotBlank -count=1 -v ./examples/report | grep -E '^(---|ok|FAIL|PASS)|screenshot'
echo "browsercheck: passed"
