package io.hullscope.ui.trainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lesson a trainer gives the class about one sample image, read from a lesson file.
 *
 * <p>A lesson file starts with {@code key: value} lines, then a blank line, then the lesson text:
 *
 * <pre>
 * title: A careless image
 * hardenedVersion: hygiene-good.tar
 *
 * This image was built the quick way ...
 * </pre>
 *
 * <p>{@code title} is required. {@code hardenedVersion} is optional and names the archive, in the
 * same folder, that shows the same application built with care. Any other key is rejected, so a
 * misspelt key is reported instead of silently losing the pairing. Lines of the text are joined
 * with spaces; a blank line starts a new paragraph.
 *
 * @param title the heading of the sample's card
 * @param text the lesson, paragraphs separated by a blank line
 * @param hardenedVersion file name of the hardened counterpart, or null when the sample has none
 */
public record Lesson(String title, String text, String hardenedVersion) {

  /** The keys a lesson file may set. */
  public static final Set<String> KEYS = Set.of("title", "hardenedVersion");

  public Lesson {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("a lesson needs a title");
    }
    text = text == null ? "" : text;
  }

  /**
   * Parses the text of a lesson file.
   *
   * @param source the file or resource the text came from, for error messages
   * @throws LessonFormatException when a header line has no colon, a key is unknown or repeated,
   *     the title or the text is missing, or {@code hardenedVersion} is not a plain file name
   */
  public static Lesson parse(String source, String content) throws LessonFormatException {
    List<String> lines = content.lines().toList();
    Map<String, String> header = new LinkedHashMap<>();
    int line = 0;
    while (line < lines.size() && !lines.get(line).isBlank()) {
      String entry = lines.get(line);
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new LessonFormatException(source + " line " + (line + 1) + ": expected 'key: value' but found '"
            + shorten(entry) + "'. Put a blank line between the keys and the lesson text.");
      }
      String key = entry.substring(0, colon).strip();
      if (!KEYS.contains(key)) {
        throw new LessonFormatException(source + " line " + (line + 1) + ": unknown key '" + shorten(key)
            + "'. Known keys are title and hardenedVersion.");
      }
      if (header.putIfAbsent(key, entry.substring(colon + 1).strip()) != null) {
        throw new LessonFormatException(source + " line " + (line + 1) + ": key '" + key + "' is set twice.");
      }
      line++;
    }

    String title = header.get("title");
    if (title == null || title.isEmpty()) {
      throw new LessonFormatException(source + ": missing 'title: ...' line at the top.");
    }
    String hardened = header.get("hardenedVersion");
    if (hardened != null) {
      checkFileName(source, hardened);
    }
    String text = paragraphs(lines.subList(line, lines.size()));
    if (text.isEmpty()) {
      throw new LessonFormatException(source + ": missing lesson text after the blank line below the keys.");
    }
    return new Lesson(title, text, hardened);
  }

  /**
   * Rejects anything but a plain file name, because the hardened version is looked up next to the
   * sample and a path such as {@code ../secret.tar} would leave the samples folder.
   */
  private static void checkFileName(String source, String name) throws LessonFormatException {
    boolean plain = !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
        && name.indexOf('\\') < 0 && name.indexOf('\0') < 0 && name.indexOf(':') < 0;
    if (!plain) {
      throw new LessonFormatException(source + ": hardenedVersion '" + shorten(name)
          + "' is not a plain file name. Name an archive in the samples folder, for example hygiene-good.tar.");
    }
  }

  /** Joins wrapped lines with spaces and keeps blank lines as paragraph breaks. */
  private static String paragraphs(List<String> lines) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : lines) {
      String text = raw.strip();
      if (text.isEmpty()) {
        if (current.length() > 0) {
          result.add(current.toString());
          current.setLength(0);
        }
        continue;
      }
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(text);
    }
    if (current.length() > 0) {
      result.add(current.toString());
    }
    return String.join("\n\n", result);
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
