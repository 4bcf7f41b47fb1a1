package io.hullscope.sbom;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Finds Maven packages in Java archives ({@code .jar}, {@code .war}, {@code .ear}, Jenkins {@code
 * .jpi}/{@code .hpi}, JBoss {@code .par}/{@code .sar}), including the archives nested in them such
 * as Spring Boot's {@code BOOT-INF/lib/*.jar}, a war's {@code WEB-INF/lib/*.jar} or the modules of
 * an ear, whose packages get evidence paths like {@code app.ear!/web.war!/WEB-INF/lib/x.jar}.
 *
 * <p>Each archive is identified by its {@code META-INF/maven/.../pom.properties} files, then by its
 * manifest and file name (see {@link JarPackages} for the rules and for why such packages have no
 * purl). The archive is read once as a stream, bounded by {@link JavaArchiveLimits}; {@link
 * JarArchiveReader} describes which problems fail the file and which only skip a nested archive.
 */
public final class JavaArchiveCataloger implements Cataloger {

  /** The smallest ZIP file, an empty archive, is its 22-byte end-of-central-directory record. */
  private static final long MIN_ZIP_SIZE = 22;

  private final JavaArchiveLimits limits;

  public JavaArchiveCataloger(JavaArchiveLimits limits) {
    this.limits = limits;
  }

  public JavaArchiveCataloger() {
    this(JavaArchiveLimits.DEFAULT);
  }

  @Override
  public String name() {
    return "java";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return entry.type() == EntryType.FILE && entry.size() >= MIN_ZIP_SIZE
        && JarFileName.hasArchiveExtension(entry.path());
  }

  /**
   * Returns the packages of the archive at {@code path} and of the archives nested in it.
   *
   * @throws PackageDatabaseException naming the file (and the nested archive, when the problem is
   *     inside one) when the file is not a valid ZIP archive, has too many entries, or decompresses
   *     to more than the limit
   * @throws IOException when reading {@code content} fails
   */
  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    try {
      return new JarArchiveReader(limits).read(path, content);
    } catch (JarArchiveReader.ArchiveReadException | JarArchiveReader.TotalSizeExceededException e) {
      throw new PackageDatabaseException(e.getMessage(), e);
    }
  }
}
