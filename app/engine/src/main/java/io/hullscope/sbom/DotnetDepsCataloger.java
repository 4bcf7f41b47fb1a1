package io.hullscope.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the NuGet packages of a .NET application from its {@code NAME.deps.json}, which the .NET
 * SDK writes next to the application's assemblies.
 *
 * <p>Every {@code libraries} entry of type {@code package}, keyed {@code Name/Version}, is one
 * package with the purl {@code pkg:nuget/Name@Version}. The application and the other projects of
 * its solution (type {@code project}), reference assemblies and runtime packs are not NuGet
 * packages and are left out. A package's dependencies are the names under its {@code Name/Version}
 * entry in each framework of {@code targets}, restricted to names that are packages themselves.
 *
 * <p>An entry with an invalid key or type is skipped with a warning in the log. The file fails
 * with a {@link PackageDatabaseException} when it is not JSON, has no {@code libraries} object, or
 * lists libraries and none of them is valid.
 *
 * <p>NOTE: deps.json files carry no license, and the {@code sha512} of each library is the hash
 * of its {@code .nupkg}, not of a file in the image, so neither is recorded.
 */
public final class DotnetDepsCataloger implements Cataloger {

  private static final Logger LOG = LoggerFactory.getLogger(DotnetDepsCataloger.class);

  private static final String SUFFIX = ".deps.json";
  private static final int MAX_PART_LENGTH = 256;

  // NuGet package ids are letters, digits, "_", "-" and ".". Requiring a letter, digit or "_"
  // first keeps "." and ".." out. Versions are SemVer 2.0 or the older four-part form.
  private static final Pattern PACKAGE_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]*");

  private final JsonMetadataReader reader;

  /**
   * Creates a cataloger with explicit limits.
   *
   * @param maxBytes maximum size of one {@code deps.json} in bytes
   * @param maxDepth maximum nesting depth of JSON objects and arrays
   */
  public DotnetDepsCataloger(long maxBytes, int maxDepth) {
    this.reader = new JsonMetadataReader(maxBytes, maxDepth);
  }

  /** Creates a cataloger that reads files up to 4 MiB nested up to 64 levels. */
  public DotnetDepsCataloger() {
    this(JsonMetadataReader.DEFAULT_MAX_BYTES, JsonMetadataReader.DEFAULT_MAX_DEPTH);
  }

  @Override
  public String name() {
    return "dotnet";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    String path = entry.path();
    // A file named only ".deps.json" has no application name and is not written by the SDK.
    return path.endsWith(SUFFIX) && path.length() > SUFFIX.length() && path.charAt(path.length() - SUFFIX.length() - 1) != '/';
  }

  /** A {@code libraries} key split into its parts. */
  private record LibraryKey(String name, String version) {}

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    JsonNode root = reader.read(path, content);
    if (!root.isObject()) {
      throw new PackageDatabaseException(
          path + " is not a .NET deps.json: expected a JSON object, found " + JsonMetadataReader.typeName(root));
    }
    JsonNode libraries = root.get("libraries");
    if (libraries == null || !libraries.isObject()) {
      throw new PackageDatabaseException(path + " has no \"libraries\" object, so it is not a .NET deps.json");
    }

    Map<String, LibraryKey> packageKeys = new LinkedHashMap<>();
    Set<String> packageNames = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> library : libraries.properties()) {
      try {
        LibraryKey key = parseKey(path, library.getKey());
        String type = JsonMetadataReader.optionalText(path, "library " + library.getKey(), objectOf(path, library), "type");
        if ("package".equals(type)) {
          packageKeys.put(library.getKey(), key);
          packageNames.add(key.name());
        }
      } catch (PackageDatabaseException e) {
        problems.add(e.getMessage());
        LOG.warn("Skipped a library: {}", e.getMessage());
      }
    }
    if (packageKeys.isEmpty() && !problems.isEmpty()) {
      throw new PackageDatabaseException(path + " has no valid library entry. The first problem: " + problems.get(0));
    }

    Map<String, Set<String>> dependencies = targetDependencies(path, root.get("targets"), packageNames);
    List<Package> packages = new ArrayList<>(packageKeys.size());
    packageKeys.forEach((keyText, key) -> {
      String purl = PackageUrls.of("nuget", null, key.name(), key.version(), null);
      List<String> names = List.copyOf(dependencies.getOrDefault(keyText, Set.of()));
      packages.add(new Package(key.name(), key.version(), "nuget", purl, List.of(), null, null, null, path, names));
    });
    return packages;
  }

  private static JsonNode objectOf(String path, Map.Entry<String, JsonNode> library) throws PackageDatabaseException {
    if (!library.getValue().isObject()) {
      throw new PackageDatabaseException(path + ": library " + JsonMetadataReader.quote(library.getKey()) + " is "
          + JsonMetadataReader.typeName(library.getValue()) + ", but an object was expected");
    }
    return library.getValue();
  }

  private static LibraryKey parseKey(String path, String key) throws PackageDatabaseException {
    int slash = key.indexOf('/');
    if (slash < 0 || key.indexOf('/', slash + 1) >= 0) {
      throw new PackageDatabaseException(
          path + ": library key " + JsonMetadataReader.quote(key) + " is not of the form Name/Version");
    }
    String name = key.substring(0, slash);
    String version = key.substring(slash + 1);
    if (name.length() > MAX_PART_LENGTH || !PACKAGE_ID.matcher(name).matches()) {
      throw new PackageDatabaseException(path + ": library key " + JsonMetadataReader.quote(key) + " has an invalid name");
    }
    if (version.length() > MAX_PART_LENGTH || !VERSION.matcher(version).matches()) {
      throw new PackageDatabaseException(
          path + ": library key " + JsonMetadataReader.quote(key) + " has an invalid version");
    }
    return new LibraryKey(name, version);
  }

  /**
   * Returns the dependency names of each {@code Name/Version} key, merged over every framework
   * and runtime in {@code targets}. Only names in {@code packageNames} are kept, so a
   * dependency on a project of the same solution is left out.
   */
  private static Map<String, Set<String>> targetDependencies(String path, JsonNode targets, Set<String> packageNames) {
    Map<String, Set<String>> dependencies = new HashMap<>();
    if (targets == null || targets.isNull()) {
      return dependencies;
    }
    if (!targets.isObject()) {
      LOG.warn("Ignored \"targets\" of {}: expected an object, found {}", path, JsonMetadataReader.typeName(targets));
      return dependencies;
    }
    for (JsonNode target : targets) {
      if (!target.isObject()) {
        LOG.warn("Ignored a target of {}: expected an object, found {}", path, JsonMetadataReader.typeName(target));
        continue;
      }
      for (Map.Entry<String, JsonNode> library : target.properties()) {
        JsonNode declared = library.getValue().get("dependencies");
        if (declared == null || declared.isNull()) {
          continue;
        }
        if (!declared.isObject()) {
          LOG.warn("Ignored \"dependencies\" of {} in {}: expected an object, found {}",
              JsonMetadataReader.quote(library.getKey()), path, JsonMetadataReader.typeName(declared));
          continue;
        }
        Set<String> names = dependencies.computeIfAbsent(library.getKey(), key -> new LinkedHashSet<>());
        declared.fieldNames().forEachRemaining(name -> {
          if (packageNames.contains(name)) {
            names.add(name);
          }
        });
      }
    }
    return dependencies;
  }
}
