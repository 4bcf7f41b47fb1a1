#!/usr/bin/env bash
# Builds the Hullscope Linux installer: a .deb (default) or an .rpm with its own Java runtime.
#
#   installers/build-linux.sh [deb|rpm] [--skip-maven]
#
# Steps: Maven packages the desktop module (target/hullscope.jar and its runtime class path in
# target/lib), jlink links a trimmed Java runtime from the modules in jdk-modules.txt, and
# jpackage wraps jar, class path, runtime and samples into the package. --skip-maven reuses the
# jars of an earlier build, for example after `mvn verify`.
#
# Output: target/installers/hullscope_VERSION_ARCH.deb or hullscope-VERSION-1.ARCH.rpm below the
# repository root. The package installs to /opt/hullscope and links /usr/bin/hullscope (CLI)
# and /usr/bin/hullscope-desktop (window).
#
# Needs a JDK 17 or newer with its jmods folder (Debian: openjdk-17-jdk-headless), Maven,
# fakeroot and dpkg-deb for .deb, rpm-build (Debian: rpm) for .rpm. JavaFX jars from Maven carry
# the natives of the build OS, so build the Linux package on Linux.
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

type=deb
skip_maven=false
for arg in "$@"; do
  case "$arg" in
    deb|rpm) type="$arg" ;;
    --skip-maven) skip_maven=true ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$arg'; expected deb, rpm or --skip-maven" ;;
  esac
done

for tool in jar jlink jpackage; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found on PATH; install a JDK 17 or newer"
done
if [[ "$type" == deb ]]; then
  for tool in fakeroot dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool not found; install it (Debian: apt-get install fakeroot dpkg-dev)"
  done
else
  command -v rpmbuild >/dev/null 2>&1 || fail "rpmbuild not found; install rpm-build (Debian: apt-get install rpm)"
fi

# jpackage takes only digits and dots, so the version comes from app.version (0.1.0), not from
# the Maven project version (0.1.0-SNAPSHOT).
version=$(sed -n 's:.*<app.version>\(.*\)</app.version>.*:\1:p' "$repo_root/pom.xml" | head -n 1)
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || fail "app.version '$version' in pom.xml is not a version such as 1.2.3"

started_at=$(date +%s)
target="$repo_root/app/desktop/target"
if [[ "$skip_maven" == false ]]; then
  log "packaging the desktop module with Maven"
  (cd "$repo_root" && mvn -B -q -pl app/desktop -am package -DskipTests)
fi
[[ -f "$target/hullscope.jar" && -d "$target/lib" ]] \
  || fail "$target/hullscope.jar or its lib folder is missing; run without --skip-maven"

# The input folder becomes /opt/hullscope/lib/app: the jar, its class path and the samples.
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

modules=$(grep -v '^\s*\(#\|$\)' "$installers/jdk-modules.txt" | paste -sd, -)
log "linking a Java runtime with $modules"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$out/runtime"

# Options that jpackage accepts only for one package type.
# jpackage derives the dependencies from the runtime's libraries only. JavaFX loads GTK 3 from
# its own jars at run time, so the GTK package is named here, under each distribution's name.
type_options=()
if [[ "$type" == deb ]]; then
  type_options+=(--linux-deb-maintainer "hullscope@localhost" --linux-package-deps libgtk-3-0)
else
  type_options+=(--linux-package-deps gtk3)
fi

log "running jpackage --type $type for Hullscope $version"
rm -f "$out"/hullscope_*."$type" "$out"/hullscope-*."$type"
jpackage --type "$type" \
  --name Hullscope \
  --app-version "$version" \
  --vendor "Hullscope" \
  --description "Inspector for container images: layers, files, packages and hardening checks" \
  --input "$out/input" \
  --main-jar hullscope.jar \
  --main-class io.hullscope.ui.Launcher \
  --runtime-image "$out/runtime" \
  --java-options '-Dhullscope.samples=$APPDIR/samples' \
  --icon "$installers/icon/hullscope.png" \
  --file-associations "$installers/tar-association.properties" \
  --add-launcher hullscope="$installers/cli-launcher.properties" \
  --resource-dir "$installers/linux" \
  --install-dir /opt \
  --linux-package-name hullscope \
  --linux-shortcut \
  --linux-menu-group Development \
  --linux-app-category devel \
  "${type_options[@]}" \
  --dest "$out"

package=$(ls -t "$out"/hullscope[_-]*."$type" | head -n 1)
log "built $package ($(du -h "$package" | cut -f1)) in $(( $(date +%s) - started_at )) s"
