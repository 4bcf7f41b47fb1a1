package io.hullscope.image;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object from an untrusted manifest, index or config, with typed getters that report a
 * missing field or a wrong type as an {@link ImageReadException} naming the image, the file and
 * the field. A JSON {@code null} counts as absent, because Docker writes {@code "Cmd": null}.
 */
final class JsonObject {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final JsonNode node;
  private final String path;
  private final String image;
  private final String entry;

  private JsonObject(JsonNode node, String path, String image, String entry) {
    this.node = node;
    this.path = path;
    this.image = image;
    this.entry = entry;
  }

  /** Parses {@code bytes} as a JSON document whose top level is an object. */
  static JsonObject parse(byte[] bytes, String image, String entry) throws ImageReadException {
    JsonNode root = parseTree(bytes, image, entry);
    if (!root.isObject()) {
      throw new ImageReadException(image, null, entry, "expected a JSON object but found " + describe(root));
    }
    return new JsonObject(root, "", image, entry);
  }

  /** Parses {@code bytes} as a JSON document whose top level is an array of objects. */
  static List<JsonObject> parseArray(byte[] bytes, String image, String entry) throws ImageReadException {
    JsonNode root = parseTree(bytes, image, entry);
    if (!root.isArray()) {
      throw new ImageReadException(image, null, entry, "expected a JSON array but found " + describe(root));
    }
    List<JsonObject> objects = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      if (!item.isObject()) {
        throw new ImageReadException(image, null, entry, "item [" + i + "] must be an object but is " + describe(item));
      }
      objects.add(new JsonObject(item, "[" + i + "]", image, entry));
    }
    return objects;
  }

  private static JsonNode parseTree(byte[] bytes, String image, String entry) throws ImageReadException {
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || root.isMissingNode()) {
        throw new ImageReadException(image, null, entry, "the file is empty; expected JSON");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new ImageReadException(image, null, entry, "invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ImageReadException(image, null, entry, "invalid JSON: " + e.getMessage(), e);
    }
  }

  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  String string(String name, boolean required) throws ImageReadException {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(name, "a string", value);
    }
    return value.textValue();
  }

  Long number(String name, boolean required) throws ImageReadException {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrongType(name, "an integer", value);
    }
    return value.longValue();
  }

  boolean bool(String name) throws ImageReadException {
    JsonNode value = value(name, false);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      throw wrongType(name, "true or false", value);
    }
    return value.booleanValue();
  }

  /** Returns a list of strings; a single string is read as a one-element list, as Docker does. */
  List<String> strings(String name) throws ImageReadException {
    JsonNode value = value(name, false);
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return List.of(value.textValue());
    }
    if (!value.isArray()) {
      throw wrongType(name, "an array of strings", value);
    }
    List<String> strings = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw wrongType(name, "an array of strings", item);
      }
      strings.add(item.textValue());
    }
    return strings;
  }

  /** Returns an object of string values, in document order. */
  Map<String, String> stringMap(String name) throws ImageReadException {
    JsonNode value = value(name, false);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw wrongType(name, "an object of strings", value);
    }
    Map<String, String> map = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isTextual()) {
        throw wrongType(name + "." + field.getKey(), "a string", field.getValue());
      }
      map.put(field.getKey(), field.getValue().textValue());
    }
    return map;
  }

  /** Returns the keys of an object such as {@code ExposedPorts}, whose values are ignored. */
  Set<String> keys(String name) throws ImageReadException {
    JsonNode value = value(name, false);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw wrongType(name, "an object", value);
    }
    Set<String> keys = new LinkedHashSet<>();
    value.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  JsonObject object(String name, boolean required) throws ImageReadException {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw wrongType(name, "an object", value);
    }
    return new JsonObject(value, qualified(name), image, entry);
  }

  List<JsonObject> objects(String name, boolean required) throws ImageReadException {
    JsonNode value = value(name, required);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw wrongType(name, "an array of objects", value);
    }
    List<JsonObject> objects = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = qualified(name) + "[" + i + "]";
      if (!item.isObject()) {
        throw invalid("field '" + itemPath + "' must be an object but is " + describe(item));
      }
      objects.add(new JsonObject(item, itemPath, image, entry));
    }
    return objects;
  }

  /** Returns an exception for a semantic problem with a field of this object. */
  ImageReadException invalidField(String name, String problem) {
    return invalid("field '" + qualified(name) + "' " + problem);
  }

  ImageReadException invalid(String problem) {
    return new ImageReadException(image, null, entry, problem);
  }

  private JsonNode value(String name, boolean required) throws ImageReadException {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid("required field '" + qualified(name) + "' is missing");
      }
      return null;
    }
    return value;
  }

  private ImageReadException wrongType(String name, String expected, JsonNode actual) {
    return invalid("field '" + qualified(name) + "' must be " + expected + " but is " + describe(actual));
  }

  private String qualified(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
