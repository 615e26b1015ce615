#!/usr/bin/env bash
# Install the Debian packages the project needs, if any is missing.
#   scripts/system-deps.sh run    what `make run` needs: gettext (compilemessages), npm (the
#                                 front-end packages) and the Noto fonts (the demo PDFs are
#                                 drawn with them, Arabic included) and Pango (certificates)
#   scripts/system-deps.sh test   the same, and Chromium for the browser tests
set -euo pipefail
mode="${1:-test}"
need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v npm >/dev/null 2>&1 || need+=(npm)
[ -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ] || need+=(fonts-noto-core)
# Pango (with HarfBuzz) lays out the certificates WeasyPrint draws, Arabic shaping included.
ldconfig -p | grep -q "libpangoft2-1.0.so.0" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "$mode" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
