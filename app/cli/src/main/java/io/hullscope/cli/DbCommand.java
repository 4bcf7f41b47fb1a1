package io.hullscope.cli;

import io.hullscope.image.ProgressListener;
import io.hullscope.store.AppPaths;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteVulnerabilityDatabase;
import io.hullscope.vuln.DataVersion;
import io.hullscope.vuln.ImportResult;
import io.hullscope.vuln.OsvDownloader;
import io.hullscope.vuln.OsvImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hullscope db}: manages the OSV vulnerability data that {@code hullscope scan} uses. */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Manages the OSV vulnerability data used by 'hullscope scan'.",
    subcommands = {DbCommand.Import.class, DbCommand.Status.class, DbCommand.Update.class})
final class DbCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: try 'hullscope db status'");
  }

  /** {@code hullscope db import FILE}: imports an OSV export zip from disk. */
  @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Imports an OSV export zip (all.zip of one ecosystem) from disk, replacing that ecosystem's"
          + " data. Invalid records are listed on standard error and skipped.")
  static final class Import implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "ZIP", description = "The export zip, for example Debian/all.zip.")
    private Path zip;

    @Option(names = "--ecosystem", paramLabel = "NAME",
        description = "Ecosystem the zip exports, as OSV names its folder (Debian, Alpine, npm...). Default: the zip's"
            + " folder name for all.zip, otherwise its file name without .zip.")
    private String ecosystem;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(zip)) {
        throw new ParameterException(spec.commandLine(), "File not found: " + zip + "; give the path of an OSV zip");
      }
      checkZipSignature(zip);
      String source = ecosystem != null ? ecosystem : ecosystemOf(zip);
      ImportResult result;
      try (Database database = VulnerabilityStore.open()) {
        result = new OsvImporter(new SqliteVulnerabilityDatabase(database)).importZip(zip, source, ProgressListener.NONE);
      }
      print(spec, result);
      return 0;
    }

    /**
     * Fails when the file does not start with a zip signature ({@code PK} then 3 4, or 5 6 for an
     * empty zip), so a JSON record or HTML page saved as .zip is named as what it is not, rather
     * than as a damaged download.
     */
    static void checkZipSignature(Path zip) throws IOException {
      byte[] head = new byte[4];
      int read;
      try (java.io.InputStream input = Files.newInputStream(zip)) {
        read = input.readNBytes(head, 0, 4);
      }
      boolean signature = read == 4 && head[0] == 'P' && head[1] == 'K'
          && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
      if (!signature) {
        throw new IOException(zip + " is not a zip file; give an OSV export zip such as Debian/all.zip (a single"
            + " record is a .json file, which must be packed in a zip first)");
      }
    }

    static String ecosystemOf(Path zip) {
      String name = zip.getFileName().toString();
      Path parent = zip.toAbsolutePath().getParent();
      if (name.equals("all.zip") && parent != null && parent.getFileName() != null) {
        return parent.getFileName().toString();
      }
      return name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    }
  }

  /** {@code hullscope db status}: lists the imported ecosystems. */
  @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Lists the imported ecosystems with their record count, snapshot (newest record change) and"
          + " import time.")
  static final class Status implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      List<DataVersion> versions;
      try (Database database = VulnerabilityStore.open()) {
        versions = new SqliteVulnerabilityDatabase(database).dataVersions();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Database: " + AppPaths.databaseFile());
      if (versions.isEmpty()) {
        out.println("No vulnerability data. Import an OSV zip with 'hullscope db import FILE' or download one with"
            + " 'hullscope db update ECOSYSTEM'.");
      } else {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ECOSYSTEM", "RECORDS", "SNAPSHOT", "IMPORTED"});
        for (DataVersion version : versions) {
          rows.add(new String[] {version.source(), String.valueOf(version.records()),
              version.snapshot() == null ? "-" : version.snapshot().toString(), version.importedAt().toString()});
        }
        TextTable.print(out, rows);
      }
      out.flush();
      return 0;
    }
  }

  /** {@code hullscope db update}: downloads or refreshes ecosystems. */
  @Command(name = "update", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Downloads the OSV data of the named ecosystems, or refreshes every imported ecosystem."
          + " An ecosystem with data fetches only the records changed since its snapshot.")
  static final class Update implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "ECOSYSTEM", arity = "0..*",
        description = "OSV ecosystem folders to update, for example Debian, Alpine, npm, Maven. Default: the"
            + " ecosystems already imported.")
    private List<String> ecosystems = new ArrayList<>();

    @Option(names = "--base", paramLabel = "URL|FOLDER", defaultValue = OsvDownloader.DEFAULT_BASE,
        description = "Where the exports are: OSV's bucket (default: ${DEFAULT-VALUE}), a mirror URL, a file: URL or"
            + " a folder with ECOSYSTEM/all.zip.")
    private String base;

    @Override
    public Integer call() throws IOException {
      try (Database database = VulnerabilityStore.open()) {
        SqliteVulnerabilityDatabase vulnerabilities = new SqliteVulnerabilityDatabase(database);
        List<String> names = new ArrayList<>(ecosystems);
        if (names.isEmpty()) {
          vulnerabilities.dataVersions().forEach(version -> names.add(version.source()));
        }
        if (names.isEmpty()) {
          throw new ParameterException(spec.commandLine(),
              "No ecosystem imported yet: name one, for example 'hullscope db update Debian'");
        }
        OsvDownloader downloader = new OsvDownloader(base, AppPaths.dataDir().resolve("downloads"), vulnerabilities,
            OsvDownloader.Limits.DEFAULT);
        for (String name : names) {
          try {
            print(spec, downloader.update(name, ProgressListener.NONE));
          } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
          } catch (NoSuchFileException e) {
            throw new IOException("Failed to update " + name + ": " + e.getFile() + " not found", e);
          }
        }
      }
      return 0;
    }
  }

  private static void print(CommandSpec spec, ImportResult result) {
    PrintWriter err = spec.commandLine().getErr();
    for (String skipped : result.skipped()) {
      err.println("warning: skipped " + skipped);
    }
    if (result.skippedCount() > result.skipped().size()) {
      err.println("warning: skipped " + (result.skippedCount() - result.skipped().size()) + " more invalid records");
    }
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    out.println(result.source() + ": stored " + result.imported() + " records, skipped " + result.skippedCount()
        + (result.snapshot() == null ? "" : "; newest record change " + result.snapshot()));
    out.flush();
  }
}
