#!/usr/bin/env bash
# The browser tests drive Debian's chromium (Playwright cannot download browsers here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "Browser tests need Debian's chromium: apt-get install chromium (as root)." >&2
  exit 1
fi
