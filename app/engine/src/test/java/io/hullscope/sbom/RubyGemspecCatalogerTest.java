package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RubyGemspecCatalogerTest {

  private static final String PATH = "usr/local/lib/ruby/gems/3.3.0/specifications/rack-3.0.8.gemspec";

  private final RubyGemspecCataloger cataloger = new RubyGemspecCataloger();

  @ParameterizedTest
  @CsvSource({
    "usr/local/lib/ruby/gems/3.3.0/specifications/rack-3.0.8.gemspec, true",
    "usr/local/bundle/specifications/puma-6.4.2.gemspec, true",
    "var/lib/gems/3.1.0/specifications/default/json-2.6.1.gemspec, true",
    "specifications/rake-13.0.6.gemspec, true",
    "usr/local/bundle/gems/puma-6.4.2/puma.gemspec, false",
    "app/myapp.gemspec, false",
    "usr/local/lib/ruby/gems/3.3.0/specifications/.gemspec, false",
    "usr/local/lib/ruby/gems/3.3.0/specifications/rack-3.0.8.gemspec.bak, false",
    "usr/local/lib/ruby/gems/3.3.0/myspecifications/rack-3.0.8.gemspec, false",
    "usr/local/lib/ruby/gems/3.3.0/specifications/other/rack-3.0.8.gemspec, false",
    "usr/local/lib/ruby/gems/3.3.0/notdefault/rack-3.0.8.gemspec, false",
    "default/rack-3.0.8.gemspec, false",
  })
  void wantsOnlyInstalledSpecifications(String path, boolean expected) {
    assertThat(cataloger.wants(TestEntries.file(path))).isEqualTo(expected);
  }

  @Test
  void bundlerFixtureGivesPackage() throws IOException {
    String path = "usr/local/lib/ruby/gems/2.7.0/specifications/bundler-2.1.4.gemspec";
    List<Package> packages;
    try (InputStream in = Files.newInputStream(TestData.file("lang/ruby/bundler.gemspec"))) {
      packages = cataloger.read(path, in);
    }

    assertThat(packages).hasSize(1);
    Package pkg = packages.get(0);
    assertThat(pkg.name()).isEqualTo("bundler");
    assertThat(pkg.version()).isEqualTo("2.1.4");
    assertThat(pkg.type()).isEqualTo("gem");
    assertThat(pkg.purl()).isEqualTo("pkg:gem/bundler@2.1.4");
    assertThat(pkg.licenses()).containsExactly("MIT");
    assertThat(pkg.dependencies()).isEmpty();
    assertThat(pkg.evidencePath()).isEqualTo(path);
  }

  @Test
  void oldFormKeepsRuntimeDependenciesOnly() throws IOException {
    String gemspec = """
        Gem::Specification.new do |s|
          s.name = "sinatra".freeze
          s.version = "2.2.4"
          s.licenses = ["MIT".freeze]

          if s.respond_to? :specification_version then
            s.specification_version = 4

            if Gem::Version.new(Gem::VERSION) >= Gem::Version.new('1.2.0') then
              s.add_runtime_dependency(%q<rack>.freeze, ["~> 2.2"])
              s.add_runtime_dependency(%q<tilt>.freeze, ["~> 2.0"])
              s.add_development_dependency(%q<rake>.freeze, [">= 0"])
            else
              s.add_dependency(%q<rack>.freeze, ["~> 2.2"])
              s.add_dependency(%q<tilt>.freeze, ["~> 2.0"])
              s.add_dependency(%q<rake>.freeze, [">= 0"])
            end
          else
            s.add_dependency(%q<rack>.freeze, ["~> 2.2"])
            s.add_dependency(%q<tilt>.freeze, ["~> 2.0"])
            s.add_dependency(%q<rake>.freeze, [">= 0"])
          end
        end
        """;

    Package pkg = readOne(gemspec);

    assertThat(pkg.dependencies()).containsExactly("rack", "tilt");
  }

  @Test
  void oldFormWithOnlyDevelopmentDependenciesHasNone() throws IOException {
    String gemspec = """
        s.name = "ruby_info".freeze
        s.version = "1.0.1"
        if Gem::Version.new(Gem::VERSION) >= Gem::Version.new('1.2.0') then
          s.add_development_dependency(%q<rake>.freeze, ["~> 10.1"])
        else
          s.add_dependency(%q<rake>.freeze, ["~> 10.1"])
        end
        """;

    assertThat(readOne(gemspec).dependencies()).isEmpty();
  }

  @Test
  void newFormReadsAddDependency() throws IOException {
    String gemspec = """
        s.name = "rails".freeze
        s.version = "7.1.3"
        s.specification_version = 4

        s.add_dependency(%q<activesupport>.freeze, ["= 7.1.3".freeze])
        s.add_runtime_dependency(%q<bundler>.freeze, [">= 1.15.0".freeze])
        s.add_development_dependency(%q<minitest>.freeze, [">= 0".freeze])
        s.add_dependency "railties", "= 7.1.3"
        """;

    assertThat(readOne(gemspec).dependencies()).containsExactly("activesupport", "bundler", "railties");
  }

  @Test
  void olderRubyGemsLiteralsAreRead() throws IOException {
    String gemspec = """
        Gem::Specification.new do |s|
          s.name = %q{rake}
          s.version = "0.8.7"
          s.license = 'MIT'
          s.add_runtime_dependency(%q<hoe>, [">= 1.0"])
        end
        """;

    Package pkg = readOne(gemspec);

    assertThat(pkg.name()).isEqualTo("rake");
    assertThat(pkg.version()).isEqualTo("0.8.7");
    assertThat(pkg.licenses()).containsExactly("MIT");
    assertThat(pkg.dependencies()).containsExactly("hoe");
  }

  @Test
  void severalLicensesAndEscapesAreDecoded() throws IOException {
    String gemspec = """
        s.name = "json".freeze
        s.version = "2.7.1"
        s.licenses = ["Ruby".freeze, "BSD-2-Clause".freeze, "Caf\\u00E9 \\u{1F600}".freeze, %Q[Tab\\tSep], ]
        """;

    Package pkg = readOne(gemspec);

    assertThat(pkg.licenses()).containsExactly("Ruby", "BSD-2-Clause", "Caf\u00e9 \ud83d\ude00");
  }

  @Test
  void defaultGemPrereleaseVersionIsRead() throws IOException {
    String gemspec = "  s.name = \"net-http\".freeze\r\n  s.version = \"0.4.0.pre.1\"\r\n";

    Package pkg = readOne(gemspec);

    assertThat(pkg.version()).isEqualTo("0.4.0.pre.1");
    assertThat(pkg.purl()).isEqualTo("pkg:gem/net-http@0.4.0.pre.1");
  }

  @Test
  void nativeGemGetsPlatformQualifier() throws IOException {
    String gemspec = """
        Gem::Specification.new do |s|
          s.name = "sqlite3".freeze
          s.version = "1.7.3".freeze
          s.platform = "x86_64-linux".freeze
        end
        """;

    Package pkg = readOne(gemspec);

    assertThat(pkg.version()).isEqualTo("1.7.3");
    assertThat(pkg.purl()).isEqualTo("pkg:gem/sqlite3@1.7.3?platform=x86_64-linux");
  }

  @Test
  void rubyPlatformGetsNoQualifier() throws IOException {
    Package pkg = readOne("s.name = \"rack\"\ns.version = \"3.0.8\"\ns.platform = \"ruby\"\n");

    assertThat(pkg.purl()).isEqualTo("pkg:gem/rack@3.0.8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x86_64 linux", "../../x", "linux\\e[31m", ""})
  void invalidPlatformIsRejected(String platform) {
    assertThatThrownBy(() -> read("s.name = \"x\"\ns.version = \"1.0\"\ns.platform = \"" + platform + "\"\n"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " has an invalid platform '");
  }

  @Test
  void missingNameIsRejected() {
    assertThatThrownBy(() -> read("s.version = \"1.0\"\n"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has no s.name string, so it does not describe an installed gem");
  }

  @Test
  void missingVersionIsRejected() {
    assertThatThrownBy(() -> read("s.name = \"rack\".freeze\n"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has no s.version string for gem rack");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "s.name = File.basename(__FILE__, '.gemspec')",
    "s.name = NAME",
    "s.name = [\"rack\"]",
    "s.name = 42",
    "s.name == \"rack\"",
    "s.name = \"rack",
    "s.name_prefix = \"rack\"",
  })
  void nonLiteralNameIsNotRead(String line) {
    assertThatThrownBy(() -> read(line + "\ns.version = \"1.0\"\n"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("has no s.name string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"s.version = 1.0", "s.version = Gem::Version.new(\"1.0\")", "s.version = {major: 1}"})
  void versionOfWrongTypeIsRejected(String line) {
    assertThatThrownBy(() -> read("s.name = \"rack\"\n" + line + "\n"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has no s.version string for gem rack");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "../../etc/passwd",
    "..",
    "rack rails",
    "x\\e[31m",
    "x\\nInjected",
    "x#{system('id')}",
    "123",
    "",
  })
  void invalidNameIsRejected(String name) {
    assertThatThrownBy(() -> read("s.name = \"" + name + "\"\ns.version = \"1.0\"\n"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " has ");
  }

  @Test
  void interpolationIsKeptAsTextAndRejected() {
    assertThatThrownBy(() -> read("s.name = \"x#{`id`}\"\ns.version = \"1.0\"\n"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has an invalid gem name 'x#{`id`}'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0\\n", "../1.0", "1.0 beta", "v1.0", "1.0-", "${VERSION}"})
  void invalidVersionIsRejected(String version) {
    assertThatThrownBy(() -> read("s.name = \"rack\"\ns.version = \"" + version + "\"\n"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " has an invalid version '");
  }

  @Test
  void invalidDependencyNamesAreDropped() throws IOException {
    String gemspec = """
        s.name = "x"
        s.version = "1.0"
        s.add_runtime_dependency(%q<../../etc>.freeze, [">= 0"])
        s.add_runtime_dependency(%q<ok>.freeze, [">= 0"])
        s.add_runtime_dependency(RACK_NAME, [">= 0"])
        s.add_runtime_dependency("bad\\u0007".freeze, [">= 0"])
        """;

    assertThat(readOne(gemspec).dependencies()).containsExactly("ok");
  }

  @Test
  void licensesOfWrongTypeAreIgnored() throws IOException {
    String gemspec = "s.name = \"x\"\ns.version = \"1.0\"\ns.licenses = [1, 2]\ns.license = nil\n";

    assertThat(readOne(gemspec).licenses()).isEmpty();
  }

  @Test
  void truncatedLiteralGivesNoName() {
    assertThatThrownBy(() -> read("Gem::Specification.new do |s|\n  s.name = \"bund"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("has no s.name string");
  }

  @Test
  void truncatedBeforeVersionIsRejected() throws IOException {
    String fixture = Files.readString(TestData.file("lang/ruby/bundler.gemspec"));
    String cut = fixture.substring(0, fixture.indexOf("s.version"));

    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has no s.version string for gem bundler");
  }

  @Test
  void binaryGarbageIsRejected() {
    assertThatThrownBy(() -> cataloger.read(PATH, HostileInputs.garbage(10_000)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has no s.name string, so it does not describe an installed gem");
  }

  @Test
  void stubLineWithNulSeparatorsIsAccepted() throws IOException {
    // RubyGems joins the extension paths of a gem with native code by NUL bytes in this comment.
    String gemspec = "# -*- encoding: utf-8 -*-\n# stub: json 2.6.1 ruby lib\n"
        + "# stub: ext/json/ext/generator/extconf.rb\u0000ext/json/ext/parser/extconf.rb\n\n"
        + "Gem::Specification.new do |s|\n  s.name = \"json\".freeze\n  s.version = \"2.6.1\"\n"
        + "  s.licenses = [\"Ruby\".freeze]\nend\n";

    Package pkg = readOne(gemspec);

    assertThat(pkg.purl()).isEqualTo("pkg:gem/json@2.6.1");
    assertThat(pkg.licenses()).containsExactly("Ruby");
  }

  @Test
  void oversizedFileIsRejectedAfterLimit() {
    RubyGemspecCataloger small = new RubyGemspecCataloger(4096);
    HostileInputs.CountingSpaces endless = new HostileInputs.CountingSpaces(1L << 30);

    assertThatThrownBy(() -> small.read(PATH, endless))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("larger than the limit of 4096 bytes");
    assertThat(endless.bytesRead()).isEqualTo(4097);
  }

  @Test
  void deeplyNestedArrayGivesNoLicense() throws IOException {
    String gemspec = "s.name = \"x\"\ns.version = \"1.0\"\ns.licenses = " + "[".repeat(500_000) + "\n";

    assertThat(readOne(gemspec).licenses()).isEmpty();
  }

  @Test
  void longEscapedLiteralDoesNotOverflowStack() throws IOException {
    String gemspec = "s.name = \"x\"\ns.version = \"1.0\"\ns.license = \"" + "\\\"".repeat(500_000) + "\"\n";

    assertThat(readOne(gemspec).licenses()).containsExactly("\"".repeat(500_000));
  }

  @Test
  void unterminatedPercentLiteralIsIgnored() throws IOException {
    String gemspec = "s.name = %q{x\ns.name = \"y\"\ns.version = \"1.0\"\n";

    assertThat(readOne(gemspec).name()).isEqualTo("y");
  }

  private List<Package> read(String gemspec) throws IOException {
    return cataloger.read(PATH, HostileInputs.text(gemspec));
  }

  private Package readOne(String gemspec) throws IOException {
    List<Package> packages = read(gemspec);
    assertThat(packages).hasSize(1);
    return packages.get(0);
  }
}
