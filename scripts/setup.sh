#!/usr/bin/env bash
# Everything ita-report needs on a fresh Debian/Ubuntu machine, idempotent:
# Chromium and its headless shell (to print) and poppler-utils (to check PDFs in tests) from the
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

if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
export DEBIAN_FRONTEND=noninteractive

if [ "${#need_pkgs[@]}" -gt 0 ]; then
  if [ "$SUDO" = none ]; then
    echo "setup: need root to install ${need_pkgs[*]}; run: sudo apt-get install -y ${need_pkgs[*]}" >&2; exit 1
  fi
  echo "setup: installing ${need_pkgs[*]} with apt-get"
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

# Chromium's headless shell prints the same pages as the full browser with less memory
# (src/print/browser.ts); ita-report uses it when it is there. Debian packages it (bookworm
# and later); where apt does not know it (Ubuntu, other systems) the full browser prints.
# Tried once per install of the npm packages (the stamp goes with node_modules), since
# finding out may take an apt-get update.
shell_stamp=node_modules/.headless-shell-checked
if [ ! -f "$shell_stamp" ] && [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ] \
   && ! command -v chromium-headless-shell >/dev/null 2>&1 && ! command -v chrome-headless-shell >/dev/null 2>&1 \
   && command -v apt-get >/dev/null 2>&1; then
  if [ "$SUDO" = "" ] || { [ "$SUDO" = sudo ] && sudo -n true 2>/dev/null; }; then
    apt-cache show chromium-headless-shell >/dev/null 2>&1 || $SUDO apt-get update -qq || true
    if apt-cache show chromium-headless-shell >/dev/null 2>&1; then
      echo "setup: installing chromium-headless-shell with apt-get (prints with less memory)"
      $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null \
        || echo "setup: chromium-headless-shell was not installed; the full browser prints" >&2
    fi
  else
    echo "setup: optional: sudo apt-get install chromium-headless-shell (prints with less memory)" >&2
  fi
  touch "$shell_stamp"
fi
