package io.hullscope.sbom;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the name, version, licenses and runtime dependency names from the Ruby code of an
 * installed gemspec without evaluating it. Only the statement forms that {@code
 * Gem::Specification#to_ruby} writes are recognized, one statement a line:
 *
 * <pre>
 *   s.name = "bundler".freeze          (older RubyGems: s.name = %q{bundler})
 *   s.version = "2.1.4"
 *   s.platform = "x86_64-linux".freeze  (only for a gem built for one platform)
 *   s.licenses = ["MIT".freeze]        (or s.license = "MIT")
 *   s.add_runtime_dependency(%q&lt;rack&gt;.freeze, ["~&gt; 2.0"])
 * </pre>
 *
 * <p>A statement spread over several lines, or a value built by Ruby code (a method call, a
 * variable, string concatenation), gives no value for that field. Every scan is linear in the
 * line length and uses no recursion, so a hostile line cannot exhaust the stack.
 */
final class GemspecParser {

  /**
   * Fields read from a gemspec. Name, version and platform are null when absent, and the lists
   * keep file order.
   */
  record Fields(String name, String version, String platform, List<String> licenses, List<String> dependencies) {}

  private static final Pattern STATEMENT = Pattern.compile(
      "\\s*[a-z_][A-Za-z0-9_]*\\."
          + "(name|version|platform|licenses|license|add_runtime_dependency|add_development_dependency|add_dependency)\\b");

  // RubyGems accepts letters, digits, dot, dash and underscore in a gem name, with at least one letter.
  private static final Pattern GEM_NAME = Pattern.compile("[A-Za-z0-9._-]*[A-Za-z][A-Za-z0-9._-]*");

  private GemspecParser() {}

  static boolean isValidName(String name) {
    return GEM_NAME.matcher(name).matches();
  }

  static Fields parse(String text) {
    String name = null;
    String version = null;
    String platform = null;
    Set<String> licenses = new LinkedHashSet<>();
    Set<String> runtime = new LinkedHashSet<>();
    Set<String> development = new LinkedHashSet<>();
    for (String line : text.split("\r?\n|\r")) {
      Matcher statement = STATEMENT.matcher(line);
      if (!statement.lookingAt()) {
        continue;
      }
      Scanner scanner = new Scanner(line, statement.end());
      switch (statement.group(1)) {
        case "name" -> name = name != null ? name : scanner.assignedString();
        case "version" -> version = version != null ? version : scanner.assignedString();
        case "platform" -> platform = platform != null ? platform : scanner.assignedString();
        case "license", "licenses" -> licenses.addAll(scanner.assignedStrings());
        case "add_development_dependency" -> addIfValid(development, scanner.firstArgument());
        default -> addIfValid(runtime, scanner.firstArgument());
      }
    }
    // Older RubyGems wrote every dependency a second time as add_dependency in a fallback branch
    // for old RubyGems versions, development dependencies included. Removing the development
    // names afterwards keeps only the runtime ones in both the old and the new form.
    runtime.removeAll(development);
    return new Fields(name, version, platform, cleanLicenses(licenses), List.copyOf(runtime));
  }

  private static void addIfValid(Set<String> names, String name) {
    if (name != null && isValidName(name)) {
      names.add(name);
    }
  }

  private static List<String> cleanLicenses(Set<String> values) {
    List<String> licenses = new ArrayList<>();
    for (String value : values) {
      String license = value.strip();
      if (!license.isEmpty() && !JsonMetadataReader.containsControlCharacter(license)) {
        licenses.add(license);
      }
    }
    return licenses;
  }

  /** A cursor over one line that reads Ruby string literals and arrays of them. */
  private static final class Scanner {

    private final String line;
    private int position;

    Scanner(String line, int position) {
      this.line = line;
      this.position = position;
    }

    /** Reads {@code = "literal"}; returns null when the value is not a string literal. */
    String assignedString() {
      return skipAssignment() ? literal() : null;
    }

    /** Reads {@code = ["a", "b"]} or {@code = "a"}; returns an empty list for any other value. */
    List<String> assignedStrings() {
      if (!skipAssignment()) {
        return List.of();
      }
      if (peek() != '[') {
        String single = literal();
        return single == null ? List.of() : List.of(single);
      }
      position++;
      List<String> values = new ArrayList<>();
      while (true) {
        skipSpaces();
        if (peek() == ']') {
          return values;
        }
        String value = literal();
        if (value == null) {
          return List.of();
        }
        values.add(value);
        skipSpaces();
        if (peek() == ',') {
          position++;
        } else if (peek() != ']') {
          return List.of();
        }
      }
    }

    /** Reads the first argument of a call as a string literal, after an optional opening parenthesis. */
    String firstArgument() {
      skipSpaces();
      if (peek() == '(') {
        position++;
        skipSpaces();
      }
      return literal();
    }

    private boolean skipAssignment() {
      skipSpaces();
      if (peek() != '=' || peekAt(position + 1) == '=') {
        return false;
      }
      position++;
      skipSpaces();
      return true;
    }

    /**
     * Reads one string literal: {@code "double"}, {@code 'single'}, or {@code %q}, {@code %Q} or
     * {@code %} with {@code {} <> () []} delimiters, optionally followed by {@code .freeze}.
     * Returns the decoded text, or null when there is no complete literal here.
     */
    String literal() {
      char first = peek();
      String value;
      if (first == '"' || first == '\'') {
        int end = closingQuote(position + 1, first);
        if (end < 0) {
          return null;
        }
        String body = line.substring(position + 1, end);
        value = first == '"' ? RubyStrings.unescapeDouble(body) : RubyStrings.unescapeSingle(body);
        position = end + 1;
      } else if (first == '%') {
        int open = position + 1;
        boolean interpolating = true;
        if (peekAt(open) == 'q' || peekAt(open) == 'Q') {
          interpolating = peekAt(open) == 'Q';
          open++;
        }
        char closing = closingDelimiter(peekAt(open));
        if (closing == 0) {
          return null;
        }
        // NOTE: nested delimiters, which Ruby allows (%q{a{b}c}), end the literal early here;
        // gem names, versions and licenses contain none.
        int end = line.indexOf(closing, open + 1);
        if (end < 0) {
          return null;
        }
        String body = line.substring(open + 1, end);
        value = interpolating ? RubyStrings.unescapeDouble(body) : body;
        position = end + 1;
      } else {
        return null;
      }
      if (line.startsWith(".freeze", position)) {
        position += ".freeze".length();
      }
      return value;
    }

    /** Returns the index of the quote that ends a literal opened before {@code start}, or -1. */
    private int closingQuote(int start, char quote) {
      for (int i = start; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          return i;
        }
      }
      return -1;
    }

    private static char closingDelimiter(char open) {
      return switch (open) {
        case '{' -> '}';
        case '<' -> '>';
        case '(' -> ')';
        case '[' -> ']';
        default -> 0;
      };
    }

    private void skipSpaces() {
      while (position < line.length() && (line.charAt(position) == ' ' || line.charAt(position) == '\t')) {
        position++;
      }
    }

    private char peek() {
      return peekAt(position);
    }

    private char peekAt(int index) {
      return index < line.length() ? line.charAt(index) : 0;
    }
  }
}
