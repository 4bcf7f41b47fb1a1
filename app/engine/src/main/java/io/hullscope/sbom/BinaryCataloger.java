package io.hullscope.sbom;

import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every executable file with both the {@link GoBinaryCataloger} and the {@link
 * RustAuditableCataloger}. Both want the same files, and the SBOM builder hands a file to the first
 * cataloger that wants it, so registered one by one the second would never see a file. This
 * cataloger streams each file once and runs the two over it together (see {@link
 * BinaryStreamTee}), the Go reader on the calling thread and the Rust reader on a second one.
 *
 * <p>The packages of both are returned, Go first. When one fails and the other finds packages,
 * the failure is logged and the packages are kept. When neither finds packages, the first
 * failure is thrown, so the builder records it as a warning.
 */
public final class BinaryCataloger implements Cataloger {

  private static final Logger LOG = LoggerFactory.getLogger(BinaryCataloger.class);

  private final GoBinaryCataloger go;
  private final RustAuditableCataloger rust;

  public BinaryCataloger(GoBinaryCataloger go, RustAuditableCataloger rust) {
    this.go = go;
    this.rust = rust;
  }

  /** Creates the cataloger with both readers at their default limits. */
  public BinaryCataloger() {
    this(new GoBinaryCataloger(), new RustAuditableCataloger());
  }

  @Override
  public String name() {
    return "binary";
  }

  /** Returns a version that changes whenever the version of either reader changes. */
  @Override
  public int version() {
    return go.version() * 1000 + rust.version();
  }

  @Override
  public boolean wants(FileEntry entry) {
    return go.wants(entry) || rust.wants(entry);
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    BinaryStreamTee.Outcome[] outcomes =
        BinaryStreamTee.run(content, in -> go.read(path, in), in -> rust.read(path, in));
    List<Package> packages = new ArrayList<>();
    Exception failure = null;
    for (BinaryStreamTee.Outcome outcome : outcomes) {
      packages.addAll(outcome.packages());
      if (outcome.failure() != null && failure == null) {
        failure = outcome.failure();
      }
    }
    if (failure == null) {
      return packages;
    }
    if (packages.isEmpty()) {
      if (failure instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) failure;
    }
    LOG.warn("Kept the packages of /{} that one reader found; the other failed: {}", path, failure.getMessage());
    return packages;
  }
}
