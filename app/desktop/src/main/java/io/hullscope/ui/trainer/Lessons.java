package io.hullscope.ui.trainer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the lesson of a sample archive. A file {@code NAME.lesson.md} next to {@code NAME.tar} wins,
 * so a trainer can add samples of their own; otherwise the lesson bundled in the application at
 * {@code io/hullscope/ui/trainer/lessons/NAME.md} is used.
 */
public final class Lessons {

  /** Folder of the bundled lessons on the class path. */
  static final String RESOURCE_FOLDER = "/io/hullscope/ui/trainer/lessons/";
  /** Suffix of a lesson file next to a sample. */
  static final String FILE_SUFFIX = ".lesson.md";
  /** Default maximum size of a lesson file; a lesson is a paragraph, so anything larger is a mistake. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  private final int maxBytes;

  public Lessons() {
    this(DEFAULT_MAX_BYTES);
  }

  /** @param maxBytes largest lesson file read; larger files are rejected */
  public Lessons(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Returns the lesson of a sample, or empty when there is none.
   *
   * @throws LessonFormatException when the lesson exists but cannot be read or parsed
   */
  public Optional<Lesson> forSample(Path sample) throws LessonFormatException {
    String base = baseName(sample);
    Path folder = sample.toAbsolutePath().getParent();
    Path beside = folder == null ? null : folder.resolve(base + FILE_SUFFIX);
    if (beside != null && Files.isRegularFile(beside)) {
      return Optional.of(read(beside));
    }
    String resource = RESOURCE_FOLDER + base + ".md";
    try (InputStream in = Lessons.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(Lesson.parse(resource, decode(resource, readBounded(resource, in))));
    } catch (LessonFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new LessonFormatException("Reading the lesson " + resource + " failed: " + e.getMessage(), e);
    }
  }

  /** Reads and parses one lesson file. */
  public Lesson read(Path file) throws LessonFormatException {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return Lesson.parse(source, decode(source, readBounded(source, in)));
    } catch (LessonFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new LessonFormatException("Reading the lesson " + source + " failed: " + e.getMessage(), e);
    }
  }

  private byte[] readBounded(String source, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new LessonFormatException(source + " is larger than " + maxBytes
          + " bytes; a lesson should be a paragraph or two.");
    }
    return bytes;
  }

  private static String decode(String source, byte[] bytes) throws LessonFormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new LessonFormatException(source + " is not UTF-8 text; save the lesson as UTF-8.", e);
    }
  }

  /** Returns the file name without its {@code .tar} suffix. */
  static String baseName(Path sample) {
    String name = sample.getFileName().toString();
    return name.endsWith(".tar") ? name.substring(0, name.length() - 4) : name;
  }
}
