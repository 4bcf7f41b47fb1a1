package io.hullscope.check;

import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in an image config: environment variables, labels and the build history, where
 * build arguments ({@code |2 A=b B=c /bin/sh -c ...} from the classic builder, {@code RUN |1 A=b ...}
 * from BuildKit), {@code ARG} and {@code ENV} defaults, inline assignments such as
 * {@code export TOKEN=...}, credentials on command lines and URLs with {@code user:password@} stay
 * readable by anyone who pulls the image.
 */
final class SecretConfigScanner {

  /** A secret value in one config field or history line, before redaction. */
  record Hit(String kind, String name, String value, Confidence confidence, String reason) {

    /** The name and redacted value, for example {@code DB_PASSWORD=…(12 chars)}. */
    String redacted() {
      return name == null ? kind + " " + Redaction.value(value) : Redaction.assignment(name, value);
    }
  }

  /** Secret values of one history entry. */
  record HistoryHits(int index, int layer, List<Hit> hits, String redactedLine) {}

  /** The maximum length of a history line shown in evidence; the rest is cut. */
  static final int MAX_SHOWN_LINE = 400;

  private static final Pattern CLASSIC_BUILD_ARGS = Pattern.compile("^\\|(\\d{1,3})\\s+");
  private static final Pattern BUILDKIT_BUILD_ARGS = Pattern.compile("^RUN\\s+\\|(\\d{1,3})\\s+");
  private static final Pattern NOP = Pattern.compile("^/bin/sh -c #\\(nop\\)\\s+");
  private static final Pattern INLINE_ASSIGNMENT = Pattern.compile(
      "(?<![A-Za-z0-9_$-])(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]{0,127})="
          + "(\"[^\"]{0,1024}\"|'[^']{0,1024}'|[^\\s;&|)\"']{1,1024})");
  private static final Pattern SECRET_FLAG = Pattern.compile(
      "(?<![A-Za-z0-9-])--(password|passwd|token|api-key|apikey|secret|client-secret|auth-token|access-token)"
          + "(?:=|\\s+)(\"[^\"]{0,1024}\"|'[^']{0,1024}'|[^\\s;&|\"']{1,1024})");
  private static final Pattern LOGIN_PASSWORD = Pattern.compile(
      "\\blogin\\b[^;&|]{0,512}?\\s(?:-p|--password)\\s+(\"[^\"]{0,1024}\"|'[^']{0,1024}'|[^\\s;&|\"']{1,1024})");
  private static final Pattern USER_PASSWORD_FLAG = Pattern.compile(
      "(?<![A-Za-z0-9-])(?:-u|--user)\\s+[\"']?([^\\s:\"']{1,256}):([^\\s\"';&|]{1,1024})");

  private SecretConfigScanner() {}

  /** Scans one {@code NAME=value} of {@code Env}, or one label; returns null when it contains no secret. */
  static Hit scanVariable(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    SecretTokens.Token token = SecretTokens.whole(value);
    if (token != null) {
      return new Hit(token.kind(), name, value, token.confidence(), token.reason());
    }
    List<SecretTokens.Token> inside = SecretTokens.find(value, 1);
    if (!inside.isEmpty()) {
      SecretTokens.Token found = inside.get(0);
      return new Hit(found.kind(), name, value, found.confidence(), found.reason() + ", inside the value");
    }
    List<SecretTokens.UrlCredential> urls = SecretTokens.urlCredentials(value, 1);
    if (!urls.isEmpty()) {
      return new Hit("password in a URL", name, value, Confidence.HIGH, "a URL with a user and a password");
    }
    if (SecretTokens.isSecretName(name) && !SecretTokens.isPlaceholder(value)) {
      boolean random = SecretTokens.looksRandom(value);
      return new Hit("secret variable", name, value, random ? Confidence.HIGH : Confidence.MEDIUM,
          random ? "the name suggests a secret and the value looks generated"
              : "the name suggests a secret; the value is short or not random, so it may be a setting");
    }
    return null;
  }

  /** Returns the secrets in {@code Env}, by variable in config order. */
  static Map<String, Hit> env(ImageConfig config) {
    Map<String, Hit> hits = new LinkedHashMap<>();
    for (String variable : config.env()) {
      int equals = variable.indexOf('=');
      String name = equals < 0 ? variable : variable.substring(0, equals);
      String value = equals < 0 ? "" : variable.substring(equals + 1);
      Hit hit = scanVariable(name, value);
      if (hit != null) {
        hits.put(name, hit);
      }
    }
    return hits;
  }

  /** Returns the secrets in {@code Labels}, by label key in sorted order. */
  static Map<String, Hit> labels(ImageConfig config) {
    Map<String, Hit> hits = new LinkedHashMap<>();
    config.labels().keySet().stream().sorted().forEach(key -> {
      Hit hit = scanVariable(key, config.labels().get(key));
      if (hit != null) {
        hits.put(key, hit);
      }
    });
    return hits;
  }

  /**
   * Returns the secrets in the history, one entry per history line that has any. {@code ENV} values
   * that the final {@code Env} still contains are left to the env check.
   */
  static List<HistoryHits> history(ImageConfig config) {
    Set<String> finalEnv = Set.copyOf(config.env());
    List<HistoryHits> result = new ArrayList<>();
    int layer = 0;
    List<HistoryEntry> entries = config.history();
    for (int index = 0; index < entries.size(); index++) {
      HistoryEntry entry = entries.get(index);
      int entryLayer = entry.emptyLayer() ? -1 : layer;
      if (!entry.emptyLayer()) {
        layer++;
      }
      String line = entry.createdBy() == null ? "" : entry.createdBy();
      List<Hit> hits = scanHistoryLine(line, finalEnv);
      if (entry.comment() != null) {
        hits.addAll(scanFreeText(entry.comment()));
      }
      if (!hits.isEmpty()) {
        result.add(new HistoryHits(index, entryLayer, hits, redactLine(line, hits)));
      }
    }
    return result;
  }

  /** Returns the secrets in one history line. */
  static List<Hit> scanHistoryLine(String line, Set<String> finalEnv) {
    List<Hit> hits = new ArrayList<>();
    String rest = line.strip();
    Matcher buildArgs = CLASSIC_BUILD_ARGS.matcher(rest);
    Matcher buildKitArgs = BUILDKIT_BUILD_ARGS.matcher(rest);
    Matcher active = buildArgs.find() ? buildArgs : (buildKitArgs.find() ? buildKitArgs : null);
    if (active != null) {
      int count = Integer.parseInt(active.group(1));
      String[] words = rest.substring(active.end()).split("\\s+", count + 1);
      for (int i = 0; i < Math.min(count, words.length); i++) {
        int equals = words[i].indexOf('=');
        if (equals > 0) {
          addVariable(hits, "build argument", words[i].substring(0, equals), words[i].substring(equals + 1));
        }
      }
      rest = words.length > count ? words[count] : "";
    }
    Matcher nop = NOP.matcher(rest);
    String instruction = nop.find() ? rest.substring(nop.end()) : rest;
    if (instruction.startsWith("ENV ") || instruction.startsWith("ARG ")) {
      boolean env = instruction.startsWith("ENV ");
      for (String[] pair : assignments(instruction.substring(4).strip())) {
        if (!(env && finalEnv.contains(pair[0] + "=" + pair[1]))) {
          addVariable(hits, env ? "ENV value" : "ARG default", pair[0], pair[1]);
        }
      }
      return hits;
    }
    hits.addAll(scanCommand(rest));
    return hits;
  }

  /** Inline assignments, credential flags, tokens and URL passwords in a shell command. */
  private static List<Hit> scanCommand(String command) {
    List<Hit> hits = new ArrayList<>();
    Matcher assignment = INLINE_ASSIGNMENT.matcher(command);
    while (assignment.find()) {
      addVariable(hits, "inline variable", assignment.group(1), SecretTokens.unquote(assignment.group(2)));
    }
    Matcher flag = SECRET_FLAG.matcher(command);
    while (flag.find()) {
      addLiteral(hits, "--" + flag.group(1) + " argument", SecretTokens.unquote(flag.group(2)));
    }
    Matcher login = LOGIN_PASSWORD.matcher(command);
    while (login.find()) {
      addLiteral(hits, "login password", SecretTokens.unquote(login.group(1)));
    }
    Matcher userFlag = USER_PASSWORD_FLAG.matcher(command);
    while (userFlag.find()) {
      addLiteral(hits, "password for user " + userFlag.group(1), userFlag.group(2));
    }
    for (Hit hit : scanFreeText(command)) {
      if (!contains(hits, hit.value())) {
        hits.add(hit);
      }
    }
    return hits;
  }

  /** Tokens with a known format and URL passwords anywhere in the text. */
  private static List<Hit> scanFreeText(String text) {
    List<Hit> hits = new ArrayList<>();
    for (SecretTokens.Token token : SecretTokens.find(text, 20)) {
      hits.add(new Hit(token.kind(), null, token.value(), token.confidence(), token.reason()));
    }
    for (SecretTokens.UrlCredential url : SecretTokens.urlCredentials(text, 20)) {
      hits.add(new Hit("password in a URL for user " + url.user(), null, url.password(), Confidence.HIGH,
          "a URL with a user and a password"));
    }
    return hits;
  }

  private static void addVariable(List<Hit> hits, String where, String name, String value) {
    Hit hit = scanVariable(name, value);
    if (hit != null && !contains(hits, hit.value())) {
      hits.add(new Hit(where + ": " + hit.kind(), hit.name(), hit.value(), hit.confidence(), hit.reason()));
    }
  }

  private static void addLiteral(List<Hit> hits, String kind, String value) {
    if (!SecretTokens.isPlaceholder(value) && !value.startsWith("$") && !contains(hits, value)) {
      hits.add(new Hit(kind, null, value, Confidence.MEDIUM, "a credential written into the command line"));
    }
  }

  private static boolean contains(List<Hit> hits, String value) {
    return hits.stream().anyMatch(hit -> hit.value().equals(value));
  }

  /**
   * Splits the arguments of {@code ENV} or {@code ARG}: {@code A=b C="d e"} gives two pairs; the
   * legacy form {@code ENV A b c} gives one pair with the rest of the line as value.
   */
  static List<String[]> assignments(String arguments) {
    List<String[]> pairs = new ArrayList<>();
    if (arguments.isEmpty()) {
      return pairs;
    }
    int space = arguments.indexOf(' ');
    String first = space < 0 ? arguments : arguments.substring(0, space);
    if (!first.contains("=")) {
      if (space > 0) {
        pairs.add(new String[] {first, arguments.substring(space + 1).strip()});
      }
      return pairs;
    }
    Matcher matcher = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]{0,127})=(\"(?:[^\"\\\\]|\\\\.){0,4096}\"|'[^']{0,4096}'"
        + "|(?:[^\\s\\\\]|\\\\.){0,4096})").matcher(arguments);
    while (matcher.find()) {
      pairs.add(new String[] {matcher.group(1), SecretTokens.unquote(matcher.group(2))});
    }
    return pairs;
  }

  /** Replaces every found value in the line with its redaction, and any other URL password too. */
  static String redactLine(String line, List<Hit> hits) {
    String redacted = line;
    List<Hit> longestFirst = new ArrayList<>(hits);
    longestFirst.sort((a, b) -> Integer.compare(b.value().length(), a.value().length()));
    for (Hit hit : longestFirst) {
      redacted = Redaction.replace(redacted, hit.value());
    }
    redacted = Redaction.urlCredentials(redacted);
    return redacted.length() > MAX_SHOWN_LINE ? redacted.substring(0, MAX_SHOWN_LINE) + "…" : redacted;
  }
}
