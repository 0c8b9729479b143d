#!/usr/bin/env bash
# What a user gets: packs the package, installs the tarball into a clean prefix
# with an empty npm cache (as a first install on a new machine), and runs the
# installed `vnode-tui --version` and `vnode-tui list` against the engine. Fails
# if the tarball holds anything but the bundle, its notices, README, LICENSE and
# package.json. Prints the tarball size and the install's time, size and package
# count. Run after `npm run build`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/vnode-pack.XXXXXX")
trap 'rm -rf "$work"' EXIT

tarball=$(npm pack --silent --pack-destination "$work" </dev/null | tail -n 1)
unexpected=$(tar -tzf "$work/$tarball" | grep -vE '^package/(package\.json|README\.md|LICENSE|dist/vnode-tui\.js|dist/app\.js|dist/THIRD-PARTY-NOTICES)$' || true)
if [ -n "$unexpected" ]; then
	echo "pack-check: the tarball holds files a user does not need:" >&2
	echo "$unexpected" >&2
	exit 1
fi

start=$(date +%s%N)
timeout 600 npm install --prefix "$work/prefix" --cache "$work/cache" --no-audit --no-fund --loglevel=error "$work/$tarball" </dev/null >/dev/null
end=$(date +%s%N)
packages=$(node -e 'const l = require(process.argv[1]); console.log(Object.keys(l.packages).filter(k => k.includes("node_modules/")).length)' "$work/prefix/package-lock.json")
bin="$work/prefix/node_modules/.bin/vnode-tui"
# a scratch home: no configs of the person running it are read
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$HOME"
version=$(timeout 30 "$bin" --version </dev/null)
timeout 60 "$bin" list </dev/null >"$work/list.txt"
printf 'pack-check: tarball %s KB (%s files); install %s s, %s in node_modules, %s packages; vnode-tui --version: %s; list: %s lines\n' \
	"$(($(stat -c %s "$work/$tarball") / 1024))" "$(tar -tzf "$work/$tarball" | wc -l)" \
	"$(awk -v ns=$((end - start)) 'BEGIN {printf "%.1f", ns / 1e9}')" "$(du -sh "$work/prefix/node_modules" | cut -f1)" "$packages" \
	"$version" "$(wc -l <"$work/list.txt")"
