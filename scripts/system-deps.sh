#!/bin/sh
# Debian packages the project needs, installed only when missing.
#   build: ICU headers and a C++ compiler for PyICU (Thai word breaking)
#   test:  Chromium for the browser tests and nginx for the deployment test
set -eu
need=""
pkg-config --exists icu-i18n 2>/dev/null || need="$need libicu-dev pkg-config"
command -v g++ >/dev/null 2>&1 || need="$need g++"
if [ "${1:-build}" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || need="$need chromium"
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx-light"
fi
[ -z "$need" ] && exit 0
echo "Installing Debian packages:$need"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $need
