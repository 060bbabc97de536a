#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the window tests (Playwright
# drives it through executablePath; no browser is downloaded).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ] && "$CHROMIUM" --version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $CHROMIUM is missing and this is not root: install Debian's chromium package, or set CHROMIUM_PATH" >&2
  exit 1
fi
echo "ensure-chromium: installing chromium from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
"$CHROMIUM" --version >/dev/null
