package io.hullscope.sbom;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Splits a text database into blank-line separated paragraphs, keeping line numbers for messages. */
final class Paragraphs {

  /** One line of a paragraph and its 1-based number in the file. */
  record Line(int number, String text) {}

  /** Turns one paragraph into a package, or null when the paragraph lists no installed package. */
  interface PackageReader {
    Package read(List<Line> paragraph) throws MalformedParagraphException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Paragraphs.class);

  private Paragraphs() {}

  /**
   * Reads every paragraph of {@code text}. A malformed paragraph is skipped with a warning, and
   * the file fails only when it has paragraphs and none of them is valid.
   *
   * @param kind the database kind for messages, for example {@code dpkg}
   * @param hint what to check when the whole file is invalid
   */
  static List<Package> readPackages(String text, String path, String kind, String hint, PackageReader reader)
      throws PackageDatabaseException {
    List<List<Line>> paragraphs = split(text);
    List<Package> packages = new ArrayList<>();
    String firstProblem = null;
    int malformed = 0;
    for (List<Line> paragraph : paragraphs) {
      try {
        Package found = reader.read(paragraph);
        if (found != null) {
          packages.add(found);
        }
      } catch (MalformedParagraphException e) {
        malformed++;
        if (firstProblem == null) {
          firstProblem = e.getMessage();
        }
        LOG.warn("Skipped a malformed {} paragraph in {}: {}", kind, path, e.getMessage());
      }
    }
    if (malformed > 0 && malformed == paragraphs.size()) {
      throw new PackageDatabaseException(
          "invalid " + kind + " database " + path + ": no valid paragraph, the first problem is " + firstProblem
              + "; " + hint);
    }
    return packages;
  }

  /** Returns the non-empty paragraphs of {@code text}; lines of only whitespace separate them. */
  static List<List<Line>> split(String text) {
    List<List<Line>> paragraphs = new ArrayList<>();
    List<Line> current = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\r?\n", -1)) {
      number++;
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          paragraphs.add(current);
          current = new ArrayList<>();
        }
        continue;
      }
      current.add(new Line(number, line));
    }
    if (!current.isEmpty()) {
      paragraphs.add(current);
    }
    return paragraphs;
  }

  /** Returns a line for an error message: at most 60 characters, control characters as {@code ?}. */
  static String shorten(String line) {
    String cut = line.length() <= 60 ? line : line.substring(0, 60) + "...";
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
