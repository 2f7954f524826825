#!/usr/bin/env bash
# Makes sure a Chromium is installed for the browser e2e test (test/e2e/payments-browser.e2e-spec.ts,
# puppeteer-core drives it headless): Debian's `chromium` package, installed when missing and
# CI=true (with sudo when not root). Elsewhere a missing Chromium is reported, and the browser test
# fails saying so (it is never skipped); CHROMIUM_PATH may point the test at another binary.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
  echo "[ensure-chromium] using CHROMIUM_PATH=$CHROMIUM_PATH" >&2
  exit 0
fi
if command -v chromium >/dev/null 2>&1; then
  echo "[ensure-chromium] $(chromium --version 2>/dev/null || echo chromium) at $(command -v chromium)" >&2
  exit 0
fi
if [ "${CI:-}" = "true" ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  echo "[ensure-chromium] installing Debian's chromium for the browser e2e test" >&2
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  command -v chromium >/dev/null 2>&1 || { echo "[ensure-chromium] chromium is still missing after apt-get install" >&2; exit 1; }
  echo "[ensure-chromium] installed $(chromium --version 2>/dev/null || echo chromium)" >&2
  exit 0
fi
echo "[ensure-chromium] chromium is not installed: the browser e2e test (test/e2e/payments-browser.e2e-spec.ts) will fail." >&2
echo "[ensure-chromium] install it (apt-get install chromium; CI=true does it here) or set CHROMIUM_PATH" >&2
exit 0
