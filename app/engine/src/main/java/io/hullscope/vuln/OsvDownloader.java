package io.hullscope.vuln;

import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads OSV ecosystem exports and keeps the {@link VulnerabilityDatabase} current.
 *
 * <p>The base is OSV's public bucket by default, a company mirror, a {@code file:} URL or a local
 * folder with the bucket's layout: {@code {base}/{ecosystem}/all.zip}, {@code
 * {base}/{ecosystem}/modified_id.csv} (lines {@code timestamp,id}, newest first) and {@code
 * {base}/{ecosystem}/{id}.json}. An ecosystem with data is updated from the modification list,
 * which fetches only the records newer than its snapshot. An ecosystem without data, or whose list
 * cannot be read, gets the whole zip. A zip is written to a temporary file in the download folder and
 * checked and imported from there, so a failed or cancelled download leaves the previous data.
 *
 * @see <a href="https://google.github.io/osv.dev/data/">OSV data dumps</a>
 */
public final class OsvDownloader {

  private static final Logger log = LoggerFactory.getLogger(OsvDownloader.class);

  /** OSV's public bucket. */
  public static final String DEFAULT_BASE = "https://osv-vulnerabilities.storage.googleapis.com";

  /** Download limits and timeouts. */
  public record Limits(long maxZipBytes, int maxListBytes, int maxIncrementalRecords, Duration timeout) {

    /** 4 GiB per zip, 256 MiB per modification list, 5,000 records per incremental update, 60 s per request. */
    public static final Limits DEFAULT = new Limits(4L << 30, 256 << 20, 5_000, Duration.ofSeconds(60));
  }

  private final String base;
  private final Path downloadFolder;
  private final OsvImporter importer;
  private final VulnerabilityDatabase database;
  private final OsvRecordParser parser;
  private final HttpClient http;
  private final Limits limits;

  /**
   * @param base the bucket URL, a {@code file:} URL or a local folder
   * @param downloadFolder where temporary zips are written; it should be on the same disk as the database
   */
  public OsvDownloader(String base, Path downloadFolder, VulnerabilityDatabase database, Limits limits) {
    this.base = stripSlash(base == null || base.isBlank() ? DEFAULT_BASE : base.strip());
    this.downloadFolder = downloadFolder;
    this.database = database;
    this.importer = new OsvImporter(database);
    this.parser = new OsvRecordParser();
    this.limits = limits;
    this.http = HttpClient.newBuilder()
        .connectTimeout(limits.timeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /**
   * Brings one ecosystem up to date: incrementally when it has data and a modification list,
   * otherwise by importing the whole export.
   *
   * @param ecosystem the export's name, for example {@code Debian} or {@code npm}
   * @throws IOException when a download or the import fails; the previous data is then unchanged
   * @throws OperationCancelledException when {@code progress} reports cancellation
   */
  public ImportResult update(String ecosystem, ProgressListener progress) throws IOException {
    checkEcosystem(ecosystem);
    Optional<Instant> snapshot = database.dataVersions().stream()
        .filter(version -> version.source().equals(ecosystem))
        .map(DataVersion::snapshot)
        .filter(time -> time != null)
        .findFirst();
    if (snapshot.isPresent()) {
      Optional<List<String>> newer = newerIds(ecosystem, snapshot.get(), progress);
      if (newer.isPresent()) {
        return updateRecords(ecosystem, newer.get(), progress);
      }
    }
    return downloadAll(ecosystem, progress);
  }

  /** Downloads {@code {base}/{ecosystem}/all.zip} and replaces the ecosystem's data with it. */
  public ImportResult downloadAll(String ecosystem, ProgressListener progress) throws IOException {
    checkEcosystem(ecosystem);
    Files.createDirectories(downloadFolder);
    Path temporary = Files.createTempFile(downloadFolder, "osv-" + safeFileName(ecosystem) + "-", ".zip.part");
    try {
      String location = location(ecosystem, "all.zip");
      progress.step("Downloading " + ecosystem + " vulnerability data from " + location);
      try (InputStream input = open(location, progress); OutputStream output = Files.newOutputStream(temporary)) {
        copy(input, output, location, progress);
      }
      return importer.importZip(temporary, ecosystem, progress);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Reads the modification list and returns the ids modified after {@code snapshot}, or empty when
   * the list is missing, unreadable or names more records than an incremental update fetches.
   */
  private Optional<List<String>> newerIds(String ecosystem, Instant snapshot, ProgressListener progress)
      throws IOException {
    String location = location(ecosystem, "modified_id.csv");
    List<String> ids = new ArrayList<>();
    long bytes = 0;
    try (InputStream input = open(location, progress);
        BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        progress.checkCancelled();
        bytes += line.length() + 1;
        if (bytes > limits.maxListBytes()) {
          log.info("The modification list {} is larger than {} bytes; downloading the whole export", location,
              limits.maxListBytes());
          return Optional.empty();
        }
        if (line.isBlank()) {
          continue;
        }
        int comma = line.indexOf(',');
        if (comma < 0) {
          log.warn("Line '{}' of {} is not 'timestamp,id'; downloading the whole export", shorten(line), location);
          return Optional.empty();
        }
        Instant modified;
        try {
          modified = OffsetDateTime.parse(line.substring(0, comma).strip()).toInstant();
        } catch (DateTimeParseException e) {
          log.warn("Line '{}' of {} has an invalid time; downloading the whole export", shorten(line), location);
          return Optional.empty();
        }
        // The list is sorted newest first, so the first record not newer than the snapshot ends it.
        if (!modified.isAfter(snapshot)) {
          break;
        }
        ids.add(line.substring(comma + 1).strip());
        if (ids.size() > limits.maxIncrementalRecords()) {
          return Optional.empty();
        }
      }
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException | NotFoundException e) {
      log.info("No modification list at {}; downloading the whole export", location);
      return Optional.empty();
    }
    return Optional.of(ids);
  }

  private ImportResult updateRecords(String ecosystem, List<String> ids, ProgressListener progress) throws IOException {
    progress.step("Updating " + ids.size() + " " + ecosystem + " records");
    List<OsvRecord> records = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int done = 0;
    for (String id : ids) {
      progress.checkCancelled();
      String location = location(ecosystem, id + ".json");
      if (!id.matches("[A-Za-z0-9._:-]+")) {
        skipped.add(ecosystem + "/modified_id.csv: id '" + shorten(id) + "' contains characters no OSV id has");
        continue;
      }
      try (InputStream input = open(location, progress)) {
        records.add(parser.parse(location, input));
      } catch (OsvRecordException e) {
        skipped.add(e.getMessage());
      }
      progress.progress(++done, ids.size());
    }
    return importer.importRecords(ecosystem, records, skipped);
  }

  private String location(String ecosystem, String file) {
    if (isRemote()) {
      return base + "/" + URLEncoder.encode(ecosystem, StandardCharsets.UTF_8).replace("+", "%20") + "/" + file;
    }
    return localRoot().resolve(ecosystem).resolve(file).toString();
  }

  private boolean isRemote() {
    return base.startsWith("http://") || base.startsWith("https://");
  }

  private Path localRoot() {
    return base.startsWith("file:") ? Path.of(URI.create(base)) : Path.of(base);
  }

  private InputStream open(String location, ProgressListener progress) throws IOException {
    if (!isRemote()) {
      return Files.newInputStream(Path.of(location));
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(location)).timeout(limits.timeout()).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationCancelledException();
    }
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    response.body().close();
    if (status == 404) {
      throw new NotFoundException("Failed to download " + location + ": not found (HTTP 404); check the ecosystem name");
    }
    throw new IOException("Failed to download " + location + ": HTTP " + status
        + "; check the base URL or try again later");
  }

  private void copy(InputStream input, OutputStream output, String location, ProgressListener progress)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int read;
    while ((read = input.read(buffer)) != -1) {
      progress.checkCancelled();
      total += read;
      if (total > limits.maxZipBytes()) {
        throw new IOException("Failed to download " + location + ": it is larger than the limit of "
            + limits.maxZipBytes() + " bytes");
      }
      output.write(buffer, 0, read);
      progress.progress(total, -1);
    }
  }

  /** Rejects names that would leave the ecosystem's folder, such as {@code ../x}. */
  private static void checkEcosystem(String ecosystem) {
    if (ecosystem == null || ecosystem.isBlank() || ecosystem.contains("/") || ecosystem.contains("\\")
        || ecosystem.equals(".") || ecosystem.equals("..")) {
      throw new IllegalArgumentException("Invalid OSV ecosystem name '" + ecosystem
          + "'; use a folder name of the OSV bucket such as Debian, Alpine, npm or Maven");
    }
  }

  private static String safeFileName(String ecosystem) {
    return ecosystem.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String stripSlash(String text) {
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static String shorten(String text) {
    return OsvValidator.shorten(text);
  }

  /** An HTTP 404 from the mirror. */
  private static final class NotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
      super(message);
    }
  }
}
