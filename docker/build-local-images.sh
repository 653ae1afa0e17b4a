#!/usr/bin/env bash
# Builds the Prometheus and Alertmanager images the container tests use, from Debian packages only, for
# machines where no image registry is reachable (this project's CI). Elsewhere the tests pull the official
# images and this script is not needed.
#
#   eval "$(bash docker/build-local-images.sh)"    # exports PROMETHEUS_IMAGE and ALERTMANAGER_IMAGE
#
# The images are tagged with a content hash of this script and the Dockerfiles: when they exist already the
# script only prints the exports (a second run takes a second). Progress goes to stderr.
# Needs a running Docker engine and root (debootstrap); installs debootstrap when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm

hash=$(cat build-local-images.sh prometheus/Dockerfile alertmanager/Dockerfile | sha256sum | cut -c1-12)
base="local/debian:${SUITE}-${hash}"
prometheus="local/prometheus:${hash}"
alertmanager="local/alertmanager:${hash}"

log() { echo "[local images] $*" >&2; }
exists() { docker image inspect "$1" >/dev/null 2>&1; }

if exists "$prometheus" && exists "$alertmanager"; then
  log "cached: $prometheus $alertmanager"
else
  if ! exists "$base"; then
    if ! command -v debootstrap >/dev/null 2>&1; then
      log "installing debootstrap"
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2
    fi
    rootfs=$(mktemp -d)
    trap 'rm -rf "$rootfs"' EXIT
    log "debootstrap $SUITE (minbase) from $MIRROR"
    debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >&2
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | docker import - "$base" >&2
    rm -rf "$rootfs"
  fi
  for image in prometheus alertmanager; do
    tag="local/${image}:${hash}"
    exists "$tag" && continue
    log "building $tag"
    docker build -q --network host --build-arg "BASE=$base" -t "$tag" "$image" >&2
  done
fi

echo "export PROMETHEUS_IMAGE=$prometheus"
echo "export ALERTMANAGER_IMAGE=$alertmanager"
