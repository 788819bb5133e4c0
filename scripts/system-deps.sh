#!/usr/bin/env bash
# Debian packages the tests need: a real Thai font to build test PDFs, LibreOffice to export
# them as office users do, and poppler's pdftotext, which the extractor comparison measures.
# Installs only what is missing.
set -euo pipefail
missing=()
[ -f /usr/share/fonts/truetype/tlwg/Garuda.ttf ] || missing+=(fonts-thai-tlwg)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
# LibreOffice exports PDFs the way office users make them; the PDF fidelity test reads one.
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
# Debian's Chromium for the web chat test (Playwright drives it; no browser is downloaded).
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
