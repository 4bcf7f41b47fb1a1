#!/usr/bin/env bash
# Builds the Hullscope macOS installer: a .dmg holding Hullscope.app with its own Java runtime.
#
#   installers/build-macos.sh [--skip-maven]
#
# Output: target/installers/Hullscope-VERSION.dmg below the repository root. Build it on the Mac
# architecture it is for (Apple silicon or Intel): Maven fetches the JavaFX jars with the
# natives of the build machine.
#
# Needs a JDK 17 or newer with its jmods folder, Maven and the Xcode command line tools
# (xcode-select --install), which bring the tools jpackage calls to make the disk image.
#
# NOTE: written from the jpackage documentation and never run, because CI has no Mac.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
installers="$repo_root/installers"
out="$repo_root/target/installers"

log() {
  printf '[installers] %s\n' "$*"
}

fail() {
  printf '[installers] ERROR: %s\n' "$*" >&2
  exit 1
}

skip_maven=false
for arg in "$@"; do
  case "$arg" in
    --skip-maven) skip_maven=true ;;
    *) fail "unknown argument '$arg'; expected --skip-maven" ;;
  esac
done

[[ "$(uname -s)" == Darwin ]] || fail "build the .dmg on macOS; use build-linux.sh or build-windows.ps1 elsewhere"
for tool in jar jlink jpackage; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found on PATH; install a JDK 17 or newer"
done
xcode-select -p >/dev/null 2>&1 || fail "the Xcode command line tools are missing; run xcode-select --install"

version=$(sed -n 's:.*<app.version>\(.*\)</app.version>.*:\1:p' "$repo_root/pom.xml" | head -n 1)
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || fail "app.version '$version' in pom.xml is not a version such as 1.2.3"
# jpackage on macOS rejects versions whose first number is 0, because it copies the version
# into CFBundleVersion.
bundle_version="$version"
if [[ "$version" == 0* ]]; then
  # NOTE: Finder then shows version 1.0.0 for a 0.x release.
  bundle_version=1.0.0
  log "app.version $version starts with 0, which jpackage rejects on macOS; the bundle gets version $bundle_version"
fi

target="$repo_root/app/desktop/target"
if [[ "$skip_maven" == false ]]; then
  log "packaging the desktop module with Maven"
  (cd "$repo_root" && mvn -B -q -pl app/desktop -am package -DskipTests)
fi
[[ -f "$target/hullscope.jar" && -d "$target/lib" ]] \
  || fail "$target/hullscope.jar or its lib folder is missing; run without --skip-maven"

# The input folder becomes Hullscope.app/Contents/app: the jar, its class path and the samples.
rm -rf "$out/input" "$out/runtime"
mkdir -p "$out/input/lib" "$out/input/samples"
cp "$target/hullscope.jar" "$out/input/"
# Only the jars named in the manifest's Class-Path are copied, because target/lib keeps the jars of
# earlier builds, and jpackage puts every jar of the input folder on the class path.
manifest_dir=$(mktemp -d)
(cd "$manifest_dir" && jar --extract --file "$target/hullscope.jar" META-INF/MANIFEST.MF)
# Manifest lines are wrapped at 72 bytes; a continuation line starts with one space.
class_path=$(tr -d '\r' <"$manifest_dir/META-INF/MANIFEST.MF" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' \
  | sed -n 's/^Class-Path: //p')
rm -rf "$manifest_dir"
[[ -n "$class_path" ]] || fail "$target/hullscope.jar has no Class-Path in its manifest"
for entry in $class_path; do
  [[ -f "$target/$entry" ]] || fail "$target/$entry, named in the manifest's Class-Path, is missing; run without --skip-maven"
  cp "$target/$entry" "$out/input/lib/"
done
cp "$repo_root"/samples/images/*.tar "$out/input/samples/"

modules=$(grep -v '^[[:space:]]*\(#\|$\)' "$installers/jdk-modules.txt" | paste -sd, -)
log "linking a Java runtime with $modules"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$out/runtime"

# The command line launcher is called hullscope-cli here because the default APFS volume is
# case-insensitive, so hullscope would be the same file as the Hullscope window launcher.
log "running jpackage --type dmg for Hullscope $version"
rm -f "$out"/Hullscope-*.dmg
jpackage --type dmg \
  --name Hullscope \
  --app-version "$bundle_version" \
  --vendor "Hullscope" \
  --description "Inspector for container images: layers, files, packages and hardening checks" \
  --input "$out/input" \
  --main-jar hullscope.jar \
  --main-class io.hullscope.ui.Launcher \
  --runtime-image "$out/runtime" \
  --java-options '-Dhullscope.samples=$APPDIR/samples' \
  --icon "$installers/icon/hullscope.icns" \
  --file-associations "$installers/tar-association.properties" \
  --add-launcher hullscope-cli="$installers/cli-launcher.properties" \
  --mac-package-identifier io.hullscope.desktop \
  --mac-package-name Hullscope \
  --dest "$out"

package=$(ls -t "$out"/Hullscope-*.dmg | head -n 1)
log "built $package ($(du -h "$package" | cut -f1))"
log "for the command line: sudo ln -s /Applications/Hullscope.app/Contents/MacOS/hullscope-cli /usr/local/bin/hullscope"
