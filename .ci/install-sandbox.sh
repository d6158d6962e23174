#!/bin/sh
# Installs Debian's bubblewrap: the console's query processes run in its namespaces (see README,
# "The Cypher console"), and the sandbox tests expect it. Idempotent: does nothing when bwrap exists.
set -eu
if command -v bwrap >/dev/null 2>&1; then
  echo "bubblewrap already installed: $(bwrap --version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends bubblewrap
bwrap --version
