package io.hullscope.ui.prefs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads small JSON settings files with a size bound and writes them so a crash never leaves half a file. */
final class JsonFiles {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  /**
   * Reads a JSON object from the file.
   *
   * @throws IOException when the file cannot be read, is larger than {@code maxBytes}, or does not
   *     contain one JSON object
   */
  static JsonNode readObject(Path file, int maxBytes) throws IOException {
    byte[] bytes;
    try (InputStream input = Files.newInputStream(file)) {
      bytes = input.readNBytes(maxBytes + 1);
    }
    if (bytes.length > maxBytes) {
      throw new IOException(file + " is larger than " + maxBytes + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(file + " does not contain a JSON object");
    }
    return root;
  }

  /** Writes the JSON to a temporary file next to {@code file} and moves it into place. */
  static void write(Path file, JsonNode content) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".part");
    try {
      JSON.writeValue(temporary.toFile(), content);
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
