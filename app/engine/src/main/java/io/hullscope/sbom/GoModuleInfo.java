package io.hullscope.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The module information a Go toolchain embeds in a binary, as {@code go version -m} prints it:
 * tab-separated {@code path}, {@code mod}, {@code dep}, {@code =>} (a replacement of the module on
 * the line before) and {@code build} lines. See the {@code String} method of Go's {@code
 * runtime/debug.BuildInfo} for the format.
 *
 * @param path the main package's import path; null when absent
 * @param main the main module; null when the binary was built outside module mode
 * @param dependencies the modules the binary was built with, in the recorded order
 * @param settings the {@code build} lines as key and value, in the recorded order
 */
record GoModuleInfo(String path, Module main, List<Module> dependencies, Map<String, String> settings) {

  /**
   * One module.
   *
   * @param path module path
   * @param version module version, {@code (devel)} for a module built from a working tree
   * @param sum {@code h1:} checksum, null when absent
   * @param replacement the module that replaced it, null when it was not replaced
   */
  record Module(String path, String version, String sum, Module replacement) {

    Module withReplacement(Module replacing) {
      return new Module(path, version, sum, replacing);
    }
  }

  /**
   * Sentinel bytes that the go command (cmd/go/internal/modload) writes before the module text.
   * {@link #END_SENTINEL} follows it, and both are 16 bytes long.
   */
  static final byte[] START_SENTINEL = hex("3077af0c9274080241e1c107e6d618e6");

  static final byte[] END_SENTINEL = hex("f932433186182072008242104116d8f2");

  static final int SENTINEL_LENGTH = 16;

  GoModuleInfo {
    dependencies = List.copyOf(dependencies);
    settings = Map.copyOf(settings);
  }

  /**
   * Parses the module text as stored in a binary. The 16-byte sentinels around it are removed
   * when present. Lines that are malformed or of an unknown kind are ignored, so that one odd line
   * does not hide the other modules.
   */
  static GoModuleInfo parse(byte[] stored) {
    String text = new String(stripSentinels(stored), StandardCharsets.UTF_8);
    String path = null;
    Module main = null;
    List<Module> dependencies = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    // Which module a "=>" line replaces: the main module or the last dependency.
    boolean lastWasMain = false;
    for (String line : text.split("\n", -1)) {
      String[] fields = line.split("\t", -1);
      switch (fields[0]) {
        case "path" -> {
          if (fields.length >= 2) {
            path = fields[1];
          }
        }
        case "mod" -> {
          main = module(fields);
          lastWasMain = true;
        }
        case "dep" -> {
          Module dependency = module(fields);
          if (dependency != null) {
            dependencies.add(dependency);
          }
          lastWasMain = false;
        }
        case "=>" -> {
          Module replacement = module(fields);
          if (replacement == null) {
            continue;
          }
          if (lastWasMain && main != null) {
            main = main.withReplacement(replacement);
          } else if (!lastWasMain && !dependencies.isEmpty()) {
            int last = dependencies.size() - 1;
            dependencies.set(last, dependencies.get(last).withReplacement(replacement));
          }
        }
        case "build" -> {
          if (fields.length >= 2) {
            int equals = fields[1].indexOf('=');
            if (equals > 0) {
              settings.put(fields[1].substring(0, equals), fields[1].substring(equals + 1));
            }
          }
        }
        default -> { }
      }
    }
    return new GoModuleInfo(path, main, dependencies, settings);
  }

  /** Removes the sentinels the way Go's debug/buildinfo does: only when a newline precedes the end one. */
  static byte[] stripSentinels(byte[] stored) {
    int length = stored.length;
    if (length >= 2 * SENTINEL_LENGTH + 1 && stored[length - SENTINEL_LENGTH - 1] == '\n') {
      return Arrays.copyOfRange(stored, SENTINEL_LENGTH, length - SENTINEL_LENGTH);
    }
    return stored;
  }

  private static Module module(String[] fields) {
    if (fields.length < 2 || fields[1].isEmpty()) {
      return null;
    }
    String version = fields.length >= 3 && !fields[2].isEmpty() ? fields[2] : null;
    String sum = fields.length >= 4 && !fields[3].isEmpty() ? fields[3] : null;
    return new Module(fields[1], version, sum, null);
  }

  private static byte[] hex(String digits) {
    byte[] bytes = new byte[digits.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
