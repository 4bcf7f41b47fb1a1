package io.hullscope.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the JSON that cargo-auditable embeds in a Rust binary into packages. The document is
 * {@code {"packages": [...]}}, each entry with {@code name}, {@code version}, {@code source}
 * ({@code crates.io}, {@code local}, {@code git}, {@code registry} or another word), optional
 * {@code kind} ({@code runtime} when absent, or {@code build}), {@code dependencies} as indexes
 * into the same list, and {@code root} on the crate that was built.
 *
 * <p>Build-kind packages (build scripts, proc macros) run at build time and are not in the
 * binary, so they are left out, and so are dependency links to them. Every other package gets
 * {@code pkg:cargo/<name>@<version>}.
 *
 * <p>NOTE: a crate from a local path, git or another registry gets the same purl form as a
 * crates.io crate, although a crates.io crate of that name may be a different one; its source
 * is only logged.
 */
final class CargoAuditData {

  private static final Logger LOG = LoggerFactory.getLogger(CargoAuditData.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TYPE = "cargo";

  private CargoAuditData() {}

  /**
   * Parses the inflated JSON. An entry without a name or version is skipped with a warning, and
   * so is a dependency index outside the list.
   *
   * @throws PackageDatabaseException naming {@code path} when the JSON is invalid or has no
   *     {@code packages} array
   */
  static List<Package> parse(String path, byte[] json) throws PackageDatabaseException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PackageDatabaseException(path + ": invalid cargo-auditable JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new PackageDatabaseException(path + ": could not parse cargo-auditable JSON: " + e.getMessage(), e);
    }
    JsonNode entries = root == null ? null : root.get("packages");
    if (entries == null || !entries.isArray()) {
      throw new PackageDatabaseException(path + ": cargo-auditable JSON has no \"packages\" array");
    }
    int count = entries.size();
    boolean[] included = new boolean[count];
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      JsonNode entry = entries.get(i);
      String name = text(entry, "name");
      String version = text(entry, "version");
      if (name == null || version == null) {
        LOG.warn("Skipped cargo-auditable entry {} of {}: it has no name or version", i, path);
        continue;
      }
      names[i] = name;
      included[i] = !"build".equals(text(entry, "kind"));
    }

    List<Package> packages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!included[i]) {
        continue;
      }
      JsonNode entry = entries.get(i);
      String version = text(entry, "version");
      String purl;
      try {
        purl = PackageUrls.of(TYPE, null, names[i], version, null);
      } catch (IllegalArgumentException e) {
        LOG.warn("Skipped crate '{}' of {}: {}", names[i], path, e.getMessage());
        continue;
      }
      String source = text(entry, "source");
      if (source != null && !source.equals("crates.io")) {
        LOG.debug("Crate {} {} of {} comes from {}, not crates.io", names[i], version, path, source);
      }
      packages.add(new Package(names[i], version, TYPE, purl, List.of(), null, null, null, path,
          dependencies(path, entry, included, names)));
    }
    return packages;
  }

  private static List<String> dependencies(String path, JsonNode entry, boolean[] included, String[] names) {
    JsonNode indexes = entry.get("dependencies");
    if (indexes == null || !indexes.isArray()) {
      return List.of();
    }
    Set<String> dependencies = new LinkedHashSet<>();
    for (JsonNode index : indexes) {
      if (!index.canConvertToInt() || !index.isIntegralNumber() || index.intValue() < 0
          || index.intValue() >= names.length) {
        LOG.warn("Ignored dependency index {} of {} in {}: not an index into the package list", index,
            text(entry, "name"), path);
        continue;
      }
      if (included[index.intValue()]) {
        dependencies.add(names[index.intValue()]);
      }
    }
    return List.copyOf(dependencies);
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry == null ? null : entry.get(field);
    return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
  }
}
