#!/usr/bin/env bash
# Installs the system packages aesreport needs on Debian/Ubuntu (Swift itself must already be installed).
# Does nothing when everything is present; uses sudo when not run as root.
set -euo pipefail
packages=(pkg-config libcairo2-dev libpango1.0-dev zlib1g-dev fonts-dejavu-core fonts-wqy-microhei)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
