#!/bin/sh
# Installs the Debian packages the tests need, each only when missing (one apt-get update for all):
#   chromium (+ a font): the browser tests drive it through playwright-core, which ships no browser;
#   bubblewrap: the console's query processes run in its namespaces (README, "The Cypher console").
set -eu
missing=""
if [ -x /usr/bin/chromium ]; then echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"; else missing="$missing chromium fonts-dejavu-core"; fi
if command -v bwrap >/dev/null 2>&1; then echo "bubblewrap already installed: $(bwrap --version)"; else missing="$missing bubblewrap"; fi
[ -n "$missing" ] || exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# shellcheck disable=SC2086 # word splitting of the package list is intended
$SUDO apt-get install -y --no-install-recommends $missing
/usr/bin/chromium --version
bwrap --version
