package io.hullscope.sbom;

import java.util.ArrayList;
import java.util.List;

/** Splits a text database into blank-line separated paragraphs, keeping line numbers for messages. */
final class Paragraphs {

  /** One line of a paragraph and its 1-based number in the file. */
  record Line(int number, String text) {}

  private Paragraphs() {}

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
