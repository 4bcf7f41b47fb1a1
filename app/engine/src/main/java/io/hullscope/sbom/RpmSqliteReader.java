package io.hullscope.sbom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Reads the SQLite form of the RPM database ({@code rpmdb.sqlite}, rpm 4.16 and later): table
 * {@code Packages(hnum, blob)} with one RPM header blob per row. The file is opened read-only and
 * immutable, so SQLite neither writes to it nor creates journal files beside it.
 */
public final class RpmSqliteReader {

  /** Largest blob accepted for one header (32 MiB). */
  static final int MAX_BLOB_BYTES = 32 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(RpmSqliteReader.class);

  private RpmSqliteReader() {}

  /**
   * Reads a database held in memory, through a temporary copy that is deleted afterwards.
   *
   * <p>NOTE: sqlite-jdbc opens only files, so the copy goes to the JVM's temporary folder, which
   * is outside the app's data folder; a scratch folder inside the data folder would be better.
   *
   * @param path the database path inside the image, for messages
   */
  public static List<RpmHeader> read(String path, byte[] file) throws PackageDatabaseException {
    Path copy;
    try {
      copy = Files.createTempFile("hullscope-rpmdb-", ".sqlite");
    } catch (IOException e) {
      throw new PackageDatabaseException("Cannot read RPM database " + path
          + ": no temporary file could be created for it; check the temporary folder", e);
    }
    try {
      Files.write(copy, file);
      return read(path, copy);
    } catch (IOException e) {
      if (e instanceof PackageDatabaseException database) {
        throw database;
      }
      throw new PackageDatabaseException("Cannot read RPM database " + path
          + ": its temporary copy " + copy + " could not be written; check the free space", e);
    } finally {
      try {
        Files.deleteIfExists(copy);
      } catch (IOException e) {
        LOG.warn("Cannot delete the temporary copy {} of RPM database {}", copy, path, e);
      }
    }
  }

  /**
   * Reads every package header of the database.
   *
   * @param path the database path inside the image, for messages
   * @param file the database on disk
   */
  public static List<RpmHeader> read(String path, Path file) throws PackageDatabaseException {
    if (!Files.isRegularFile(file)) {
      throw new PackageDatabaseException("Cannot read RPM database " + path + ": " + file + " is not a regular file");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    String url = "jdbc:sqlite:file:" + file.toAbsolutePath().toUri().getRawPath() + "?immutable=1";
    List<RpmHeader> headers = new ArrayList<>();
    try (Connection connection = config.createConnection(url);
        PreparedStatement query = connection.prepareStatement("SELECT hnum, blob FROM Packages ORDER BY hnum");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        long hnum = rows.getLong(1);
        byte[] blob = rows.getBytes(2);
        String entry = "hnum " + hnum;
        if (blob == null) {
          throw RpmHeaderParser.fail(path, entry, "the row has no blob");
        }
        if (blob.length > MAX_BLOB_BYTES) {
          throw RpmHeaderParser.fail(path, entry, "the blob has " + blob.length + " bytes, more than " + MAX_BLOB_BYTES);
        }
        headers.add(RpmHeaderParser.parse(path, entry, blob));
      }
    } catch (SQLException e) {
      throw new PackageDatabaseException("Cannot read RPM database " + path + " as SQLite: " + e.getMessage()
          + "; the file is damaged or not an rpmdb.sqlite", e);
    }
    return headers;
  }
}
