#!/usr/bin/env bash
# Builds the Prometheus, Alertmanager and PostgreSQL images the container tests use, from Debian packages only,
# for machines where no image registry is reachable (this project's CI). Elsewhere the tests pull the official
# images and this script is not needed.
#
#   eval "$(bash docker/build-local-images.sh)"    # exports PROMETHEUS_IMAGE, ALERTMANAGER_IMAGE, POSTGRES_IMAGE
#
# Each image is tagged with a content hash of this script and its own directory (Dockerfile and files): when it
# exists already it is not built again (a second run takes a second), and changing one image's files rebuilds
# that image only. Progress goes to stderr.
# Needs a running Docker engine and root (debootstrap); installs debootstrap when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm

images=(prometheus alertmanager postgres)
script_hash=$(sha256sum < build-local-images.sh | cut -c1-12)
base="local/debian:${SUITE}-${script_hash}"
# local/<image>:<hash of this script and the image's directory>
tag() { echo "local/$1:$( (cat build-local-images.sh; find "$1" -type f | LC_ALL=C sort | xargs cat) | sha256sum | cut -c1-12)"; }

log() { echo "[local images] $*" >&2; }
exists() { docker image inspect "$1" >/dev/null 2>&1; }

missing=()
for image in "${images[@]}"; do
  exists "$(tag "$image")" || missing+=("$image")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "cached: $(for image in "${images[@]}"; do printf '%s ' "$(tag "$image")"; done)"
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
  for image in "${missing[@]}"; do
    log "building $(tag "$image")"
    docker build -q --network host --build-arg "BASE=$base" -t "$(tag "$image")" "$image" >&2
  done
fi

echo "export PROMETHEUS_IMAGE=$(tag prometheus)"
echo "export ALERTMANAGER_IMAGE=$(tag alertmanager)"
echo "export POSTGRES_IMAGE=$(tag postgres)"
