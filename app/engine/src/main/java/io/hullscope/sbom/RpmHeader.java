package io.hullscope.sbom;

import java.util.List;

/**
 * The fields of one RPM header that an inventory needs.
 *
 * @param name package name (tag NAME)
 * @param epoch epoch (tag EPOCH); null when the header has none
 * @param version upstream version (tag VERSION)
 * @param release release (tag RELEASE)
 * @param arch architecture (tag ARCH); null when absent
 * @param license license (tag LICENSE); null when absent
 * @param sourceRpm file name of the source RPM (tag SOURCERPM); null when absent
 * @param vendor vendor (tag VENDOR); null when absent
 * @param requires required capability names (tag REQUIRENAME), in header order
 * @param provides provided capability names (tag PROVIDENAME), in header order
 */
public record RpmHeader(
    String name,
    Integer epoch,
    String version,
    String release,
    String arch,
    String license,
    String sourceRpm,
    String vendor,
    List<String> requires,
    List<String> provides) {

  public RpmHeader {
    requires = List.copyOf(requires);
    provides = List.copyOf(provides);
  }

  /** Creates a header that provides nothing beyond its name. */
  public RpmHeader(String name, Integer epoch, String version, String release, String arch, String license,
      String sourceRpm, String vendor, List<String> requires) {
    this(name, epoch, version, release, arch, license, sourceRpm, vendor, requires, List.of());
  }
}
