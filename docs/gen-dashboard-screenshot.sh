#!/usr/bin/env bash
# Regenerates docs/img/dashboard.png, the picture of the dashboard in docs/reports.md: renders
# `crm report all --format html` on a copy of examples/ at the docs' pinned moment, and takes a
# screenshot of the whole page, 1280 pixels wide, in headless Chromium.
#
# Usage: bash docs/gen-dashboard-screenshot.sh    (uses build/crm; set CRM_BIN to use another)
# Needs chromium (bash .ci/install-deps --test installs it). Review the picture before committing:
# a change of the page's layout or of examples/ shows up in it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
crm="${CRM_BIN:-$repo/build/crm}"
if [[ ! -x $crm ]]; then
  echo "gen-dashboard-screenshot.sh: no crm binary at $crm (build it with 'bash .ci/build')" >&2
  exit 2
fi
chromium="$(command -v chromium || true)"
if [[ -z $chromium ]]; then
  echo "gen-dashboard-screenshot.sh: chromium is missing; 'bash .ci/install-deps --test' installs it" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/examples" "$work/examples"
TZ=UTC NO_COLOR=1 CRM_USER=anna CRM_TODAY=2026-11-23T09:00:00+00:00 \
  "$crm" -C "$work/examples" report all --format html >"$work/dashboard.html"
mkdir -p "$repo/docs/img"
# chromium_page.py sizes the window to the page's full height before the screenshot, and fails
# on any console message or request the page makes.
/usr/bin/python3 "$repo/tests/e2e/chromium_page.py" --chromium "$chromium" --width 1280 \
  --screenshot "$repo/docs/img/dashboard.png" "$work/dashboard.html"
echo "wrote docs/img/dashboard.png"
