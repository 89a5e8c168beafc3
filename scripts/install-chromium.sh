#!/usr/bin/env bash
# Install Debian's chromium so that the headless-browser test of the web page
# (`the_page_works_in_a_headless_browser` in crates/cli/tests/serve.rs) runs
# instead of being skipped. Roughly 100-300 MB of packages, a minute or two; needs root (or sudo).
# Optional: without chromium that test prints "skipped" and passes.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    echo "chromium is already installed: $(command -v chromium)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
