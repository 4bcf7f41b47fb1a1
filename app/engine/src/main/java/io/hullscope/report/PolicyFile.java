package io.hullscope.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hullscope.check.CheckDefinition;
import io.hullscope.check.CheckPolicy;
import io.hullscope.check.CheckSettings;
import io.hullscope.check.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML policy file into a {@link CheckPolicy}. The format is documented in
 * {@code docs/checks.md} under "Policy file":
 *
 * <pre>
 * version: 1
 * failOn: high
 * checks:
 *   ROOT-USER:
 *     severity: critical
 *   USER-NOT-NUMERIC:
 *     enabled: false
 *   WASTED-SPACE:
 *     thresholds:
 *       bytes: 10485760
 * </pre>
 *
 * <p>Every key is checked: an unknown key, an unknown check id, a wrong type or a duplicate key is
 * an error that names the file and line. The file is read through Jackson's streaming YAML parser,
 * which keeps token positions and does not expand aliases.
 */
public final class PolicyFile {

  /** Largest policy file read by default; real policies are a few hundred bytes. */
  public static final int DEFAULT_MAX_BYTES = 256 * 1024;

  /** The only format version so far. */
  static final int VERSION = 1;

  private static final Pattern THRESHOLD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  private static final List<String> TOP_KEYS = List.of("version", "failOn", "checks");
  private static final List<String> CHECK_KEYS = List.of("enabled", "severity", "thresholds");

  private final Map<String, CheckDefinition> known = new LinkedHashMap<>();
  private final int maxBytes;

  /**
   * @param definitions the checks a policy may name; any other id is an error
   * @param maxBytes largest file accepted
   */
  public PolicyFile(Collection<CheckDefinition> definitions, int maxBytes) {
    definitions.forEach(definition -> known.put(definition.id(), definition));
    this.maxBytes = maxBytes;
  }

  /** Creates a reader for the given checks with the default size limit. */
  public PolicyFile(Collection<CheckDefinition> definitions) {
    this(definitions, DEFAULT_MAX_BYTES);
  }

  /**
   * Reads the policy in {@code file}.
   *
   * @throws PolicyFileException when the file cannot be read or is not a valid policy
   */
  public CheckPolicy read(Path file) throws PolicyFileException {
    String name = file.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw new PolicyFileException(name, 0, "cannot read the policy file (" + describe(e)
          + "); check the path and its permissions", e);
    }
    return parse(name, bytes);
  }

  /**
   * Parses policy text; {@code name} is used in error messages.
   *
   * @throws PolicyFileException when it is not a valid policy
   */
  public CheckPolicy parse(String name, byte[] bytes) throws PolicyFileException {
    if (bytes.length > maxBytes) {
      throw new PolicyFileException(name, 0, "the policy file is larger than " + maxBytes + " bytes;"
          + " a policy needs only a few lines", null);
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new PolicyFileException(name, 0, "the file contains NUL bytes, so it is not a YAML policy", null);
      }
    }
    try (JsonParser parser = factory().createParser(new String(bytes, StandardCharsets.UTF_8))) {
      return new Reader(name, parser).document();
    } catch (PolicyFileException e) {
      throw e;
    } catch (StreamReadException e) {
      throw new PolicyFileException(name, syntaxErrorLine(e), "invalid YAML: " + problemLines(e.getOriginalMessage()),
          e);
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports some syntax errors as its own runtime exceptions.
      throw new PolicyFileException(name, 0, "invalid YAML: " + problemLines(describe(e)), e);
    }
  }

  /**
   * Returns the line of a YAML syntax error. SnakeYAML's problem mark is where the error is; the
   * location Jackson reports is where the enclosing construct started, often a line earlier.
   */
  private static int syntaxErrorLine(StreamReadException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return marked.getProblemMark().getLine() + 1;
    }
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }

  private YAMLFactory factory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(maxBytes);
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(20);
    options.setAllowDuplicateKeys(false);
    return YAMLFactory.builder()
        .loaderOptions(options)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  /** Walks the tokens of one policy document, remembering what it read. */
  private final class Reader {
    private final String name;
    private final JsonParser parser;
    private final Set<String> disabled = new LinkedHashSet<>();
    private final Map<String, Severity> severities = new LinkedHashMap<>();
    private final Map<String, String> thresholds = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private Severity failOn;

    Reader(String name, JsonParser parser) {
      this.name = name;
      this.parser = parser;
    }

    CheckPolicy document() throws IOException {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw error("the policy file is empty; write at least 'version: 1'");
      }
      expectObject(first, "the policy file", "a mapping of keys such as failOn and checks");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (key) {
          case "version" -> version(value);
          case "failOn" -> failOn = failOn(value);
          case "checks" -> checks(value);
          default -> throw unknownKey(key, "at the top level", TOP_KEYS);
        }
      }
      if (parser.nextToken() != null) {
        throw error("the file contains more than one YAML document; keep one policy per file");
      }
      return new CheckPolicy(disabled, severities, new CheckSettings(thresholds, origins), failOn);
    }

    private void version(JsonToken value) throws IOException {
      if (value != JsonToken.VALUE_NUMBER_INT || parser.getValueAsInt() != VERSION) {
        throw error("version must be " + VERSION + ", not " + shown(value));
      }
    }

    private Severity failOn(JsonToken value) throws IOException {
      String text = scalarText(value, "failOn", "a severity such as high, or never");
      String normalized = text.strip().toLowerCase(Locale.ROOT);
      if (normalized.equals("never") || normalized.equals("none")) {
        return null;
      }
      return severity(text, "failOn");
    }

    private void checks(JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_NULL) {
        return;
      }
      expectObject(value, "checks", "a mapping from check id to its settings");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String id = parser.currentName();
        if (!known.containsKey(id)) {
          throw error("unknown check id '" + id + "'" + suggestion(id, known.keySet())
              + "; docs/checks.md lists the ids");
        }
        check(id, parser.nextToken());
      }
    }

    private void check(String id, JsonToken value) throws IOException {
      expectObject(value, id, "a mapping with enabled, severity or thresholds");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken setting = parser.nextToken();
        switch (key) {
          case "enabled" -> {
            if (!setting.isBoolean()) {
              throw error("enabled of " + id + " must be true or false, not " + shown(setting));
            }
            if (setting == JsonToken.VALUE_FALSE) {
              disabled.add(id);
            }
          }
          case "severity" -> severities.put(id, severity(scalarText(setting, "severity of " + id,
              "one of critical, high, medium, low, info"), "severity of " + id));
          case "thresholds" -> thresholds(id, setting);
          default -> throw unknownKey(key, "in check " + id, CHECK_KEYS);
        }
      }
    }

    private void thresholds(String id, JsonToken value) throws IOException {
      expectObject(value, "thresholds of " + id, "a mapping from threshold name to a value");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String threshold = parser.currentName();
        if (!THRESHOLD_NAME.matcher(threshold).matches()) {
          throw error("invalid threshold name '" + threshold + "' in " + id
              + "; use letters, digits, '-' and '_', starting with a letter");
        }
        JsonToken setting = parser.nextToken();
        if (!setting.isScalarValue() || setting == JsonToken.VALUE_NULL) {
          throw error("threshold " + threshold + " of " + id + " must be a number, text or true/false, not "
              + shown(setting));
        }
        thresholds.put(id + "." + threshold, parser.getText());
        // The checks read the value later; the origin lets their error name the line.
        origins.put(id + "." + threshold, name + " line " + parser.currentTokenLocation().getLineNr());
      }
    }

    private Severity severity(String text, String what) throws PolicyFileException {
      try {
        return Severity.valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw error(what + " must be one of critical, high, medium, low, info, not '" + text + "'");
      }
    }

    private String scalarText(JsonToken value, String what, String expected) throws IOException {
      if (value != JsonToken.VALUE_STRING) {
        throw error(what + " must be " + expected + ", not " + shown(value));
      }
      return parser.getText();
    }

    private void expectObject(JsonToken value, String what, String expected) throws IOException {
      if (value != JsonToken.START_OBJECT) {
        throw error(what + " must be " + expected + ", not " + shown(value));
      }
    }

    private PolicyFileException unknownKey(String key, String where, List<String> allowed) {
      return error("unknown key '" + key + "' " + where + suggestion(key, allowed) + "; allowed keys: "
          + String.join(", ", allowed));
    }

    private PolicyFileException error(String problem) {
      return new PolicyFileException(name, parser.currentTokenLocation().getLineNr(), problem, null);
    }

    /** Names the type of a value for error messages: a list, a mapping, a number... */
    private String shown(JsonToken token) throws IOException {
      if (token == null) {
        return "nothing";
      }
      return switch (token) {
        case START_ARRAY -> "a list";
        case START_OBJECT -> "a mapping";
        case VALUE_NULL -> "an empty value";
        case VALUE_TRUE, VALUE_FALSE -> "'" + parser.getText() + "' (true/false)";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
        case VALUE_STRING -> "'" + parser.getText() + "'";
        default -> token.asString() == null ? token.name() : token.asString();
      };
    }
  }

  /** Returns {@code ; did you mean 'X'?} for a name close to one of the candidates, or nothing. */
  static String suggestion(String wrong, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(wrong.toUpperCase(Locale.ROOT), candidate.toUpperCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(1, Math.min(3, wrong.length() / 3))
        ? "; did you mean '" + best + "'?" : "";
  }

  /** Levenshtein distance, for suggestions only. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Returns the lines of a SnakeYAML message that describe the problem, joined by "; ". The
   * position and the quoted source lines that follow them are left out because the error names the
   * line already.
   */
  private static String problemLines(String text) {
    if (text == null) {
      return "";
    }
    return text.lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("in '"))
        .map(String::strip)
        .reduce((a, b) -> a + "; " + b)
        .orElse(text.strip());
  }
}
