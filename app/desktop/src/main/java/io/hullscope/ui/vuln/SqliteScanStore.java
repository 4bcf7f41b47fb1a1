package io.hullscope.ui.vuln;

import io.hullscope.image.ProgressListener;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteScanCache;
import io.hullscope.store.SqliteVulnerabilityDatabase;
import io.hullscope.vuln.DataVersion;
import io.hullscope.vuln.ImportResult;
import io.hullscope.vuln.OsvImporter;
import io.hullscope.vuln.OsvMatcher;
import io.hullscope.vuln.OsvRecord;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scan store of the app database: the OSV data that {@code hullscope db} imports and the scan
 * cache that {@code hullscope scan} fills, so the window and the CLI see the same scans.
 */
public final class SqliteScanStore implements ScanStore {

  private final SqliteVulnerabilityDatabase vulnerabilities;
  private final SqliteScanCache cache;

  /** Uses {@code database} without closing it; the caller keeps it open while the window runs. */
  public SqliteScanStore(Database database) {
    this.vulnerabilities = new SqliteVulnerabilityDatabase(database);
    this.cache = new SqliteScanCache(database);
  }

  @Override
  public List<DataVersion> dataVersions() throws IOException {
    return vulnerabilities.dataVersions();
  }

  @Override
  public List<ScanSummary> history(String imageDigest) throws IOException {
    return cache.history(imageDigest);
  }

  @Override
  public Optional<ScanResult> load(long id) throws IOException {
    return cache.load(id);
  }

  @Override
  public ScanResult scan(String imageDigest, ImageSbom sbom, ProgressListener progress) throws IOException {
    ScanResult result = new OsvMatcher(vulnerabilities).match(imageDigest, sbom, progress);
    cache.put(result);
    return result;
  }

  @Override
  public ImportResult importZip(Path zip, String source, ProgressListener progress) throws IOException {
    return new OsvImporter(vulnerabilities).importZip(zip, source, progress);
  }

  @Override
  public List<OsvRecord> advisories(String ecosystem, List<String> names) throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    List<OsvRecord> found = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      for (OsvRecord record : vulnerabilities.findAffecting(ecosystem, name)) {
        if (seen.add(record.id())) {
          found.add(record);
        }
      }
    }
    return found;
  }
}
