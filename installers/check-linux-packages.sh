#!/usr/bin/env bash
# Builds the .deb and .rpm, installs the .deb, runs the installed CLI on a sample image, starts
# the installed window under Xvfb until it shows a window named Hullscope, and removes the
# package again. .ci/run calls it after the tests; it also runs on its own.
#
#   installers/check-linux-packages.sh [--skip-maven | --skip-build]
#
# --skip-maven reuses the jars of an earlier Maven build; --skip-build tests the .deb already in
# target/installers and builds nothing.
# Runs as root on Debian or Ubuntu with fakeroot, rpm, xvfb, xdotool and a JDK 17 with jmods.
# It removes an installed hullscope package before it installs the new one.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo_root/target/installers"
skip_build=false
build_args=()
for arg in "$@"; do
  case "$arg" in
    --skip-maven) build_args+=(--skip-maven) ;;
    --skip-build) skip_build=true ;;
    *) printf '[installers] ERROR: unknown argument %s; expected --skip-maven or --skip-build\n' "$arg" >&2; exit 1 ;;
  esac
done

log() {
  printf '[installers] %s\n' "$*"
}

fail() {
  printf '[installers] ERROR: %s\n' "$*" >&2
  exit 1
}

xvfb_pid=""
app_pid=""
current_step=""
cleanup() {
  local status=$?
  set +e
  if (( status != 0 )) && [[ -n "$current_step" ]]; then
    printf '[installers] ERROR: step failed: %s\n' "$current_step" >&2
  fi
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  exit "$status"
}
trap cleanup EXIT

# Runs one step, printing its name and duration. The step runs outside any || list, so set -e
# stops the script at its first failing command and the EXIT trap names the step.
step() {
  current_step="$1"
  shift
  local begin=$(date +%s)
  log "step: $current_step"
  "$@"
  log "step done: $current_step ($(( $(date +%s) - begin )) s)"
  current_step=""
}

build_deb() {
  "$repo_root/installers/build-linux.sh" deb ${build_args[@]+"${build_args[@]}"}
}

# Only the first build needs Maven; the second reuses its jars.
build_rpm() {
  "$repo_root/installers/build-linux.sh" rpm --skip-maven
}

install_deb() {
  local deb
  deb=$(ls -t "$out"/hullscope_*.deb | head -n 1)
  if dpkg -s hullscope >/dev/null 2>&1; then
    log "removing the hullscope package installed earlier"
    dpkg -r hullscope
  fi
  # dpkg -i does not fetch dependencies; apt-get -f installs them and configures the package.
  if ! dpkg -i "$deb"; then
    log "installing the missing dependencies of $(basename "$deb") with apt-get -f install"
    DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q </dev/null
  fi
  [[ "$(dpkg-query -W -f='${Status}' hullscope 2>/dev/null)" == "install ok installed" ]] \
    || fail "hullscope is not installed after dpkg -i"
  [[ -x /usr/bin/hullscope && -x /usr/bin/hullscope-desktop ]] \
    || fail "/usr/bin/hullscope or /usr/bin/hullscope-desktop is missing after the install"
}

run_cli() {
  local output status=0
  output=$(cd / && hullscope inspect --no-cache "$repo_root/samples/images/hygiene-bad.tar" 2>&1) || status=$?
  if (( status != 0 )); then
    printf '%s\n' "$output" | tail -n 20 >&2
    fail "hullscope inspect exited with $status; the output tail is above"
  fi
  for expected in 'hullscope-samples/hygiene-bad:latest' 'ROOT-USER'; do
    grep -qF "$expected" <<<"$output" || { printf '%s\n' "$output" | head -n 30 >&2; fail "hullscope inspect output lacks '$expected'"; }
  done
}

# Picks a display number whose X lock file and socket are both absent.
free_display() {
  local number
  for number in $(seq 90 140); do
    if [[ ! -e "/tmp/.X$number-lock" && ! -e "/tmp/.X11-unix/X$number" ]]; then
      echo "$number"
      return
    fi
  done
  fail "found no free X display number between 90 and 140"
}

start_window() {
  local display
  display=":$(free_display)"
  # -nolisten tcp keeps the X server on its Unix socket only.
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
  xvfb_pid=$!
  local deadline=$(( $(date +%s) + 20 ))
  until DISPLAY="$display" xdpyinfo >/dev/null 2>&1 || DISPLAY="$display" xwininfo -root >/dev/null 2>&1; do
    kill -0 "$xvfb_pid" 2>/dev/null || { cat "$out/xvfb.log" >&2; fail "Xvfb exited during start-up"; }
    (( $(date +%s) > deadline )) && fail "Xvfb did not start on $display within 20 s"
    sleep 0.5
  done

  (cd / && DISPLAY="$display" exec hullscope-desktop) >"$out/desktop.log" 2>&1 &
  app_pid=$!
  deadline=$(( $(date +%s) + 90 ))
  until DISPLAY="$display" xdotool search --onlyvisible --name '^Hullscope' >/dev/null 2>&1; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      tail -n 30 "$out/desktop.log" >&2
      fail "hullscope-desktop exited before its window appeared; its log tail is above"
    fi
    if (( $(date +%s) > deadline )); then
      tail -n 30 "$out/desktop.log" >&2
      fail "no window named Hullscope appeared within 90 s; the log tail is above"
    fi
    sleep 1
  done
  log "window shown: $(DISPLAY="$display" xdotool search --onlyvisible --name '^Hullscope' getwindowname | head -n 1)"
  if [[ -n "${HULLSCOPE_SCREENSHOT:-}" ]]; then
    sleep 3
    DISPLAY="$display" import -window root "$HULLSCOPE_SCREENSHOT"
    log "screenshot written to $HULLSCOPE_SCREENSHOT"
  fi

  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true
  xvfb_pid=""
}

remove_deb() {
  dpkg -r hullscope || fail "dpkg -r hullscope failed"
  [[ ! -e /usr/bin/hullscope && ! -e /usr/bin/hullscope-desktop && ! -e /opt/hullscope/bin ]] \
    || fail "files of hullscope remain after dpkg -r"
}

main() {
  mkdir -p "$out"
  local begin=$(date +%s)
  if [[ "$skip_build" == false ]]; then
    step "build the .deb" build_deb
    step "build the .rpm" build_rpm
  fi
  step "install the .deb with dpkg -i" install_deb
  step "run the installed CLI on hygiene-bad.tar" run_cli
  step "start the installed window under Xvfb" start_window
  step "remove the package with dpkg -r" remove_deb
  log "installer checks passed in $(( $(date +%s) - begin )) s"
}

main
