#!/usr/bin/env bash
# Headless Chromium and its WebDriver for the browser tests (tests/test_web_browser.py). Idempotent: does nothing
# when /usr/bin/chromium and /usr/bin/chromedriver exist; else installs Debian's `chromium` and `chromium-driver`
# packages when root (or passwordless sudo) is available, and otherwise only prints a note (the tests then skip).
set -euo pipefail

say() { echo "browser.sh: $*" >&2; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
else
    say "chromium/chromedriver missing and installing them needs root; the browser tests will be skipped"
    exit 0
fi
say "installing chromium and chromium-driver (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2
