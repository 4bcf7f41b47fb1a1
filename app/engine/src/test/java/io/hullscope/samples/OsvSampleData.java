package io.hullscope.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the offline OSV sample set: {@code samples/osv/ECOSYSTEM/all.zip} from the hand-written
 * records in {@code samples/osv/records/ECOSYSTEM/}, in the layout of OSV's bucket, so that {@code
 * hullscope db import} and {@code hullscope db update --base samples/osv} both read it.
 *
 * <p>Run from the repository root with the folder {@code samples/osv} as the only argument.
 */
public final class OsvSampleData {

  /** Fixed entry time, so the zip changes only when a record changes. */
  private static final long ENTRY_TIME = 1_767_225_600_000L;

  private OsvSampleData() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "samples/osv");
    for (Path ecosystem : ecosystems(root)) {
      writeZip(ecosystem, root.resolve(ecosystem.getFileName().toString()).resolve("all.zip"));
    }
  }

  /** Returns the folders under {@code root/records}, one per ecosystem. */
  static List<Path> ecosystems(Path root) throws IOException {
    try (Stream<Path> folders = Files.list(root.resolve("records"))) {
      return folders.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** Returns the JSON records of one ecosystem folder, sorted by file name. */
  static List<Path> records(Path ecosystem) throws IOException {
    try (Stream<Path> files = Files.list(ecosystem)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  static void writeZip(Path ecosystem, Path zip) throws IOException {
    Files.createDirectories(zip.getParent());
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream output = new ZipOutputStream(out)) {
      for (Path record : records(ecosystem)) {
        ZipEntry entry = new ZipEntry(record.getFileName().toString());
        entry.setTime(ENTRY_TIME);
        output.putNextEntry(entry);
        output.write(Files.readAllBytes(record));
        output.closeEntry();
      }
    }
  }
}
