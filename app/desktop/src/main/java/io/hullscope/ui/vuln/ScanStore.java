package io.hullscope.ui.vuln;

import io.hullscope.image.ProgressListener;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.vuln.DataVersion;
import io.hullscope.vuln.ImportResult;
import io.hullscope.vuln.OsvRecord;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The vulnerability data and scan cache the Vulnerabilities tab reads and writes. Every method
 * reads SQLite, so the tab calls them only on a worker thread.
 */
public interface ScanStore {

  /** Returns the data version of every imported OSV export; empty when nothing was imported. */
  List<DataVersion> dataVersions() throws IOException;

  /** Lists the stored scans of an image, by every scanner, oldest first. */
  List<ScanSummary> history(String imageDigest) throws IOException;

  /** Loads a stored scan by the id of its {@link ScanSummary}; empty when it no longer decodes. */
  Optional<ScanResult> load(long id) throws IOException;

  /** Matches the SBOM against the imported advisories with the built-in scanner and stores the result. */
  ScanResult scan(String imageDigest, ImageSbom sbom, ProgressListener progress) throws IOException;

  /** Replaces the advisories of {@code source} with those of an OSV export zip. */
  ImportResult importZip(Path zip, String source, ProgressListener progress) throws IOException;

  /**
   * Returns the stored advisories that affect a package, for the details pane.
   *
   * @param ecosystem the OSV ecosystem, for example {@code Debian:11}
   * @param names the names the package may be listed under (its source package first)
   */
  List<OsvRecord> advisories(String ecosystem, List<String> names) throws IOException;

  /**
   * Returns a store whose every call fails with {@code reason}, for a window whose database did
   * not open.
   */
  static ScanStore unavailable(String reason) {
    return new ScanStore() {
      @Override
      public List<DataVersion> dataVersions() throws IOException {
        throw new IOException(reason);
      }

      @Override
      public List<ScanSummary> history(String imageDigest) throws IOException {
        throw new IOException(reason);
      }

      @Override
      public Optional<ScanResult> load(long id) throws IOException {
        throw new IOException(reason);
      }

      @Override
      public ScanResult scan(String imageDigest, ImageSbom sbom, ProgressListener progress) throws IOException {
        throw new IOException(reason);
      }

      @Override
      public ImportResult importZip(Path zip, String source, ProgressListener progress) throws IOException {
        throw new IOException(reason);
      }

      @Override
      public List<OsvRecord> advisories(String ecosystem, List<String> names) throws IOException {
        throw new IOException(reason);
      }
    };
  }
}
