#!/usr/bin/env bash
# Idempotent set-up of a development or CI machine (Debian): system packages
# (PostgreSQL server programs, make, python3-venv, CJK fonts) when missing,
# then a .venv with requirements.txt. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else echo "setup: need root (or sudo) to run: $*" >&2; exit 1
    fi
}

missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
    missing+=(postgresql)
fi
command -v make >/dev/null 2>&1 || missing+=(make)
# Debian's python3 lacks ensurepip (so venv cannot install pip) without python3-venv.
if [ ! -x .venv/bin/python ]; then
    probe=$(mktemp -d)
    python3 -m venv "$probe/venv" >/dev/null 2>&1 || missing+=(python3-venv)
    rm -rf "$probe"
fi
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
    missing+=(fonts-wqy-microhei)
fi
# PDF reports: headless Chromium prints them, pdftotext reads them back in tests,
# Noto CJK is the second font of the report CSS
if command -v dpkg >/dev/null 2>&1; then
    for package in chromium fonts-noto-cjk poppler-utils; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
fi
if [ ${#missing[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "setup: please install: ${missing[*]} (no apt-get on this machine)" >&2
        exit 1
    fi
    echo "setup: installing system packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/pip ]; then
    echo "setup: creating .venv"
    rm -rf .venv
    python3 -m venv .venv
fi
# Reinstall only when requirements.txt changed since the last successful install.
stamp=.venv/.requirements.sha256
wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "setup: installing Python requirements"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -r requirements.txt
    echo "$wanted" > "$stamp"
fi
# Web client front-end libraries (bootstrap, htmx, chart.js, sortablejs, icons),
# served from node_modules by addons/web: reinstall when package.json changed.
if [ -f package.json ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "setup: installing npm"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm
    fi
    npm_stamp=node_modules/.package.sha256
    npm_wanted=$(sha256sum package.json | cut -d' ' -f1)
    if [ ! -f "$npm_stamp" ] || [ "$(cat "$npm_stamp")" != "$npm_wanted" ]; then
        echo "setup: installing front-end packages (npm)"
        if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
        echo "$npm_wanted" > "$npm_stamp"
    fi
fi
echo "setup: done"
