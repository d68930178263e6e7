#!/usr/bin/env bash
# Everything ita-report needs on a fresh Debian/Ubuntu machine, idempotent:
# Chromium (to print) and poppler-utils (to check PDFs in tests) from the
# distribution, the npm packages from package-lock.json, and the compiled CLI.
# Nothing downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
   && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  need_pkgs+=(chromium)
fi
command -v pdftotext >/dev/null 2>&1 || need_pkgs+=(poppler-utils)

if [ "${#need_pkgs[@]}" -gt 0 ]; then
  echo "setup: installing ${need_pkgs[*]} with apt-get"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root to install ${need_pkgs[*]}; run: sudo apt-get install -y ${need_pkgs[*]}" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# Reinstall npm packages only when the lock file changed since the last install.
stamp=node_modules/.package-lock.stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

npm run --silent build
