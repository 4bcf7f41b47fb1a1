package io.hullscope.sbom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds zlib streams that inflate to cargo-auditable JSON while a binary streams past, and keeps
 * their inflated bytes by file offset. The ELF section header table that locates {@code .dep-v0}
 * usually comes at the end of the file, after the section's bytes, so the bytes must be caught on
 * the way. The scanner tries each zlib header by inflating its first bytes. Only a stream whose
 * output starts as a JSON object with {@code packages} or {@code format} as its first key is
 * inflated in full, up to the size limit. The caller then uses the copy whose offset is the
 * section's offset.
 *
 * <p>NOTE: the first-key check assumes cargo-auditable's compact serde output; JSON that starts
 * with another key or with whitespace is only found when the section is read directly.
 */
final class CargoAuditScanner {

  /** The result of inflating the zlib stream at one offset: the JSON, or why there is none. */
  record Inflated(byte[] json, boolean tooLarge, boolean invalid) {}

  /** Input bytes after each offset that a trial inflation may use. */
  static final int LOOKAHEAD = 1024;
  /** Output bytes a trial inflation looks at. */
  private static final int TRIAL_OUTPUT = 64;
  /** Maximum number of streams kept; a binary has one {@code .dep-v0} section. */
  private static final int MAX_STREAMS = 8;

  private final int maxJsonBytes;
  private final Map<Long, Inflated> streams = new HashMap<>();
  private final Inflater trial = new Inflater();
  private final byte[] trialOutput = new byte[TRIAL_OUTPUT];
  private final byte[] output = new byte[BinaryReader.CHUNK];
  private Inflater active;
  private long activeOffset;
  private ByteArrayOutputStream activeJson;

  CargoAuditScanner(int maxJsonBytes) {
    this.maxJsonBytes = maxJsonBytes;
  }

  /**
   * Scans {@code count} bytes of {@code buffer} from index {@code at}, which hold the file from
   * {@code offset}; {@code available} bytes from {@code at} are valid, so trials may look ahead.
   */
  void scan(byte[] buffer, int at, int count, int available, long offset) {
    for (int i = 0; i < count && active == null; i++) {
      if (isZlibHeader(buffer, at + i, available - i) && streams.size() < MAX_STREAMS
          && looksLikeAuditJson(buffer, at + i, Math.min(LOOKAHEAD, available - i))) {
        active = new Inflater();
        activeOffset = offset + i;
        activeJson = new ByteArrayOutputStream();
        feed(buffer, at + i, count - i);
        return;
      }
    }
    if (active != null) {
      feed(buffer, at, count);
    }
  }

  /** Returns true while a stream that started like audit JSON is being inflated. */
  boolean inflating() {
    return active != null;
  }

  /** Returns what the stream starting at {@code offset} inflated to, or null when none started there. */
  Inflated at(long offset) {
    return streams.get(offset);
  }

  /** Releases the native memory of the inflaters. */
  void close() {
    trial.end();
    if (active != null) {
      active.end();
    }
  }

  /**
   * Inflates a whole zlib stream, failing when the output would pass {@code maxJsonBytes}.
   *
   * @return the inflated bytes, or null when {@code compressed} is not a complete zlib stream
   * @throws PackageDatabaseException naming {@code path} when the output is too large
   */
  static byte[] inflate(String path, byte[] compressed, int maxJsonBytes) throws PackageDatabaseException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      byte[] buffer = new byte[BinaryReader.CHUNK];
      while (!inflater.finished()) {
        int produced = inflater.inflate(buffer);
        if (produced == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        if (json.size() + produced > maxJsonBytes) {
          throw tooLarge(path, maxJsonBytes);
        }
        json.write(buffer, 0, produced);
      }
      return json.toByteArray();
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }

  static PackageDatabaseException tooLarge(String path, int maxJsonBytes) {
    return new PackageDatabaseException(
        path + ": cargo-auditable data inflates to more than the limit of " + maxJsonBytes + " bytes");
  }

  private void feed(byte[] buffer, int at, int count) {
    active.setInput(buffer, at, count);
    try {
      while (!active.finished() && !active.needsInput()) {
        int produced = active.inflate(output);
        if (activeJson.size() + produced > maxJsonBytes) {
          finish(new Inflated(null, true, false));
          return;
        }
        activeJson.write(output, 0, produced);
        if (produced == 0 && active.needsDictionary()) {
          finish(new Inflated(null, false, true));
          return;
        }
      }
      if (active.finished()) {
        finish(new Inflated(activeJson.toByteArray(), false, false));
      }
    } catch (DataFormatException e) {
      finish(new Inflated(null, false, true));
    }
  }

  private void finish(Inflated result) {
    streams.put(activeOffset, result);
    active.end();
    active = null;
    activeJson = null;
  }

  /**
   * Returns true for a zlib header (RFC 1950) with a 32 KiB deflate window, valid check bits and no
   * preset dictionary. cargo-auditable compresses through flate2, which always writes that window
   * size (first byte {@code 0x78}). Accepting the smaller windows too would try an inflation every
   * 60 bytes or so of x86-64 code, where {@code 0x48} (also deflate, 4 KiB window) is a common
   * instruction prefix.
   */
  private static boolean isZlibHeader(byte[] buffer, int at, int available) {
    if (available < 2 || buffer[at] != 0x78) {
      return false;
    }
    int flags = buffer[at + 1] & 0xff;
    return ((0x78 << 8) | flags) % 31 == 0 && (flags & 0x20) == 0;
  }

  private boolean looksLikeAuditJson(byte[] buffer, int at, int length) {
    trial.reset();
    trial.setInput(buffer, at, length);
    int produced;
    try {
      produced = trial.inflate(trialOutput);
    } catch (DataFormatException e) {
      return false;
    }
    String start = new String(trialOutput, 0, produced, StandardCharsets.ISO_8859_1);
    return start.startsWith("{\"packages\"") || start.startsWith("{\"format\"");
  }
}
