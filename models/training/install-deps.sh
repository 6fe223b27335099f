#!/usr/bin/env bash
# Installs what the training recipe needs, from Debian's packages only (no pip index is reachable).
# The recipe runs on Debian's own /usr/bin/python3, which sees these packages.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends python3 python3-torch python3-torchvision python3-opencv python3-numpy ffmpeg
