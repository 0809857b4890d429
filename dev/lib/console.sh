# The web console's end-to-end test (dev/tools ConsoleE2ETest) drives Debian's Chromium through playwright-core.
# Sourced by dev/test after common.sh. Chromium comes from apt (Playwright's own browser downloads are not used);
# playwright-core, pinned in dev/tools/console-e2e/package-lock.json, from npm with its cache in $CACHE/npm.

install_console_e2e() {
  need node "install Node.js 20+ (apt-get install nodejs npm): it builds the web console and runs its test"
  need npm "install npm (apt-get install npm)"
  if ! command -v chromium >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "Chromium is missing for the console test: sudo apt-get install chromium"
    say "installing Chromium (apt-get install chromium) for the console test"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >"$LOGS/apt-chromium.log" 2>&1 \
      || { apt-get update -qq >>"$LOGS/apt-chromium.log" 2>&1 \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >>"$LOGS/apt-chromium.log" 2>&1; } \
      || die "apt-get install chromium failed (see $LOGS/apt-chromium.log)"
  fi
  local dir=$ROOT/dev/tools/console-e2e
  if [ ! -d "$dir/node_modules/playwright-core" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing playwright-core for the console test (npm ci)"
    (cd "$dir" && npm ci --cache "$CACHE/npm" --no-audit --no-fund >"$LOGS/npm-console-e2e.log" 2>&1) \
      || die "npm ci in dev/tools/console-e2e failed (see $LOGS/npm-console-e2e.log)"
  fi
}
