package io.hullscope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites of one RUN command: package caches, unwanted packages and downloads piped into a shell. */
final class DockerfileRunFixes {

  private static final Pattern APT_INSTALL = Pattern.compile("\\bapt(?:-get)?\\s+(?:-\\S+\\s+)*install\\b");
  private static final Pattern APT_ANY = Pattern.compile("\\bapt(?:-get)?\\s+(?:-\\S+\\s+)*(?:install|update|upgrade)\\b");
  private static final Pattern APK_ADD = Pattern.compile("\\bapk\\s+add\\b");
  private static final Pattern RPM_INSTALL = Pattern.compile("\\b(dnf|yum|microdnf)\\s+(?:-\\S+\\s+)*install\\b");
  private static final Pattern PIP_INSTALL = Pattern.compile("\\bpip3?\\s+install\\b");
  private static final Pattern NPM_INSTALL = Pattern.compile("\\bnpm\\s+(?:ci|install|i)\\b");
  /** An install command up to the next command separator. */
  private static final Pattern INSTALL_SEGMENT = Pattern.compile(
      "\\b(?:apt(?:-get)?\\s+(?:-\\S+\\s+)*install|apk\\s+add|(?:dnf|yum|microdnf)\\s+(?:-\\S+\\s+)*install)\\b([^;&|]*)");
  /** A download piped into a shell: {@code curl -fsSL URL | sh -s -- args}. */
  private static final Pattern PIPED_DOWNLOAD = Pattern.compile(
      "\\b(curl|wget)\\b[^|;&]*?(https?://[^\\s|;&\"']+)[^|;&]*\\|\\s*(?:sudo\\s+)?(?:(?:/usr)?/bin/)?(sh|bash)\\b([^;&|]*)");

  private DockerfileRunFixes() {}

  /** Whether a command installs packages with a package manager. */
  static boolean installsPackages(String command) {
    return APT_INSTALL.matcher(command).find() || APK_ADD.matcher(command).find()
        || RPM_INSTALL.matcher(command).find() || PIP_INSTALL.matcher(command).find()
        || NPM_INSTALL.matcher(command).find();
  }

  /** Whether a command leaves a package manager cache behind. */
  static boolean leavesCache(String command) {
    return !cleanCaches(command).equals(command);
  }

  /**
   * Returns the command with package manager caches cleaned in the same step: apt lists removed and
   * no recommended packages, apk without a cache, dnf/yum cleaned, pip without a cache and the npm
   * cache cleaned.
   */
  static String cleanCaches(String command) {
    String result = command;
    if (APT_INSTALL.matcher(result).find() && !result.contains("--no-install-recommends")) {
      result = APT_INSTALL.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group() + " --no-install-recommends"));
    }
    if (APT_ANY.matcher(result).find() && !result.contains("/var/lib/apt/lists")) {
      result = result + " && rm -rf /var/lib/apt/lists/*";
    }
    if (APK_ADD.matcher(result).find() && !result.contains("--no-cache")) {
      result = APK_ADD.matcher(result).replaceAll("apk add --no-cache");
    }
    Matcher rpm = RPM_INSTALL.matcher(result);
    if (rpm.find() && !result.contains("clean all")) {
      result = result + " && " + rpm.group(1) + " clean all";
    }
    if (PIP_INSTALL.matcher(result).find() && !result.contains("--no-cache-dir")) {
      result = PIP_INSTALL.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group() + " --no-cache-dir"));
    }
    if (NPM_INSTALL.matcher(result).find() && !result.contains("npm cache clean")) {
      result = result + " && npm cache clean --force";
    }
    return result;
  }

  /** Returns the packages of {@code names} that the command installs. */
  static List<String> installed(String command, Set<String> names) {
    List<String> found = new ArrayList<>();
    Matcher segment = INSTALL_SEGMENT.matcher(command);
    while (segment.find()) {
      for (String token : segment.group(1).strip().split("\\s+")) {
        if (names.contains(token) && !found.contains(token)) {
          found.add(token);
        }
      }
    }
    return found;
  }

  /** Returns the command without these packages in its install commands. */
  static String withoutPackages(String command, Set<String> names) {
    Matcher segment = INSTALL_SEGMENT.matcher(command);
    StringBuilder out = new StringBuilder();
    while (segment.find()) {
      List<String> kept = new ArrayList<>();
      for (String token : segment.group(1).strip().split("\\s+")) {
        if (!token.isEmpty() && !names.contains(token)) {
          kept.add(token);
        }
      }
      String installer = segment.group().substring(0, segment.start(1) - segment.start());
      String trailing = segment.group(1).endsWith(" ") ? " " : "";
      segment.appendReplacement(out, Matcher.quoteReplacement(installer + " " + String.join(" ", kept) + trailing));
    }
    segment.appendTail(out);
    return out.toString();
  }

  /** Whether a command pipes a download into a shell. */
  static boolean pipesDownloadToShell(String command) {
    return PIPED_DOWNLOAD.matcher(command).find();
  }

  /**
   * Returns the command with each download piped into a shell replaced by a download to a file, a
   * SHA-256 check against a placeholder, and a run of that file. {@code step} numbers the markers.
   */
  static String verifyDownloads(String command, int step) {
    Matcher matcher = PIPED_DOWNLOAD.matcher(command);
    StringBuilder out = new StringBuilder();
    int count = 0;
    while (matcher.find()) {
      count++;
      String file = "/tmp/download-" + step + "-" + count + ".sh";
      String fetch = "curl".equals(matcher.group(1)) ? "curl -fsSLo " + file + " " + matcher.group(2)
          : "wget -qO " + file + " " + matcher.group(2);
      String checksum = DockerfilePlaceholders.marker("sha256-of-download-" + step + "-" + count);
      // "sh -s -- args" reads the script from standard input; a script file takes the arguments directly.
      String args = matcher.group(4).strip().replaceFirst("^-s\\b\\s*(--\\s*)?", "").strip();
      String replacement = fetch + " && echo \"" + checksum + "  " + file + "\" | sha256sum -c - && " + matcher.group(3)
          + " " + file + (args.isEmpty() ? "" : " " + args) + " && rm " + file
          + (matcher.group(4).endsWith(" ") ? " " : "");
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
