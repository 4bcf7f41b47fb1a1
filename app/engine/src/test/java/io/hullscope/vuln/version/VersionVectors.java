package io.hullscope.vuln.version;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads the public version-comparison vectors: one {@code left<TAB>right<TAB>expected} line each,
 * expected being -1, 0 or 1, with {@code #} comment lines.
 */
final class VersionVectors {

  private VersionVectors() {}

  /** One vector and the line it came from, so that a failure names the line. */
  record Vector(String file, int line, String left, String right, int expected) {
    @Override
    public String toString() {
      return file + ":" + line + " " + left + " vs " + right + " = " + expected;
    }
  }

  /**
   * Returns every vector of {@code versions/<file>} as test arguments, except those whose line
   * numbers are listed in {@code excludedLines}; every excluded line must exist and contain a vector.
   */
  static Stream<Arguments> read(String file, Set<Integer> excludedLines) {
    Path path = TestData.file("versions/" + file);
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Arguments> vectors = new ArrayList<>();
    int excluded = 0;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] fields = text.split("\t", -1);
      if (fields.length != 3) {
        throw new AssertionError(path + ":" + (i + 1) + " does not have three tab-separated fields: " + text);
      }
      if (excludedLines.contains(i + 1)) {
        excluded++;
        continue;
      }
      Vector vector = new Vector(file, i + 1, fields[0], fields[1], Integer.parseInt(fields[2].strip()));
      vectors.add(Arguments.of(vector));
    }
    if (excluded != excludedLines.size()) {
      throw new AssertionError(
          "some excluded lines of " + path + " are not vectors: " + excludedLines);
    }
    if (vectors.isEmpty()) {
      throw new AssertionError(path + " contains no vectors");
    }
    return vectors.stream();
  }
}
