#!/bin/sh
# The "VS Code executable" that @vscode/test-electron's runTests() spawns when ZOHO_TEST_VSCODE=code-server:
# it runs the compiled launcher (out/test/host/code-server-launcher.js) with the same arguments.
# ZOHO_LAUNCHER_NODE: the Node that runs the launcher (runTest.ts passes its own; default: node on PATH).
here="$(cd "$(dirname "$0")" && pwd)"
exec "${ZOHO_LAUNCHER_NODE:-node}" "$here/../../out/test/host/code-server-launcher.js" "$@"
