#!/bin/sh
# Trims a debootstrap root ($1) the way Debian's -slim images are: no package caches or
# lists, no documentation, manual pages or translations, now or from later installs.
set -eu
root=$1
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/*
rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/usr/share/info/*
cat > "$root/etc/dpkg/dpkg.cfg.d/stand-in-slim" <<'CFG'
path-exclude /usr/share/doc/*
path-exclude /usr/share/man/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/info/*
CFG
# Keep apt from holding on to downloaded packages.
echo 'Binary::apt::APT::Keep-Downloaded-Packages "false";' > "$root/etc/apt/apt.conf.d/stand-in-no-cache"
