package io.hullscope.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the PHP packages that Composer installed into a {@code vendor} folder, from {@code
 * vendor/composer/installed.json} at any depth. Composer 1 writes a JSON array of packages and
 * Composer 2 an object whose {@code packages} array holds them. Packages installed for development
 * (Composer 2 names them in {@code dev-package-names}) are on disk too, so they are listed.
 *
 * <p>Each package gives its {@code vendor/name}, the version as recorded (for example {@code
 * v1.8.1}), the {@code license} array, the names in {@code require}, and a purl such as {@code
 * pkg:composer/behat/mink@v1.8.1}. Platform requirements ({@code php}, {@code ext-json}, {@code
 * lib-icu}, {@code composer-plugin-api}) are not packages: they are the names without a slash.
 *
 * <p>An entry without a valid name or version is skipped with a warning in the log, so one damaged
 * entry does not hide the others. The file fails with a {@link PackageDatabaseException} when it
 * is not JSON of either form, or when it lists packages and none of them is valid.
 *
 * <p>NOTE: a project that sets Composer's {@code vendor-dir} to another folder name is not found.
 */
public final class ComposerInstalledCataloger implements Cataloger {

  private static final Logger LOG = LoggerFactory.getLogger(ComposerInstalledCataloger.class);

  private static final String INSTALLED = "vendor/composer/installed.json";
  private static final int MAX_VERSION_LENGTH = 256;

  // vendor/name, each part starting with a letter or digit so that "." and ".." cannot be a part.
  // Composer requires lower case in new names, but upper case does no harm here and is accepted.
  private static final Pattern PACKAGE_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private final JsonMetadataReader reader;

  /**
   * Creates a cataloger with explicit limits.
   *
   * @param maxBytes maximum size of one {@code installed.json} in bytes
   * @param maxDepth maximum nesting depth of JSON objects and arrays
   */
  public ComposerInstalledCataloger(long maxBytes, int maxDepth) {
    this.reader = new JsonMetadataReader(maxBytes, maxDepth);
  }

  /** Creates a cataloger that reads files up to 4 MiB nested up to 64 levels. */
  public ComposerInstalledCataloger() {
    this(JsonMetadataReader.DEFAULT_MAX_BYTES, JsonMetadataReader.DEFAULT_MAX_DEPTH);
  }

  @Override
  public String name() {
    return "composer";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return isInstalledJson(entry.path());
  }

  /** Returns true for {@code vendor/composer/installed.json} at the root or below any folder. */
  static boolean isInstalledJson(String path) {
    if (!path.endsWith(INSTALLED)) {
      return false;
    }
    int start = path.length() - INSTALLED.length();
    return start == 0 || path.charAt(start - 1) == '/';
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    JsonNode root = reader.read(path, content);
    JsonNode entries;
    if (root.isArray()) {
      entries = root;
    } else if (root.isObject() && root.path("packages").isArray()) {
      entries = root.get("packages");
    } else {
      throw new PackageDatabaseException(path + " is not a Composer installed.json: expected an array of packages"
          + " or an object with a \"packages\" array, found " + JsonMetadataReader.typeName(root));
    }

    List<Package> packages = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : entries) {
      index++;
      try {
        packages.add(toPackage(path, index, entry));
      } catch (PackageDatabaseException e) {
        problems.add(e.getMessage());
        LOG.warn("Skipped an entry: {}", e.getMessage());
      }
    }
    if (packages.isEmpty() && !problems.isEmpty()) {
      throw new PackageDatabaseException(path + " has no valid package entry. The first problem: " + problems.get(0));
    }
    return packages;
  }

  private static Package toPackage(String path, int index, JsonNode entry) throws PackageDatabaseException {
    String what = "package entry " + index;
    if (!entry.isObject()) {
      throw new PackageDatabaseException(
          path + ": " + what + " is " + JsonMetadataReader.typeName(entry) + ", but an object was expected");
    }
    String name = JsonMetadataReader.optionalText(path, what, entry, "name");
    if (name == null || name.isBlank()) {
      throw new PackageDatabaseException(path + ": " + what + " has no \"name\"");
    }
    if (!PACKAGE_NAME.matcher(name).matches()) {
      throw new PackageDatabaseException(path + ": " + what + " has an invalid package name "
          + JsonMetadataReader.quote(name) + "; expected vendor/name");
    }
    String version = JsonMetadataReader.optionalText(path, "package " + name, entry, "version");
    if (version == null || version.isBlank()) {
      throw new PackageDatabaseException(path + ": package " + name + " has no \"version\"");
    }
    version = version.strip();
    if (version.length() > MAX_VERSION_LENGTH || JsonMetadataReader.containsControlCharacter(version)) {
      throw new PackageDatabaseException(
          path + ": package " + name + " has an invalid version " + JsonMetadataReader.quote(version));
    }

    int slash = name.indexOf('/');
    String purl = PackageUrls.of("composer", name.substring(0, slash), name.substring(slash + 1), version, null);
    return new Package(name, version, "composer", purl, licenses(path, name, entry), null, null, null, path,
        requirements(path, name, entry));
  }

  /** Returns the {@code license} array; a single string is accepted too, as in composer.json. */
  private static List<String> licenses(String path, String name, JsonNode entry) {
    JsonNode value = entry.get("license");
    if (value == null || value.isNull()) {
      return List.of();
    }
    List<JsonNode> values = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(values::add);
    } else {
      values.add(value);
    }
    Set<String> licenses = new LinkedHashSet<>();
    for (JsonNode license : values) {
      if (!license.isTextual()) {
        LOG.warn("Ignored a license of package {} in {}: expected a string, found {}",
            name, path, JsonMetadataReader.typeName(license));
        continue;
      }
      String text = license.textValue().strip();
      if (!text.isEmpty() && !JsonMetadataReader.containsControlCharacter(text)) {
        licenses.add(text);
      }
    }
    return List.copyOf(licenses);
  }

  /** Returns the package names in {@code require}, without platform requirements. */
  private static List<String> requirements(String path, String name, JsonNode entry) {
    JsonNode require = entry.get("require");
    if (require == null || require.isNull()) {
      return List.of();
    }
    if (!require.isObject()) {
      LOG.warn("Ignored \"require\" of package {} in {}: expected an object, found {}",
          name, path, JsonMetadataReader.typeName(require));
      return List.of();
    }
    List<String> names = new ArrayList<>();
    require.fieldNames().forEachRemaining(required -> {
      if (required.indexOf('/') >= 0 && PACKAGE_NAME.matcher(required).matches()) {
        names.add(required);
      }
    });
    return List.copyOf(names);
  }
}
