package io.hullscope.check;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in the content of one file: the entries of known credential files ({@code .env},
 * {@code .npmrc}, {@code .pypirc}, {@code .netrc}, Docker's {@code config.json},
 * {@code .git-credentials}, {@code .aws/credentials}, kubeconfig), private keys, tokens with a known
 * format and passwords in URLs. Every hit is redacted before it leaves this class.
 *
 * <p>Binary files (any NUL byte) are not scanned. Hits in documentation, man pages, test and
 * example folders, {@code node_modules/PACKAGE/test}, Markdown files and example {@code .env} files
 * get {@link Confidence#LOW}, because examples are common there.
 */
final class SecretFileScanner {

  static final String SECRET_IN_FILE = "SECRET-IN-FILE";
  static final String CREDENTIAL_FILE = "CREDENTIAL-FILE";

  /** The maximum number of hits kept for one file, so a file full of tokens cannot fill the memory. */
  static final int MAX_HITS_PER_FILE = 50;

  /** Folder names where example and test data are common. */
  private static final Set<String> EXAMPLE_FOLDERS = Set.of(
      "test", "tests", "testdata", "test-data", "test_data", "fixtures", "fixture", "__tests__", "spec", "specs",
      "example", "examples", "sample", "samples", "demo", "docs", "doc", "testing", "mocks", "__mocks__");

  /** Suffixes of example {@code .env} files, which hold placeholders by convention. */
  private static final Set<String> EXAMPLE_ENV_SUFFIXES = Set.of(
      ".example", ".sample", ".template", ".dist", ".defaults", ".default", ".tmpl", ".tpl");

  private static final Pattern ASSIGNMENT = Pattern.compile(
      "^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]{0,127})\\s*=\\s*(.*)$");

  private static final Pattern KUBE_SECRET = Pattern.compile(
      "^\\s*(?:-\\s*)?(token|client-key-data|password|id-token|refresh-token)\\s*:\\s*(.+)$");

  private static final Pattern AWS_NAMED_SECRET = Pattern.compile(
      "(?i)aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static {
    JSON.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1 << 20).build());
  }

  private final String path;
  private final String text;
  private final CredentialFile credentialFile;
  private final List<SecretHit> hits = new ArrayList<>();
  /** Values already reported, so a token inside an npm auth line is not reported twice. */
  private final List<String> reportedValues = new ArrayList<>();
  private int[] lineStarts;

  private SecretFileScanner(String path, String text) {
    this.path = path;
    this.text = text;
    this.credentialFile = CredentialFile.of(path);
  }

  /**
   * Returns the redacted secrets in a file's content, at most {@link #MAX_HITS_PER_FILE}.
   *
   * @param path the file's path without a leading slash, which decides how it is parsed
   */
  static List<SecretHit> scan(String path, byte[] content) {
    for (byte b : content) {
      if (b == 0) {
        return List.of();
      }
    }
    // ISO-8859-1 maps each byte to one char, so no input is rejected and offsets stay byte offsets.
    SecretFileScanner scanner = new SecretFileScanner(path, new String(content, StandardCharsets.ISO_8859_1));
    scanner.scanCredentialFile();
    scanner.scanKeys();
    scanner.scanTokens();
    scanner.scanUrls();
    scanner.pairAwsKeys();
    return scanner.placeAdjusted();
  }

  /** Returns true when {@code path} is in a place where examples and test fixtures are common. */
  static boolean isExamplePlace(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.startsWith("usr/share/doc/") || lower.startsWith("usr/share/man/") || lower.startsWith("usr/share/info/")
        || lower.endsWith(".md") || lower.endsWith(".rst") || lower.endsWith(".adoc")) {
      return true;
    }
    String[] parts = lower.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (EXAMPLE_FOLDERS.contains(parts[i])) {
        return true;
      }
    }
    String name = parts[parts.length - 1];
    if (name.startsWith(".env")) {
      for (String suffix : EXAMPLE_ENV_SUFFIXES) {
        if (name.endsWith(suffix)) {
          return true;
        }
      }
    }
    return name.contains("example") || name.contains("sample");
  }

  private void scanCredentialFile() {
    if (credentialFile == null) {
      return;
    }
    switch (credentialFile) {
      case DOTENV -> scanAssignments();
      case NPMRC -> scanKeyValues(key -> key.endsWith("_authtoken") || key.endsWith("_auth")
          || key.endsWith("_password"), "npm credential");
      case PYPIRC -> scanKeyValues(key -> key.equals("password"), "PyPI password");
      case NETRC -> scanNetrc();
      case DOCKER_CONFIG -> scanDockerConfig();
      case GIT_CREDENTIALS -> { } // Its lines are URLs with passwords, found by scanUrls.
      case AWS_CREDENTIALS -> scanKeyValues(
          key -> key.equals("aws_secret_access_key") || key.equals("aws_session_token"), SecretTokens.AWS_SECRET_KEY);
      case KUBE_CONFIG -> scanKubeConfig();
    }
  }

  /** {@code NAME=value} lines of a {@code .env} file. */
  private void scanAssignments() {
    forEachLine((line, offset) -> {
      Matcher matcher = ASSIGNMENT.matcher(line);
      if (!matcher.matches()) {
        return;
      }
      String name = matcher.group(1);
      String value = envValue(matcher.group(2));
      SecretTokens.Token token = SecretTokens.whole(value);
      if (token != null) {
        add(CREDENTIAL_FILE, token.kind(), Redaction.assignment(name, value), value, offset, token.confidence(),
            token.reason());
      } else if (SecretTokens.isSecretName(name) && !SecretTokens.isPlaceholder(value)) {
        String kind = isAwsSecretName(name) ? SecretTokens.AWS_SECRET_KEY : "secret variable";
        boolean random = SecretTokens.looksRandom(value);
        add(CREDENTIAL_FILE, kind, Redaction.assignment(name, value), value, offset,
            random ? Confidence.HIGH : Confidence.MEDIUM,
            random ? "the name suggests a secret and the value looks generated"
                : "the name suggests a secret; the value is short or not random, so it may be a setting");
      }
    });
  }

  /** {@code key = value} lines (ini, npmrc) whose key, in lower case, passes {@code wanted}. */
  private void scanKeyValues(java.util.function.Predicate<String> wanted, String kind) {
    forEachLine((line, offset) -> {
      String stripped = line.strip();
      if (stripped.startsWith("#") || stripped.startsWith(";")) {
        return;
      }
      int equals = stripped.indexOf('=');
      if (equals <= 0) {
        return;
      }
      String key = stripped.substring(0, equals).strip();
      String value = SecretTokens.unquote(stripped.substring(equals + 1).strip());
      if (wanted.test(key.toLowerCase(Locale.ROOT)) && !SecretTokens.isPlaceholder(value)) {
        // An npm key starts with the registry, for example //registry.npmjs.org/:_authToken.
        String shownKey = key.substring(key.lastIndexOf(':') + 1);
        add(CREDENTIAL_FILE, kind, Redaction.assignment(shownKey, value), value, offset, Confidence.HIGH,
            "a non-empty credential in " + credentialFile.description());
      }
    });
  }

  /** {@code password} tokens of a {@code .netrc}, which separates tokens by any whitespace. */
  private void scanNetrc() {
    Matcher matcher = Pattern.compile("(?<=^|\\s)password\\s+(\\S{1,1024})").matcher(text);
    while (hits.size() < MAX_HITS_PER_FILE && matcher.find()) {
      String value = matcher.group(1);
      if (!SecretTokens.isPlaceholder(value)) {
        add(CREDENTIAL_FILE, "netrc password", "password " + Redaction.value(value), value, matcher.start(),
            Confidence.HIGH, "a non-empty password in a .netrc");
      }
    }
  }

  /** Registries in {@code auths} with an {@code auth} or {@code identitytoken}, or the legacy {@code .dockercfg}. */
  private void scanDockerConfig() {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      // NOTE: a config.json that is not valid JSON is not reported; the Docker client cannot use it either.
      return;
    }
    if (root == null || !root.isObject()) {
      return;
    }
    JsonNode auths = root.has("auths") ? root.get("auths") : (path.endsWith(".dockercfg") ? root : null);
    if (auths == null || !auths.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext() && hits.size() < MAX_HITS_PER_FILE;) {
      Map.Entry<String, JsonNode> registry = it.next();
      for (String field : List.of("auth", "identitytoken", "password", "registrytoken")) {
        JsonNode value = registry.getValue().get(field);
        if (value != null && value.isTextual() && !SecretTokens.isPlaceholder(value.asText())) {
          String secret = value.asText();
          add(CREDENTIAL_FILE, "registry credentials for " + Redaction.urlCredentials(registry.getKey()),
              field + "=" + Redaction.value(secret), secret, Math.max(0, text.indexOf(secret)), Confidence.HIGH,
              "a non-empty " + field + " in the auths of a Docker client configuration");
        }
      }
    }
  }

  /** {@code token}, {@code client-key-data} and {@code password} entries of a kubeconfig. */
  private void scanKubeConfig() {
    forEachLine((line, offset) -> {
      Matcher matcher = KUBE_SECRET.matcher(line);
      if (!matcher.matches()) {
        return;
      }
      String value = SecretTokens.unquote(matcher.group(2).strip());
      if (!SecretTokens.isPlaceholder(value)) {
        add(CREDENTIAL_FILE, "kubeconfig " + matcher.group(1), matcher.group(1) + ": " + Redaction.value(value), value,
            offset, Confidence.HIGH, "a non-empty cluster credential in a kubeconfig");
      }
    });
  }

  private void scanKeys() {
    for (SecretPrivateKeys.Key key : SecretPrivateKeys.find(text, MAX_HITS_PER_FILE)) {
      if (hits.size() >= MAX_HITS_PER_FILE) {
        return;
      }
      hits.add(new SecretHit(path, checkIdOfFile(), key.kind(), key.confidence(), key.reason(), key.redacted(),
          lineOf(key.start())));
    }
  }

  private void scanTokens() {
    for (SecretTokens.Token token : SecretTokens.find(text, MAX_HITS_PER_FILE)) {
      if (!alreadyReported(token.value())) {
        add(checkIdOfFile(), token.kind(), Redaction.value(token.value()), token.value(), token.start(),
            token.confidence(), token.reason());
      }
    }
    Matcher named = AWS_NAMED_SECRET.matcher(text);
    while (hits.size() < MAX_HITS_PER_FILE && named.find()) {
      String value = named.group(1);
      if (!alreadyReported(value) && !value.contains("EXAMPLE")) {
        add(checkIdOfFile(), SecretTokens.AWS_SECRET_KEY, Redaction.value(value), value, named.start(1),
            Confidence.MEDIUM, "a 40-character value assigned to an AWS secret access key name");
      }
    }
  }

  private void scanUrls() {
    boolean gitCredentials = credentialFile == CredentialFile.GIT_CREDENTIALS;
    for (SecretTokens.UrlCredential url : SecretTokens.urlCredentials(text, MAX_HITS_PER_FILE)) {
      if (!alreadyReported(url.password())) {
        add(checkIdOfFile(), "password in a URL", url.user() + ":" + Redaction.value(url.password()) + "@",
            url.password(), url.start(), gitCredentials ? Confidence.HIGH : Confidence.MEDIUM,
            gitCredentials ? "a stored Git password or token" : "a URL with a user and a password");
      }
    }
  }

  /** Raises an AWS key id and its secret key in the same file to HIGH, because together they are a usable key pair. */
  private void pairAwsKeys() {
    boolean id = hits.stream().anyMatch(hit -> hit.kind().equals(SecretTokens.AWS_KEY_ID));
    boolean secret = hits.stream().anyMatch(hit -> hit.kind().equals(SecretTokens.AWS_SECRET_KEY));
    if (!id || !secret) {
      return;
    }
    hits.replaceAll(hit -> hit.kind().equals(SecretTokens.AWS_KEY_ID) || hit.kind().equals(SecretTokens.AWS_SECRET_KEY)
        ? new SecretHit(hit.path(), hit.checkId(), hit.kind(), Confidence.HIGH,
            "an AWS access key pair: the key id and its secret access key are in the same file", hit.text(),
            hit.line())
        : hit);
  }

  private List<SecretHit> placeAdjusted() {
    if (!isExamplePlace(path)) {
      return List.copyOf(hits);
    }
    return hits.stream()
        .map(hit -> hit.with(Confidence.LOW, hit.reason() + "; but the file is in a place where examples and test"
            + " data are common"))
        .toList();
  }

  private String checkIdOfFile() {
    return credentialFile == null ? SECRET_IN_FILE : CREDENTIAL_FILE;
  }

  private void add(String checkId, String kind, String redacted, String value, int offset, Confidence confidence,
      String reason) {
    if (hits.size() >= MAX_HITS_PER_FILE) {
      return;
    }
    reportedValues.add(value);
    hits.add(new SecretHit(path, checkId, kind, confidence, reason, redacted, lineOf(offset)));
  }

  private boolean alreadyReported(String value) {
    for (String reported : reportedValues) {
      if (reported.contains(value) || value.contains(reported)) {
        return true;
      }
    }
    return false;
  }

  /** Strips quotes and, for an unquoted value, a trailing {@code # comment}. */
  private static String envValue(String raw) {
    String value = raw.strip();
    if (value.startsWith("\"") || value.startsWith("'")) {
      int close = value.indexOf(value.charAt(0), 1);
      return close > 0 ? value.substring(1, close) : value.substring(1);
    }
    int comment = value.indexOf(" #");
    return comment >= 0 ? value.substring(0, comment).strip() : value;
  }

  private static boolean isAwsSecretName(String name) {
    return SecretTokens.normalizeName(name).contains("SECRET_ACCESS_KEY");
  }

  private interface LineVisitor {
    void visit(String line, int offset);
  }

  private void forEachLine(LineVisitor visitor) {
    int start = 0;
    while (start <= text.length() && hits.size() < MAX_HITS_PER_FILE) {
      int end = text.indexOf('\n', start);
      int stop = end < 0 ? text.length() : end;
      String line = text.substring(start, stop);
      visitor.visit(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, start);
      if (end < 0) {
        return;
      }
      start = end + 1;
    }
  }

  /** Returns the 1-based line of a character offset. */
  private int lineOf(int offset) {
    if (lineStarts == null) {
      int[] starts = new int[16];
      int count = 1;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
          }
          starts[count++] = i + 1;
        }
      }
      lineStarts = Arrays.copyOf(starts, count);
    }
    int found = Arrays.binarySearch(lineStarts, offset);
    return found >= 0 ? found + 1 : -found - 1;
  }
}
