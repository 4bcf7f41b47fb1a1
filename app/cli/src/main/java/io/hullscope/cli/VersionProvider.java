package io.hullscope.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, falling back to "development build". */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = HullscopeCommand.class.getPackage().getImplementationVersion();
    return new String[] {"hullscope " + (version == null ? "development build" : version)};
  }
}
