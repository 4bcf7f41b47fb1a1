package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Property;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.Test;

class CycloneDxExporterTest {

  private static final Instant TIME = Instant.parse("2026-12-04T10:15:30Z");
  private static final Digest DIGEST = Digest.sha256("a".repeat(64));
  private static final Distro BOOKWORM = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)");
  private static final SbomSubject SUBJECT =
      new SbomSubject(ImageReference.parse("debian:12"), DIGEST, new Platform("linux", "amd64", null));

  @Test
  void jsonPassesSchema16() throws IOException {
    String json = CycloneDxExporter.toJson(SUBJECT, BOOKWORM, packages(), TIME);

    List<ParseException> errors = new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), CycloneDxExporter.SPEC_VERSION);

    assertThat(errors).isEmpty();
    assertThat(json).contains("\"specVersion\" : \"1.6\"");
  }

  @Test
  void xmlPassesSchema16() throws IOException {
    String xml = CycloneDxExporter.toXml(SUBJECT, BOOKWORM, packages(), TIME);

    List<ParseException> errors = new XmlParser().validate(xml.getBytes(StandardCharsets.UTF_8), CycloneDxExporter.SPEC_VERSION);

    assertThat(errors).isEmpty();
    assertThat(xml).contains("http://cyclonedx.org/schema/bom/1.6");
  }

  @Test
  void schemaCheckRejectsUnknownLicenseId() throws GeneratorException, IOException {
    // Shows that the schema check used by the other tests reports errors.
    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, packages(), TIME);
    License invented = new License();
    invented.setId("Not-An-Spdx-Id");
    bom.getComponents().get(1).setLicenses(new LicenseChoice());
    bom.getComponents().get(1).getLicenses().addLicense(invented);

    String json = BomGeneratorFactory.createJson(CycloneDxExporter.SPEC_VERSION, bom).toJsonString();

    assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), CycloneDxExporter.SPEC_VERSION)).isNotEmpty();
  }

  @Test
  void imageIsContainerMetadataComponent() {
    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, packages(), TIME);

    Component image = bom.getMetadata().getComponent();
    assertThat(image.getType()).isEqualTo(Component.Type.CONTAINER);
    assertThat(image.getName()).isEqualTo("debian");
    assertThat(image.getVersion()).isEqualTo("12");
    assertThat(image.getBomRef()).isEqualTo(image.getPurl());
  }

  @Test
  void imagePurlIsCanonicalOci() {
    // packageurl-java percent-encodes '/' in qualifier values; decoders read it back unchanged.
    assertThat(SUBJECT.purl())
        .isEqualTo("pkg:oci/debian@sha256%3A" + "a".repeat(64) + "?arch=amd64&repository_url=docker.io%2Flibrary%2Fdebian&tag=12");
  }

  @Test
  void imagePurlDecodesToItsParts() throws MalformedPackageURLException {
    PackageURL purl = new PackageURL(SUBJECT.purl());

    assertThat(purl.getType()).isEqualTo("oci");
    assertThat(purl.getNamespace()).isNull();
    assertThat(purl.getName()).isEqualTo("debian");
    assertThat(purl.getVersion()).isEqualTo(DIGEST.toString());
    assertThat(purl.getQualifiers())
        .containsOnly(entry("repository_url", "docker.io/library/debian"), entry("arch", "amd64"), entry("tag", "12"));
  }

  @Test
  void unnamedImageUsesShortDigest() {
    SbomSubject subject = new SbomSubject(null, DIGEST, null);

    assertThat(subject.purl()).isEqualTo("pkg:oci/aaaaaaaaaaaa@sha256%3A" + "a".repeat(64));
  }

  @Test
  void metadataCarriesTimestampAndTool() {
    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, packages(), TIME);

    assertThat(bom.getMetadata().getTimestamp().toInstant()).isEqualTo(TIME);
    assertThat(bom.getMetadata().getToolChoice().getComponents())
        .extracting(Component::getName, Component::getVersion)
        .containsExactly(tuple("Hullscope", CycloneDxExporter.TOOL_VERSION));
  }

  @Test
  void distroIsAnOperatingSystemComponent() {
    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, packages(), TIME);

    Component os = component(bom, "debian");
    assertThat(os.getType()).isEqualTo(Component.Type.OPERATING_SYSTEM);
    assertThat(os.getVersion()).isEqualTo("12");
    assertThat(os.getDescription()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
  }

  @Test
  void epochAndPlusVersionStaysValid() throws IOException {
    Package ssh = deb("openssh-server", "1:9.2p1-2+deb12u3", List.of("libc6"));

    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, List.of(ssh), TIME);
    String json = CycloneDxExporter.toJson(SUBJECT, BOOKWORM, List.of(ssh), TIME);

    Component component = component(bom, "openssh-server");
    assertThat(component.getVersion()).isEqualTo("1:9.2p1-2+deb12u3");
    assertThat(component.getPurl()).isEqualTo(ssh.purl());
    assertThat(component.getPurl()).contains("@1%3A9.2p1-2%2Bdeb12u3");
    assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), CycloneDxExporter.SPEC_VERSION)).isEmpty();
  }

  @Test
  void propertiesNameEvidenceAndSource() {
    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, packages(), TIME);

    assertThat(component(bom, "libc6").getProperties())
        .extracting(Property::getName, Property::getValue)
        .containsExactly(
            tuple(CycloneDxExporter.EVIDENCE_PROPERTY, "var/lib/dpkg/status"),
            tuple(CycloneDxExporter.SOURCE_PROPERTY, "glibc@2.36-9"));
  }

  @Test
  void nonSpdxLicenseStaysName() {
    Package pkg =
        new Package(
            "busybox", "1.36.1-r15", "apk", "pkg:apk/alpine/busybox@1.36.1-r15", List.of("GPL-2.0-only", "Some Custom Terms"),
            null, null, null, "lib/apk/db/installed", List.of());

    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, List.of(pkg), TIME);

    assertThat(component(bom, "busybox").getLicenses().getLicenses())
        .extracting(License::getId, License::getName)
        .containsExactly(
            tuple("GPL-2.0-only", null),
            tuple(null, "Some Custom Terms"));
  }

  @Test
  void spdxExpressionIsWrittenAsExpression() throws IOException {
    Package pkg = new Package("either", "1.0.0", "npm", "pkg:npm/either@1.0.0", List.of("(MIT OR Apache-2.0)"),
        null, null, null, "node_modules/either/package.json", List.of());

    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, List.of(pkg), TIME);
    String json = CycloneDxExporter.toJson(SUBJECT, BOOKWORM, List.of(pkg), TIME);

    assertThat(component(bom, "either").getLicenses().getExpression().getValue()).isEqualTo("(MIT OR Apache-2.0)");
    assertThat(component(bom, "either").getLicenses().getLicenses()).isNullOrEmpty();
    assertThat(new JsonParser().validate(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        CycloneDxExporter.SPEC_VERSION)).isEmpty();
  }

  @Test
  void familyNameIsNotGuessedIntoOneLicense() {
    Package pkg = new Package("six", "1.16.0", "pypi", "pkg:pypi/six@1.16.0", List.of("BSD License", "Apache 2.0"),
        null, null, null, "usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", List.of());

    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, List.of(pkg), TIME);

    assertThat(component(bom, "six").getLicenses().getLicenses())
        .extracting(License::getId, License::getName)
        .containsExactly(tuple(null, "BSD License"), tuple("Apache-2.0", null));
  }

  @Test
  void duplicatePackagesGetUniqueBomRefs() throws IOException {
    Package first = deb("libssl3", "3.0.13-1~deb12u1", List.of());
    Package second = deb("libssl3", "3.0.13-1~deb12u1", List.of());

    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, List.of(first, second), TIME);
    String xml = CycloneDxExporter.toXml(SUBJECT, BOOKWORM, List.of(first, second), TIME);

    List<String> refs = bom.getComponents().stream().map(Component::getBomRef).toList();
    assertThat(refs).doesNotHaveDuplicates();
    assertThat(refs).contains(first.purl(), first.purl() + "|2");
    assertThat(new XmlParser().validate(xml.getBytes(StandardCharsets.UTF_8), CycloneDxExporter.SPEC_VERSION)).isEmpty();
  }

  @Test
  void dependenciesSkipUnknownNames() {
    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, packages(), TIME);

    String libssl = component(bom, "libssl3").getBomRef();
    String libc = component(bom, "libc6").getBomRef();
    Dependency ofLibssl = dependency(bom, libssl);
    // libssl3 declares libc6 and debconf; debconf is not in the image.
    assertThat(ofLibssl.getDependencies()).extracting(Dependency::getRef).containsExactly(libc);
  }

  @Test
  void dependenciesPointOnlyToExistingBomRefs() {
    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, packages(), TIME);

    Set<String> refs = bom.getComponents().stream().map(Component::getBomRef).collect(Collectors.toCollection(HashSet::new));
    refs.add(bom.getMetadata().getComponent().getBomRef());
    List<String> pointed = new ArrayList<>();
    for (Dependency dependency : bom.getDependencies()) {
      pointed.add(dependency.getRef());
      if (dependency.getDependencies() != null) {
        dependency.getDependencies().forEach(target -> pointed.add(target.getRef()));
      }
    }
    assertThat(pointed).isNotEmpty().allSatisfy(ref -> assertThat(refs).contains(ref));
  }

  @Test
  void imageDependsOnDistroAndEveryPackage() {
    Bom bom = CycloneDxExporter.toBom(SUBJECT, BOOKWORM, packages(), TIME);

    Dependency ofImage = dependency(bom, bom.getMetadata().getComponent().getBomRef());
    assertThat(ofImage.getDependencies()).extracting(Dependency::getRef)
        .containsExactlyInAnyOrderElementsOf(bom.getComponents().stream().map(Component::getBomRef).toList());
  }

  @Test
  void outputIgnoresPackageOrder() throws IOException {
    List<Package> shuffled = new ArrayList<>(packages());
    Collections.reverse(shuffled);

    assertThat(CycloneDxExporter.toJson(SUBJECT, BOOKWORM, shuffled, TIME))
        .isEqualTo(CycloneDxExporter.toJson(SUBJECT, BOOKWORM, packages(), TIME));
    assertThat(CycloneDxExporter.toXml(SUBJECT, BOOKWORM, shuffled, TIME))
        .isEqualTo(CycloneDxExporter.toXml(SUBJECT, BOOKWORM, packages(), TIME));
  }

  @Test
  void unknownDistroWritesNoOs() {
    Bom bom = CycloneDxExporter.toBom(SUBJECT, null, packages(), TIME);

    assertThat(bom.getComponents()).extracting(Component::getType).containsOnly(Component.Type.LIBRARY);
  }

  private static List<Package> packages() {
    return List.of(
        deb("base-files", "12.4+deb12u5", List.of()),
        new Package(
            "libc6", "2.36-9+deb12u7", "deb", PackageUrls.osPackage("deb", "debian", "libc6", "2.36-9+deb12u7", "amd64", BOOKWORM),
            List.of(), "glibc", "2.36-9", "amd64", "var/lib/dpkg/status", List.of("libgcc-s1")),
        deb("libssl3", "3.0.13-1~deb12u1", List.of("libc6", "debconf")),
        deb("ca-certificates", "20230311", List.of("openssl", "libssl3")));
  }

  private static Package deb(String name, String version, List<String> dependencies) {
    return new Package(
        name, version, "deb", PackageUrls.osPackage("deb", "debian", name, version, "amd64", BOOKWORM), List.of(),
        null, null, "amd64", "var/lib/dpkg/status", dependencies);
  }

  private static Component component(Bom bom, String name) {
    return bom.getComponents().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Dependency dependency(Bom bom, String ref) {
    return bom.getDependencies().stream().filter(d -> d.getRef().equals(ref)).findFirst().orElseThrow();
  }
}
