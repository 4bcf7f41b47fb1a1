package io.hullscope.cli;

import io.hullscope.sbom.CycloneDxExporter;
import picocli.CommandLine.IVersionProvider;

/**
 * Reads the version from the jar manifest. Outside a packaged jar it gives the version that SBOMs
 * and reports record, marked as a development build, so that --version and the reports agree.
 */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = HullscopeCommand.class.getPackage().getImplementationVersion();
    return new String[] {"hullscope " + (version == null
        ? CycloneDxExporter.TOOL_VERSION + " (development build)" : version)};
  }
}
