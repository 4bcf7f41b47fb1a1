package io.hullscope.sign;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded CBOR (RFC 8949) decoder for COSE envelopes, and the few encoders that building a COSE
 * {@code Sig_structure} needs.
 *
 * <p>Decoded values: unsigned and negative integers as {@link Long}, byte strings as {@code
 * byte[]}, text strings as {@link String}, arrays as {@link List}, maps as {@link Map} in input
 * order, tags as {@link Tagged}, {@code true}/{@code false} as {@link Boolean}, {@code null} and
 * {@code undefined} as {@link #NULL}, floats as {@link Double}. Indefinite-length items, integers
 * beyond the range of {@code long}, duplicate map keys and trailing bytes are rejected, because
 * COSE signatures do not need them and each is a way to smuggle a second reading of the bytes.
 */
final class Cbor {

  /** The decoded {@code null} and {@code undefined} simple values. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** A tagged data item (major type 6). */
  record Tagged(long tag, Object value) {}

  /** Raised for input that is not valid CBOR within the limits. */
  static final class CborException extends Exception {
    CborException(String message) {
      super(message);
    }
  }

  private final byte[] data;
  private final int maxDepth;
  private final int maxItems;
  private int position;
  private int items;

  private Cbor(byte[] data, int maxDepth, int maxItems) {
    this.data = data;
    this.maxDepth = maxDepth;
    this.maxItems = maxItems;
  }

  /**
   * Decodes exactly one data item that fills {@code data}.
   *
   * @param maxDepth maximum nesting of arrays, maps and tags
   * @param maxItems maximum number of data items in total, so a tiny input cannot declare millions of elements
   * @throws CborException when the input is truncated, malformed, too deep or has too many items
   */
  static Object decode(byte[] data, int maxDepth, int maxItems) throws CborException {
    Cbor reader = new Cbor(data, maxDepth, maxItems);
    Object value = reader.item(0);
    if (reader.position != data.length) {
      throw new CborException((data.length - reader.position) + " bytes follow the CBOR data item");
    }
    return value;
  }

  private Object item(int depth) throws CborException {
    if (depth > maxDepth) {
      throw new CborException("the CBOR data is nested more than " + maxDepth + " levels deep");
    }
    if (++items > maxItems) {
      throw new CborException("the CBOR data has more than " + maxItems + " items");
    }
    int initial = readByte();
    int major = initial >>> 5;
    int info = initial & 0x1F;
    if (major == 7) {
      return simple(info);
    }
    long argument = argument(info);
    return switch (major) {
      case 0 -> argument;
      case 1 -> -1 - argument;
      case 2 -> bytes(argument);
      case 3 -> text(argument);
      case 4 -> array(argument, depth);
      case 5 -> map(argument, depth);
      default -> new Tagged(argument, item(depth + 1));
    };
  }

  private long argument(int info) throws CborException {
    if (info < 24) {
      return info;
    }
    int size = switch (info) {
      case 24 -> 1;
      case 25 -> 2;
      case 26 -> 4;
      case 27 -> 8;
      case 31 -> throw new CborException("indefinite-length CBOR items are not supported at offset " + (position - 1));
      default -> throw new CborException("reserved CBOR additional information " + info + " at offset "
          + (position - 1));
    };
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | readByte();
    }
    if (value < 0) {
      throw new CborException("a CBOR integer at offset " + position + " is larger than 2^63 - 1");
    }
    return value;
  }

  private Object simple(int info) throws CborException {
    return switch (info) {
      case 20 -> Boolean.FALSE;
      case 21 -> Boolean.TRUE;
      case 22, 23 -> NULL;
      case 25 -> halfFloat((int) argument(25));
      case 26 -> (double) Float.intBitsToFloat((int) argument(26));
      case 27 -> Double.longBitsToDouble(argument(27));
      default -> throw new CborException("unsupported CBOR simple value " + info + " at offset " + (position - 1));
    };
  }

  /** Decodes an IEEE 754 half-precision float (RFC 8949, appendix D). */
  private static double halfFloat(int half) {
    int exponent = (half >> 10) & 0x1F;
    int mantissa = half & 0x3FF;
    double value;
    if (exponent == 0) {
      value = Math.scalb((double) mantissa, -24);
    } else if (exponent == 31) {
      value = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      value = Math.scalb((double) (mantissa + 1024), exponent - 25);
    }
    return (half & 0x8000) != 0 ? -value : value;
  }

  private byte[] bytes(long length) throws CborException {
    // Checking against the remaining input first means a huge declared length allocates nothing.
    if (length > data.length - position) {
      throw new CborException("a CBOR string of " + length + " bytes is longer than the rest of the data");
    }
    byte[] value = Arrays.copyOfRange(data, position, position + (int) length);
    position += (int) length;
    return value;
  }

  private String text(long length) throws CborException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes(length))).toString();
    } catch (CharacterCodingException e) {
      throw new CborException("a CBOR text string ending at offset " + position + " is not valid UTF-8");
    }
  }

  private List<Object> array(long count, int depth) throws CborException {
    // Every element takes at least one byte, so a larger count is truncated data.
    if (count > data.length - position) {
      throw new CborException("a CBOR array declares " + count + " elements, more than the rest of the data");
    }
    List<Object> values = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      values.add(item(depth + 1));
    }
    return values;
  }

  private Map<Object, Object> map(long count, int depth) throws CborException {
    if (count > (data.length - position) / 2) {
      throw new CborException("a CBOR map declares " + count + " entries, more than the rest of the data");
    }
    Map<Object, Object> values = new LinkedHashMap<>();
    for (long i = 0; i < count; i++) {
      Object key = item(depth + 1);
      if (!(key instanceof Long) && !(key instanceof String)) {
        throw new CborException("a CBOR map key is a " + typeName(key) + ", and only integer and text keys are read");
      }
      if (values.containsKey(key)) {
        throw new CborException("the CBOR map key " + key + " appears twice");
      }
      values.put(key, item(depth + 1));
    }
    return values;
  }

  private int readByte() throws CborException {
    if (position >= data.length) {
      throw new CborException("the CBOR data is truncated at offset " + position);
    }
    return data[position++] & 0xFF;
  }

  /** Returns a short name for the type of a decoded value, for messages. */
  static String typeName(Object value) {
    if (value instanceof Long) {
      return "integer";
    }
    if (value instanceof byte[]) {
      return "byte string";
    }
    if (value instanceof String) {
      return "text string";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof Map) {
      return "map";
    }
    if (value instanceof Tagged tagged) {
      return "tag " + tagged.tag();
    }
    return value == NULL ? "null" : String.valueOf(value.getClass().getSimpleName()).toLowerCase(java.util.Locale.ROOT);
  }

  /** Writes the head of a data item: major type and argument in the shortest form (RFC 8949, 4.2.1). */
  static void head(ByteArrayOutputStream out, int major, long argument) {
    int type = major << 5;
    if (argument < 24) {
      out.write(type | (int) argument);
    } else if (argument < 0x100) {
      out.write(type | 24);
      out.write((int) argument);
    } else if (argument < 0x10000) {
      out.write(type | 25);
      writeBigEndian(out, argument, 2);
    } else if (argument < 0x100000000L) {
      out.write(type | 26);
      writeBigEndian(out, argument, 4);
    } else {
      out.write(type | 27);
      writeBigEndian(out, argument, 8);
    }
  }

  private static void writeBigEndian(ByteArrayOutputStream out, long value, int size) {
    for (int i = size - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  /** Writes a byte string. */
  static void byteString(ByteArrayOutputStream out, byte[] value) {
    head(out, 2, value.length);
    out.writeBytes(value);
  }

  /** Writes a text string. */
  static void textString(ByteArrayOutputStream out, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    head(out, 3, utf8.length);
    out.writeBytes(utf8);
  }

  /** Writes an integer (major type 0 or 1). */
  static void integer(ByteArrayOutputStream out, long value) {
    if (value >= 0) {
      head(out, 0, value);
    } else {
      head(out, 1, -1 - value);
    }
  }
}
