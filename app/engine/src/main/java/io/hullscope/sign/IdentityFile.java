package io.hullscope.sign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and writes {@code identities.yaml} of a trust folder: a list of expected keyless signers.
 *
 * <pre>
 * - name: release workflow
 *   subject: https://github.com/example/app/.github/workflows/release.yml@refs/heads/main
 *   issuer: https://token.actions.githubusercontent.com
 * - name: maintainers
 *   subjectPattern: ".*@example\\.com"
 *   issuer: https://accounts.google.com
 * </pre>
 *
 * <p>Each entry needs a unique {@code name}, exactly one of {@code subject} and {@code
 * subjectPattern}, and exactly one of {@code issuer} and {@code issuerPattern}. A pattern is a Java
 * regular expression that must match the whole value. Errors name the file and line.
 */
final class IdentityFile {

  /** Largest file read; one entry takes about 200 bytes. */
  static final int MAX_BYTES = 256 * 1024;
  /** Maximum number of entries. */
  static final int MAX_ENTRIES = 1000;

  private static final List<String> FIELDS = List.of("name", "subject", "subjectPattern", "issuer", "issuerPattern");
  // Pattern.quote writes \Q...\E; such a pattern is written back as an exact value.
  private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("\\\\Q(.*?)\\\\E");

  private IdentityFile() {}

  /**
   * Parses the file's bytes; {@code name} is the file name used in error messages.
   *
   * @throws IOException naming the file and line of the first problem
   */
  static List<IdentityRule> parse(String name, byte[] bytes) throws IOException {
    if (bytes.length > MAX_BYTES) {
      throw new IOException(name + ": the file is larger than " + MAX_BYTES + " bytes");
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new IOException(name + ": the file contains NUL bytes, so it is not YAML");
      }
    }
    try (JsonParser parser = factory().createParser(new String(bytes, StandardCharsets.UTF_8))) {
      return entries(name, parser);
    } catch (StreamReadException e) {
      throw new IOException(name + ", line " + syntaxErrorLine(e) + ": invalid YAML: " + e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      // SnakeYAML reports some syntax errors as its own runtime exceptions.
      throw new IOException(name + ": invalid YAML: " + e.getMessage(), e);
    }
  }

  /** Writes the rules as YAML in the layout {@link #parse} reads; every rule needs a name. */
  static byte[] write(List<IdentityRule> rules) throws IOException {
    List<Map<String, String>> entries = new ArrayList<>();
    for (IdentityRule rule : rules) {
      if (rule.name() == null || rule.name().isBlank()) {
        throw new IllegalArgumentException("an identity rule in the trust folder needs a name");
      }
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("name", rule.name());
      put(entry, "subject", rule.subject(), rule.regex());
      put(entry, "issuer", rule.issuer(), rule.regex());
      entries.add(entry);
    }
    // Every value is double-quoted, so names such as 2024, ~ or no read back as text.
    YAMLMapper mapper = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    return mapper.writeValueAsBytes(entries);
  }

  private static void put(Map<String, String> entry, String field, String value, boolean regex) {
    java.util.regex.Matcher quoted = QUOTED.matcher(value);
    if (!regex) {
      entry.put(field, value);
    } else if (quoted.matches() && !quoted.group(1).contains("\\E")) {
      entry.put(field, quoted.group(1));
    } else {
      entry.put(field + "Pattern", value);
    }
  }

  private static List<IdentityRule> entries(String name, JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return List.of();
    }
    if (first != JsonToken.START_ARRAY) {
      throw error(name, parser, "the file must be a list of identities, each with name, subject and issuer");
    }
    List<IdentityRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new IOException(name + ": the list of identities ends early");
      }
      if (token != JsonToken.START_OBJECT) {
        throw error(name, parser, "an identity must be a mapping with name, subject and issuer");
      }
      if (rules.size() >= MAX_ENTRIES) {
        throw error(name, parser, "more than " + MAX_ENTRIES + " identities");
      }
      int line = line(parser);
      IdentityRule rule = entry(name, parser, line);
      if (!names.add(rule.name())) {
        throw new IOException(name + ", line " + line + ": the name '" + rule.name() + "' is used twice");
      }
      rules.add(rule);
    }
    return rules;
  }

  private static IdentityRule entry(String name, JsonParser parser, int line) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      if (!FIELDS.contains(field)) {
        throw error(name, parser, "unknown field '" + field + "'; the fields are " + String.join(", ", FIELDS));
      }
      JsonToken value = parser.nextToken();
      if (value != JsonToken.VALUE_STRING || parser.getText().isBlank()) {
        throw error(name, parser, "'" + field + "' must be a non-empty text");
      }
      values.put(field, parser.getText());
    }
    String ruleName = values.get("name");
    if (ruleName == null) {
      throw new IOException(name + ", line " + line + ": the identity has no 'name'");
    }
    String subject = pick(name, line, values, "subject");
    String issuer = pick(name, line, values, "issuer");
    boolean regex = values.containsKey("subjectPattern") || values.containsKey("issuerPattern");
    try {
      if (!regex) {
        return new IdentityRule(subject, issuer, false, ruleName);
      }
      // IdentityRule has one flag for both values, so an exact value becomes a quoted pattern.
      String subjectPattern = values.containsKey("subject") ? Pattern.quote(subject) : subject;
      String issuerPattern = values.containsKey("issuer") ? Pattern.quote(issuer) : issuer;
      return new IdentityRule(subjectPattern, issuerPattern, true, ruleName);
    } catch (PatternSyntaxException e) {
      throw new IOException(name + ", line " + line + ": invalid regular expression in identity '" + ruleName
          + "': " + e.getDescription() + " in " + e.getPattern(), e);
    }
  }

  /** Returns the value of {@code field} or {@code fieldPattern}, requiring exactly one of them. */
  private static String pick(String name, int line, Map<String, String> values, String field) throws IOException {
    String exact = values.get(field);
    String pattern = values.get(field + "Pattern");
    if (exact != null && pattern != null) {
      throw new IOException(name + ", line " + line + ": write either '" + field + "' or '" + field
          + "Pattern', not both");
    }
    if (exact == null && pattern == null) {
      throw new IOException(name + ", line " + line + ": the identity '" + values.get("name") + "' has no '"
          + field + "' or '" + field + "Pattern'");
    }
    return exact != null ? exact : pattern;
  }

  private static IOException error(String name, JsonParser parser, String message) {
    return new IOException(name + ", line " + line(parser) + ": " + message);
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  /** Returns SnakeYAML's problem line, which is where the error is, else Jackson's location. */
  private static int syntaxErrorLine(StreamReadException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return marked.getProblemMark().getLine() + 1;
    }
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }

  private static YAMLFactory factory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES);
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(20);
    options.setAllowDuplicateKeys(false);
    return YAMLFactory.builder().loaderOptions(options).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }
}
