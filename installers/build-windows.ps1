<#
.SYNOPSIS
Builds the Hullscope Windows installer: an .msi with its own Java runtime.

.DESCRIPTION
Maven packages the desktop module, jlink links a trimmed Java runtime from the modules in
jdk-modules.txt, and jpackage builds the .msi with WiX. Output: target\installers\Hullscope-VERSION.msi
below the repository root.

Needs a JDK 17 or newer with its jmods folder, Maven, and WiX Toolset 3 (candle.exe and light.exe on
PATH); jpackage 17 does not work with WiX 4 or newer. Build it on Windows: Maven fetches the JavaFX jars
with the natives of the build machine.

NOTE: written from the jpackage documentation and never run, because CI has no Windows machine.

.PARAMETER SkipMaven
Reuses the jars of an earlier Maven build.

.EXAMPLE
powershell -File installers\build-windows.ps1
#>
param(
  [switch]$SkipMaven
)

$ErrorActionPreference = 'Stop'

$RepoRoot = Split-Path -Parent $PSScriptRoot
$Installers = Join-Path $RepoRoot 'installers'
$Out = Join-Path $RepoRoot 'target\installers'

function Write-Step([string]$Message) {
  Write-Host "[installers] $Message"
}

foreach ($tool in 'jlink', 'jpackage', 'candle', 'light') {
  if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) {
    throw "$tool not found on PATH; install a JDK 17 or newer and WiX Toolset 3, then add their bin folders to PATH"
  }
}

$pom = Get-Content (Join-Path $RepoRoot 'pom.xml') -Raw
if ($pom -notmatch '<app.version>([0-9]+(\.[0-9]+){0,2})</app.version>') {
  throw "pom.xml has no app.version such as 1.2.3"
}
$Version = $Matches[1]

$Target = Join-Path $RepoRoot 'app\desktop\target'
if (-not $SkipMaven) {
  Write-Step 'packaging the desktop module with Maven'
  Push-Location $RepoRoot
  try {
    & mvn -B -q -pl app/desktop -am package -DskipTests
    if ($LASTEXITCODE -ne 0) { throw "mvn package failed with exit code $LASTEXITCODE" }
  } finally {
    Pop-Location
  }
}
if (-not (Test-Path (Join-Path $Target 'hullscope.jar')) -or -not (Test-Path (Join-Path $Target 'lib'))) {
  throw "$Target\hullscope.jar or its lib folder is missing; run without -SkipMaven"
}

# The input folder becomes the app folder of the installation: the jar, its class path and the samples.
$AppInput = Join-Path $Out 'input'
$Runtime = Join-Path $Out 'runtime'
foreach ($dir in $AppInput, $Runtime) {
  if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
}
New-Item -ItemType Directory -Force -Path (Join-Path $AppInput 'lib'), (Join-Path $AppInput 'samples') | Out-Null
Copy-Item (Join-Path $Target 'hullscope.jar') $AppInput
# Only the jars named in the manifest's Class-Path are copied, because target\lib keeps the jars of
# earlier builds, and jpackage puts every jar of the input folder on the class path.
Add-Type -AssemblyName System.IO.Compression.FileSystem
$Jar = [System.IO.Compression.ZipFile]::OpenRead((Join-Path $Target 'hullscope.jar'))
try {
  $Reader = New-Object System.IO.StreamReader($Jar.GetEntry('META-INF/MANIFEST.MF').Open())
  $Manifest = $Reader.ReadToEnd()
  $Reader.Close()
} finally {
  $Jar.Dispose()
}
# Manifest lines are wrapped at 72 bytes; a continuation line starts with one space.
$Unwrapped = ($Manifest -replace "`r", '') -replace "`n ", ''
if ($Unwrapped -notmatch '(?m)^Class-Path: (.+)$') {
  throw "$Target\hullscope.jar has no Class-Path in its manifest"
}
foreach ($Entry in $Matches[1].Trim().Split(' ')) {
  $Source = Join-Path $Target $Entry
  if (-not (Test-Path $Source)) {
    throw "$Source, named in the manifest's Class-Path, is missing; run without -SkipMaven"
  }
  Copy-Item $Source (Join-Path $AppInput 'lib')
}
Copy-Item (Join-Path $RepoRoot 'samples\images\*.tar') (Join-Path $AppInput 'samples')

$Modules = (Get-Content (Join-Path $Installers 'jdk-modules.txt') |
  Where-Object { $_.Trim() -ne '' -and -not $_.Trim().StartsWith('#') } |
  ForEach-Object { $_.Trim() }) -join ','
Write-Step "linking a Java runtime with $Modules"
& jlink --add-modules $Modules --strip-debug --no-header-files --no-man-pages --compress=2 --output $Runtime
if ($LASTEXITCODE -ne 0) { throw "jlink failed with exit code $LASTEXITCODE" }

# The command line launcher is called hullscope-cli because Windows file names ignore case, so
# hullscope.exe would be the same file as the Hullscope.exe window launcher. It is a console
# launcher (win-console=true in cli-launcher.properties), so output and exit codes reach the terminal.
# The upgrade UUID stays fixed across versions so that a newer .msi replaces an older one.
Write-Step "running jpackage --type msi for Hullscope $Version"
Get-ChildItem -Path $Out -Filter 'Hullscope-*.msi' -ErrorAction SilentlyContinue | Remove-Item -Force
& jpackage --type msi `
  --name Hullscope `
  --app-version $Version `
  --vendor Hullscope `
  --description 'Inspector for container images: layers, files, packages and hardening checks' `
  --input $AppInput `
  --main-jar hullscope.jar `
  --main-class io.hullscope.ui.Launcher `
  --runtime-image $Runtime `
  --java-options '-Dhullscope.samples=$APPDIR\samples' `
  --icon (Join-Path $Installers 'icon\hullscope.ico') `
  --file-associations (Join-Path $Installers 'tar-association.properties') `
  --add-launcher "hullscope-cli=$(Join-Path $Installers 'cli-launcher.properties')" `
  --win-menu `
  --win-menu-group Hullscope `
  --win-shortcut `
  --win-dir-chooser `
  --win-upgrade-uuid 6f0d3c2e-8a51-4b7e-9c1d-2e4f5a6b7c80 `
  --dest $Out
if ($LASTEXITCODE -ne 0) { throw "jpackage failed with exit code $LASTEXITCODE" }

$Package = Get-ChildItem -Path $Out -Filter 'Hullscope-*.msi' | Sort-Object LastWriteTime -Descending | Select-Object -First 1
Write-Step ("built {0} ({1:N0} MB)" -f $Package.FullName, ($Package.Length / 1MB))
Write-Step 'for the command line, add the installation folder (default C:\Program Files\Hullscope) to PATH and run hullscope-cli'
