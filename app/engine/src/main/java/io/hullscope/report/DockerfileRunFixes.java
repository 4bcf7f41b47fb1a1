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
  /** The download side of a pipe: {@code curl} or {@code wget} with a URL among its arguments. */
  private static final Pattern DOWNLOAD = Pattern.compile("(curl|wget)\\s(?:.*\\s)?(https?://[^\\s\"']+)(?:\\s.*)?",
      Pattern.DOTALL);
  /** The shell side of a pipe: {@code sh} or {@code bash}, maybe with sudo, and its arguments. */
  private static final Pattern SHELL = Pattern.compile("(?:sudo\\s+)?(?:(?:/usr)?/bin/)?(sh|bash)((?:\\s.*)?)",
      Pattern.DOTALL);

  private DockerfileRunFixes() {}

  /** Returns whether a command installs packages with a package manager. */
  static boolean installsPackages(String command) {
    return APT_INSTALL.matcher(command).find() || APK_ADD.matcher(command).find()
        || RPM_INSTALL.matcher(command).find() || PIP_INSTALL.matcher(command).find()
        || NPM_INSTALL.matcher(command).find();
  }

  /** Returns whether a command leaves a package manager cache behind. */
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

  /** Returns whether a command pipes a download into a shell. */
  static boolean pipesDownloadToShell(String command) {
    return !pipedDownloads(command).isEmpty();
  }

  /**
   * Returns the command with each download piped into a shell replaced by a download to a file, a
   * SHA-256 check against a placeholder, and a run of that file. {@code step} numbers the markers.
   */
  static String verifyDownloads(String command, int step) {
    StringBuilder out = new StringBuilder();
    int copied = 0;
    int count = 0;
    for (PipedDownload download : pipedDownloads(command)) {
      count++;
      String file = "/tmp/download-" + step + "-" + count + ".sh";
      String fetch = "curl".equals(download.tool()) ? "curl -fsSLo " + file + " " + download.url()
          : "wget -qO " + file + " " + download.url();
      String checksum = DockerfilePlaceholders.marker("sha256-of-download-" + step + "-" + count);
      out.append(command, copied, download.start());
      out.append(fetch).append(" && echo \"").append(checksum).append("  ").append(file).append("\" | sha256sum -c - && ")
          .append(download.shell()).append(' ').append(file)
          .append(download.arguments().isEmpty() ? "" : " " + download.arguments()).append(" && rm ").append(file);
      copied = download.end();
    }
    out.append(command.substring(copied));
    return out.toString();
  }

  /**
   * One {@code curl URL | sh} found in a command.
   *
   * @param start where the download command starts, after leading spaces
   * @param end where the shell command ends, before trailing spaces
   */
  private record PipedDownload(int start, int end, String tool, String url, String shell, String arguments) {}

  /**
   * Finds downloads piped into a shell. The command is split at {@code ;}, {@code &&}, {@code ||}, {@code |}
   * and line breaks (quotes are not parsed), and each pipe is checked from its two neighbouring
   * segments, so the work grows linearly with the command's length.
   */
  private static List<PipedDownload> pipedDownloads(String command) {
    List<int[]> segments = new ArrayList<>();
    List<Boolean> pipeAfter = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < command.length()) {
      char c = command.charAt(i);
      char next = i + 1 < command.length() ? command.charAt(i + 1) : 0;
      int width = 0;
      boolean pipe = false;
      if ((c == '&' && next == '&') || (c == '|' && next == '|')) {
        width = 2;
      } else if (c == '|') {
        width = 1;
        pipe = true;
      } else if (c == ';' || c == '\n') {
        width = 1;
      }
      if (width == 0) {
        i++;
        continue;
      }
      segments.add(new int[] {start, i});
      pipeAfter.add(pipe);
      i += width;
      start = i;
    }
    segments.add(new int[] {start, command.length()});
    pipeAfter.add(false);

    List<PipedDownload> found = new ArrayList<>();
    for (int s = 0; s + 1 < segments.size(); s++) {
      if (!pipeAfter.get(s)) {
        continue;
      }
      int[] left = trim(command, segments.get(s));
      int[] right = trim(command, segments.get(s + 1));
      Matcher download = DOWNLOAD.matcher(command.substring(left[0], left[1]));
      Matcher shell = SHELL.matcher(command.substring(right[0], right[1]));
      if (download.matches() && shell.matches()) {
        // "sh -s -- args" reads the script from standard input; a script file takes the arguments directly.
        String arguments = shell.group(2).strip().replaceFirst("^-s\\b\\s*(--\\s*)?", "").strip();
        found.add(new PipedDownload(left[0], right[1], download.group(1), download.group(2), shell.group(1), arguments));
        s++;
      }
    }
    return found;
  }

  private static int[] trim(String text, int[] range) {
    int from = range[0];
    int to = range[1];
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    return new int[] {from, to};
  }
}
