package io.hullscope.sbom;

import java.util.ArrayList;
import java.util.List;

/** The catalogers an SBOM is built with by default. */
public final class Catalogers {

  private Catalogers() {}

  /** Returns a new instance of every cataloger with its default limits. */
  public static List<Cataloger> defaults() {
    List<Cataloger> catalogers = new ArrayList<>();
    // One line per ecosystem, in the order their packages are listed.
    catalogers.add(new DpkgCataloger());
    catalogers.add(new ApkCataloger());
    catalogers.add(new RpmCataloger());
    catalogers.add(new PythonCataloger());
    catalogers.add(new NpmPackageCataloger());
    catalogers.add(new RubyGemspecCataloger());
    catalogers.add(new ComposerInstalledCataloger());
    catalogers.add(new DotnetDepsCataloger());
    catalogers.add(new JavaArchiveCataloger());
    catalogers.add(new BinaryCataloger(new GoBinaryCataloger(), new RustAuditableCataloger()));
    return List.copyOf(catalogers);
  }
}
