package io.hullscope.vuln;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes and reads a {@link ScanResult} as JSON, with times as ISO-8601 text. The scan cache stores
 * this form and {@code hullscope scan --format json} prints it.
 */
public final class ScanResultJson {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
      .addSerializer(Instant.class, new JsonSerializer<>() {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
          generator.writeString(value.toString());
        }
      })
      .addDeserializer(Instant.class, new JsonDeserializer<>() {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
          return Instant.parse(parser.getValueAsString());
        }
      }));

  private ScanResultJson() {}

  /** Returns {@code result} as compact JSON bytes. */
  public static byte[] toBytes(ScanResult result) throws IOException {
    return JSON.writeValueAsBytes(result);
  }

  /** Returns {@code result} as indented JSON text. */
  public static String toPrettyString(ScanResult result) throws IOException {
    return JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
  }

  /** Reads a result written by {@link #toBytes}. */
  public static ScanResult fromBytes(byte[] json) throws IOException {
    return JSON.readValue(json, ScanResult.class);
  }
}
