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
 * Lists installed npm packages from the {@code package.json} at the top of each package folder
 * under {@code node_modules}: {@code node_modules/NAME/package.json} and {@code
 * node_modules/@SCOPE/NAME/package.json}, at any depth, so nested {@code node_modules} folders and
 * global installs such as {@code usr/local/lib/node_modules/npm/package.json} are included. Other
 * {@code package.json} files inside a package (test fixtures, sub-folders) are not packages.
 *
 * <p>Each file gives one package with the name, version, licenses and the names of its {@code
 * dependencies} and {@code optionalDependencies}, and a purl such as {@code
 * pkg:npm/%40babel/core@7.24.0}. A file without a valid name or version fails with a {@link
 * PackageDatabaseException}. A field of the wrong type that the package can do without (licenses,
 * dependencies) is ignored with a warning in the log, so the package is still listed.
 */
public final class NpmPackageCataloger implements Cataloger {

  private static final Logger LOG = LoggerFactory.getLogger(NpmPackageCataloger.class);

  private static final String MANIFEST = "/package.json";
  private static final String NODE_MODULES = "node_modules";

  // npm's maximum length of a package name, including the scope.
  private static final int MAX_NAME_LENGTH = 214;
  // The semver package that npm uses rejects versions longer than 256 characters.
  private static final int MAX_VERSION_LENGTH = 256;

  // Characters that npm keeps unchanged in a URL component, as its name rules require. A leading
  // dot is rejected, which also rules out "." and "..".
  private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9_~!*'()-][A-Za-z0-9._~!*'()-]*");

  private final JsonMetadataReader reader;

  /**
   * Creates a cataloger with explicit limits.
   *
   * @param maxBytes maximum size of one {@code package.json} in bytes
   * @param maxDepth maximum nesting depth of JSON objects and arrays
   */
  public NpmPackageCataloger(long maxBytes, int maxDepth) {
    this.reader = new JsonMetadataReader(maxBytes, maxDepth);
  }

  /** Creates a cataloger that reads files up to 4 MiB nested up to 64 levels. */
  public NpmPackageCataloger() {
    this(JsonMetadataReader.DEFAULT_MAX_BYTES, JsonMetadataReader.DEFAULT_MAX_DEPTH);
  }

  @Override
  public String name() {
    return "npm";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return isPackageManifest(entry.path());
  }

  /**
   * Returns true for {@code .../node_modules/NAME/package.json} and {@code
   * .../node_modules/@SCOPE/NAME/package.json}. Runs for every file of an image, so it compares
   * regions of the path instead of splitting it.
   */
  static boolean isPackageManifest(String path) {
    if (!path.endsWith(MANIFEST)) {
      return false;
    }
    int folderEnd = path.length() - MANIFEST.length();
    int folderStart = path.lastIndexOf('/', folderEnd - 1) + 1;
    if (folderStart >= folderEnd || path.charAt(folderStart) == '.' || path.charAt(folderStart) == '@') {
      return false;
    }
    if (isSegment(path, folderStart - 1, NODE_MODULES)) {
      return true;
    }
    // A scoped package: the folder's parent is @SCOPE, and that folder's parent is node_modules.
    if (folderStart < 2) {
      return false;
    }
    int scopeEnd = folderStart - 1;
    int scopeStart = path.lastIndexOf('/', scopeEnd - 1) + 1;
    return scopeEnd - scopeStart > 1 && path.charAt(scopeStart) == '@' && isSegment(path, scopeStart - 1, NODE_MODULES);
  }

  /** Returns true when the path component that ends just before index {@code end} is {@code segment}. */
  private static boolean isSegment(String path, int end, String segment) {
    int start = end - segment.length();
    if (start < 0 || !path.startsWith(segment, start)) {
      return false;
    }
    return start == 0 || path.charAt(start - 1) == '/';
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    JsonNode root = reader.read(path, content);
    if (!root.isObject()) {
      throw new PackageDatabaseException(
          path + " is not an npm package manifest: expected a JSON object, found " + JsonMetadataReader.typeName(root));
    }
    String name = JsonMetadataReader.optionalText(path, "the package", root, "name");
    if (name == null || name.isBlank()) {
      throw new PackageDatabaseException(path + " has no \"name\", so it does not describe an installed package");
    }
    name = name.strip();
    if (!isValidName(name)) {
      throw new PackageDatabaseException(path + " has an invalid package name " + JsonMetadataReader.quote(name));
    }
    String version = JsonMetadataReader.optionalText(path, "package " + name, root, "version");
    if (version == null || version.isBlank()) {
      throw new PackageDatabaseException(path + " has no \"version\" for package " + name);
    }
    version = version.strip();
    if (version.length() > MAX_VERSION_LENGTH || JsonMetadataReader.containsControlCharacter(version)) {
      throw new PackageDatabaseException(
          path + " has an invalid version " + JsonMetadataReader.quote(version) + " for package " + name);
    }

    int slash = name.indexOf('/');
    String namespace = slash < 0 ? null : name.substring(0, slash);
    String localName = slash < 0 ? name : name.substring(slash + 1);
    String purl = PackageUrls.of("npm", namespace, localName, version, null);

    List<String> licenses = licenses(path, root);
    List<String> dependencies = dependencies(path, root);
    return List.of(new Package(name, version, "npm", purl, licenses, null, null, null, path, dependencies));
  }

  /** Returns true for {@code name} or {@code @scope/name} made of the characters npm allows. */
  static boolean isValidName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      return false;
    }
    if (name.charAt(0) != '@') {
      return NAME_PART.matcher(name).matches();
    }
    int slash = name.indexOf('/');
    if (slash < 0) {
      return false;
    }
    return NAME_PART.matcher(name.substring(1, slash)).matches()
        && NAME_PART.matcher(name.substring(slash + 1)).matches();
  }

  /**
   * Returns the licenses in the forms npm has used: {@code "license": "MIT"} or an SPDX expression,
   * and the deprecated {@code "license": {"type": "MIT"}} and {@code "licenses": [{"type": "MIT"},
   * ...]}. Values are kept as recorded, for example {@code SEE LICENSE IN LICENSE.md}.
   */
  private static List<String> licenses(String path, JsonNode root) {
    Set<String> licenses = new LinkedHashSet<>();
    addLicenses(path, root.get("license"), licenses);
    addLicenses(path, root.get("licenses"), licenses);
    return List.copyOf(licenses);
  }

  private static void addLicenses(String path, JsonNode node, Set<String> licenses) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        addLicense(path, element, licenses);
      }
    } else {
      addLicense(path, node, licenses);
    }
  }

  private static void addLicense(String path, JsonNode node, Set<String> licenses) {
    JsonNode value = node.isObject() ? node.get("type") : node;
    if (value == null || !value.isTextual()) {
      LOG.warn("Ignored a license of {}: expected a string or an object with a string \"type\", found {}",
          path, JsonMetadataReader.typeName(node));
      return;
    }
    String license = value.textValue().strip();
    if (license.isEmpty()) {
      return;
    }
    if (JsonMetadataReader.containsControlCharacter(license)) {
      LOG.warn("Ignored the license {} of {}: it contains control characters", JsonMetadataReader.quote(license), path);
      return;
    }
    licenses.add(license);
  }

  /** Returns the names in {@code dependencies} and {@code optionalDependencies}, each once. */
  private static List<String> dependencies(String path, JsonNode root) {
    Set<String> names = new LinkedHashSet<>();
    for (String field : List.of("dependencies", "optionalDependencies")) {
      JsonNode value = root.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isObject()) {
        LOG.warn("Ignored \"{}\" of {}: expected an object of names and version ranges, found {}",
            field, path, JsonMetadataReader.typeName(value));
        continue;
      }
      List<String> invalid = new ArrayList<>();
      value.fieldNames().forEachRemaining(dependency -> {
        if (isValidName(dependency)) {
          names.add(dependency);
        } else {
          invalid.add(JsonMetadataReader.quote(dependency));
        }
      });
      if (!invalid.isEmpty()) {
        LOG.warn("Ignored invalid dependency names in \"{}\" of {}: {}", field, path, invalid);
      }
    }
    return List.copyOf(names);
  }
}
