package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DotnetDepsCatalogerTest {

  private static final String PATH = "app/TestLibrary.deps.json";

  private final DotnetDepsCataloger cataloger = new DotnetDepsCataloger();

  @ParameterizedTest
  @CsvSource({
    "app/TestLibrary.deps.json, true",
    "TestLibrary.deps.json, true",
    "usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.4/Microsoft.NETCore.App.deps.json, true",
    "app/.deps.json, false",
    ".deps.json, false",
    "app/TestLibrary.deps.json.bak, false",
    "app/TestLibrary.runtimeconfig.json, false",
    "app/deps.json, false",
  })
  void wantsOnlyDepsJson(String path, boolean expected) {
    assertThat(cataloger.wants(TestEntries.file(path))).isEqualTo(expected);
  }

  @Test
  void fixtureGivesPackagesWithoutProjects() throws IOException {
    Map<String, Package> byName = fixturePackages();

    assertThat(byName.keySet()).containsExactlyInAnyOrder(
        "AWSSDK.Core",
        "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Logging",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Options",
        "Microsoft.Extensions.Primitives",
        "Newtonsoft.Json",
        "Serilog",
        "Serilog.Sinks.Console",
        "System.Diagnostics.DiagnosticSource",
        "System.Runtime.CompilerServices.Unsafe");
  }

  @Test
  void fixturePackageHasNugetPurl() throws IOException {
    Package json = fixturePackages().get("Newtonsoft.Json");

    assertThat(json.version()).isEqualTo("13.0.1");
    assertThat(json.type()).isEqualTo("nuget");
    assertThat(json.purl()).isEqualTo("pkg:nuget/Newtonsoft.Json@13.0.1");
    assertThat(json.licenses()).isEmpty();
    assertThat(json.dependencies()).isEmpty();
    assertThat(json.evidencePath()).isEqualTo(PATH);
    assertThat(json.hashes()).isEmpty();
  }

  @Test
  void fixtureDependenciesComeFromTargets() throws IOException {
    Map<String, Package> byName = fixturePackages();

    assertThat(byName.get("Microsoft.Extensions.Logging").dependencies()).containsExactly(
        "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Options",
        "System.Diagnostics.DiagnosticSource");
    assertThat(byName.get("Microsoft.Extensions.DependencyInjection").dependencies()).containsExactly(
        "Microsoft.Extensions.DependencyInjection.Abstractions", "System.Runtime.CompilerServices.Unsafe");
    assertThat(byName.get("Microsoft.Extensions.Options").dependencies()).containsExactly(
        "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Primitives");
    assertThat(byName.get("Serilog.Sinks.Console").dependencies()).containsExactly("Serilog");
    assertThat(byName.get("System.Diagnostics.DiagnosticSource").dependencies())
        .containsExactly("System.Runtime.CompilerServices.Unsafe");
    assertThat(byName.get("AWSSDK.Core").dependencies()).isEmpty();
  }

  @Test
  void dependenciesMergeTargetsWithoutProjects() throws IOException {
    String json = """
        {
          "targets": {
            "net8.0": {
              "App/1.0.0": {"dependencies": {"A": "1.0.0", "Lib": "1.0.0"}},
              "A/1.0.0": {"dependencies": {"B": "2.0.0", "Lib": "1.0.0"}},
              "B/2.0.0": {}
            },
            "net8.0/linux-x64": {
              "A/1.0.0": {"dependencies": {"runtime.linux-x64.B": "2.0.0", "B": "2.0.0"}},
              "runtime.linux-x64.B/2.0.0": {}
            }
          },
          "libraries": {
            "App/1.0.0": {"type": "project"},
            "Lib/1.0.0": {"type": "project"},
            "A/1.0.0": {"type": "package"},
            "B/2.0.0": {"type": "package"},
            "runtime.linux-x64.B/2.0.0": {"type": "package"}
          }
        }
        """;

    Map<String, Package> byName = byName(read(json));

    assertThat(byName.keySet()).containsExactlyInAnyOrder("A", "B", "runtime.linux-x64.B");
    assertThat(byName.get("A").dependencies()).containsExactly("B", "runtime.linux-x64.B");
  }

  @Test
  void otherLibraryTypesAreNotPackages() throws IOException {
    String json = """
        {"libraries": {
          "Microsoft.NETCore.App.Runtime.linux-x64/8.0.4": {"type": "runtimepack"},
          "System.Xml/4.0.0.0": {"type": "referenceassembly"},
          "NoType/1.0.0": {},
          "Serilog/3.1.1": {"type": "package"}
        }}
        """;

    assertThat(read(json)).extracting(Package::purl).containsExactly("pkg:nuget/Serilog@3.1.1");
  }

  @Test
  void semverVersionIsEncodedInPurl() throws IOException {
    String json = "{\"libraries\": {\"Foo/1.0.0-beta.2+build.5\": {\"type\": \"package\"}}}";

    assertThat(read(json)).extracting(Package::purl).containsExactly("pkg:nuget/Foo@1.0.0-beta.2%2Bbuild.5");
  }

  @Test
  void emptyLibrariesGiveNoPackages() throws IOException {
    assertThat(read("{\"targets\": {}, \"libraries\": {}}")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "[]",
    "\"libraries\"",
    "{}",
    "{\"libraries\": []}",
    "{\"libraries\": \"Serilog/3.1.1\"}",
  })
  void missingLibrariesObjectIsRejected(String json) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " ")
        .hasMessageContaining("is not a .NET deps.json");
  }

  @Test
  void invalidLibraryIsSkippedAndOthersKept() throws IOException {
    String json = """
        {"libraries": {
          "Good/1.0.0": {"type": "package"},
          "NoVersion": {"type": "package"},
          "../../etc/passwd": {"type": "package"},
          "Bad/1.0.0/extra": {"type": "package"},
          "WrongType/1.0.0": {"type": 7},
          "NotObject/1.0.0": "package",
          "Also.Good/2.0.0": {"type": "package"}
        }}
        """;

    assertThat(read(json)).extracting(Package::name).containsExactly("Good", "Also.Good");
  }

  @Test
  void fileWithOnlyInvalidLibrariesIsRejected() {
    String json = "{\"libraries\": {\"../evil/1.0.0\": {\"type\": \"package\"}}}";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has no valid library entry. The first problem: " + PATH
            + ": library key '../evil/1.0.0' is not of the form Name/Version");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "../x/1.0.0",
    "../1.0.0",
    "./1.0.0",
    "/1.0.0",
    "Name/",
    "Name/../1.0",
    "Na me/1.0.0",
    "Name\\u001b[31m/1.0.0",
    "Name/1.0.0\\n",
    "Name/1.0\\u202E0",
    ".hidden/1.0.0",
  })
  void invalidKeyIsRejected(String key) {
    assertThatThrownBy(() -> read("{\"libraries\": {\"" + key + "\": {\"type\": \"package\"}}}"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(": library key '");
  }

  @Test
  void typeOfWrongTypeIsRejected() {
    assertThatThrownBy(() -> read("{\"libraries\": {\"A/1.0.0\": {\"type\": [\"package\"]}}}"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageEndingWith(": library A/1.0.0 has an invalid \"type\": expected a string, found an array");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "\"targets\": []",
    "\"targets\": {\"net8.0\": []}",
    "\"targets\": {\"net8.0\": {\"A/1.0.0\": {\"dependencies\": [\"B\"]}}}",
    "\"targets\": {\"net8.0\": {\"A/1.0.0\": \"B\"}}",
  })
  void targetsOfWrongTypeAreIgnored(String targets) throws IOException {
    String json = "{" + targets + ", \"libraries\": {\"A/1.0.0\": {\"type\": \"package\"}, \"B/1.0.0\": {\"type\": \"package\"}}}";

    List<Package> packages = read(json);

    assertThat(packages).extracting(Package::name).containsExactly("A", "B");
    assertThat(packages.get(0).dependencies()).isEmpty();
  }

  @Test
  void truncatedFixtureIsRejected() throws IOException {
    String fixture = Files.readString(TestData.file("lang/dotnet/TestLibrary.deps.json"));

    assertThatThrownBy(() -> cataloger.read(PATH, HostileInputs.truncated(fixture)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " is not valid JSON");
  }

  @Test
  void binaryGarbageIsRejected() {
    assertThatThrownBy(() -> cataloger.read(PATH, HostileInputs.garbage(10_000)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " is not valid JSON");
  }

  @Test
  void oversizedFileIsRejectedAfterLimit() {
    DotnetDepsCataloger small = new DotnetDepsCataloger(4096, 64);
    HostileInputs.CountingSpaces endless = new HostileInputs.CountingSpaces(1L << 30);

    assertThatThrownBy(() -> small.read(PATH, endless))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("larger than the limit of 4096 bytes");
    assertThat(endless.bytesRead()).isEqualTo(4097);
  }

  @Test
  void deeplyNestedFileIsRejected() {
    String json = "{\"libraries\": {}, \"runtimeTarget\": " + "{\"a\": ".repeat(5000) + "1" + "}".repeat(5000) + "}";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("maximum nesting depth 64");
  }

  private Map<String, Package> fixturePackages() throws IOException {
    try (InputStream in = Files.newInputStream(TestData.file("lang/dotnet/TestLibrary.deps.json"))) {
      return byName(cataloger.read(PATH, in));
    }
  }

  private static Map<String, Package> byName(List<Package> packages) {
    return packages.stream().collect(Collectors.toMap(Package::name, Function.identity()));
  }

  private List<Package> read(String json) throws IOException {
    return cataloger.read(PATH, HostileInputs.text(json));
  }
}
