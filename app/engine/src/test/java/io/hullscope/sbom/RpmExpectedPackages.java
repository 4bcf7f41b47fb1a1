package io.hullscope.sbom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the {@code expected-packages.tsv} that {@code rpm -qa} produced beside each fixture. */
final class RpmExpectedPackages {

  private RpmExpectedPackages() {}

  /** Returns the rows, without the comment line, sorted. */
  static List<String> read(Path tsv) throws IOException {
    return Files.readAllLines(tsv).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .sorted()
        .collect(Collectors.toList());
  }

  /** Formats headers in the columns of the TSV (name, epoch, version, release, arch, sourcerpm, license), sorted. */
  static List<String> rows(List<RpmHeader> headers) {
    return headers.stream()
        .map(h -> String.join("\t", h.name(), h.epoch() == null ? "0" : h.epoch().toString(), h.version(),
            h.release(), h.arch(), h.sourceRpm(), h.license()))
        .sorted()
        .collect(Collectors.toList());
  }
}
