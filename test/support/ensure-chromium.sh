#!/usr/bin/env bash
# Run by `make test` before the tests: the browser tests drive Debian's chromium through
# playwright-core (no browser download is possible here). Installs chromium with apt-get when it
# is missing and this is Debian run as root; otherwise says clearly that browser tests are skipped.
set -u
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests (apt-get, about 350 MB)"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y --no-install-recommends chromium >/tmp/qantar-apt.log 2>&1 ||
    { apt-get update >>/tmp/qantar-apt.log 2>&1 && apt-get install -y --no-install-recommends chromium >>/tmp/qantar-apt.log 2>&1; }; then
    echo "chromium installed: $(command -v chromium)"
    exit 0
  fi
  echo "WARNING: installing chromium failed (see /tmp/qantar-apt.log); browser tests will be skipped" >&2
  exit 0
fi
echo "WARNING: chromium is not installed and cannot be installed here (needs root on Debian: apt-get install chromium); browser tests will be skipped" >&2
