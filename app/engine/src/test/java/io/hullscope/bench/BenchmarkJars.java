package io.hullscope.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Java archives for the benchmark image, laid out as the Maven archiver, the shade plugin and Spring
 * Boot write them: plain library jars with {@code META-INF/maven/GROUP/ARTIFACT/pom.properties},
 * one shaded jar with the coordinates of the jars merged into it, and one executable fat jar with
 * its libraries stored uncompressed under {@code BOOT-INF/lib/}. Class files are a class file
 * magic followed by text, which compresses about as well as real byte code.
 */
final class BenchmarkJars {

  static final int LIBRARY_JARS = 4;
  static final int SHADED_ARTIFACTS = 3;
  static final int FAT_JAR_LIBRARIES = 30;

  /** A fixed entry time keeps the archives byte for byte the same between runs. */
  private static final long ENTRY_TIME_MILLIS = 1_704_067_200_000L;

  private final EvidenceText text;
  private final Random random;

  BenchmarkJars(EvidenceText text) {
    this.text = text;
    this.random = text.random();
  }

  /** Adds the library jars under {@code folder + "lib/"} and the fat jar as {@code folder + "app.jar"}. */
  void addTo(List<BenchmarkEvidence.LayerFile> files, String folder) throws IOException {
    for (int i = 0; i < LIBRARY_JARS; i++) {
      String artifact = text.uniqueName();
      String version = text.semver();
      int mergedArtifacts = i == 0 ? SHADED_ARTIFACTS : 0;
      files.add(new BenchmarkEvidence.LayerFile(folder + "lib/" + artifact + "-" + version + ".jar", 0644,
          libraryJar("com.example." + artifact, artifact, version, 80 + random.nextInt(120), mergedArtifacts)));
    }
    files.add(new BenchmarkEvidence.LayerFile(folder + "app.jar", 0644, fatJar()));
  }

  private byte[] libraryJar(String groupId, String artifactId, String version, int classes, int mergedArtifacts)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      putManifest(zip, artifactId, version, null);
      putMavenFiles(zip, groupId, artifactId, version);
      // A shaded jar keeps the Maven files of every jar merged into it.
      for (int i = 0; i < mergedArtifacts; i++) {
        String merged = text.uniqueName();
        putMavenFiles(zip, "org.example." + merged, merged, text.semver());
      }
      putClasses(zip, groupId.replace('.', '/') + "/", classes);
    }
    return bytes.toByteArray();
  }

  private byte[] fatJar() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      putManifest(zip, "app", "1.0.0", "com.example.app.Application");
      putMavenFiles(zip, "com.example", "app", "1.0.0");
      putClasses(zip, "BOOT-INF/classes/com/example/app/", 60);
      for (int i = 0; i < FAT_JAR_LIBRARIES; i++) {
        String artifact = text.uniqueName();
        String version = text.semver();
        byte[] library = libraryJar("org.example." + artifact, artifact, version, 10 + random.nextInt(40), 0);
        // Spring Boot stores nested jars uncompressed so they can be opened in place.
        ZipEntry entry = entry("BOOT-INF/lib/" + artifact + "-" + version + ".jar");
        CRC32 crc = new CRC32();
        crc.update(library);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(library.length);
        entry.setCompressedSize(library.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(library);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void putManifest(ZipOutputStream zip, String title, String version, String startClass)
      throws IOException {
    StringBuilder manifest = new StringBuilder();
    manifest.append("Manifest-Version: 1.0\r\n");
    manifest.append("Created-By: Maven JAR Plugin 3.3.0\r\n");
    manifest.append("Build-Jdk-Spec: 17\r\n");
    manifest.append("Implementation-Title: ").append(title).append("\r\n");
    manifest.append("Implementation-Version: ").append(version).append("\r\n");
    if (startClass != null) {
      manifest.append("Main-Class: org.springframework.boot.loader.launch.JarLauncher\r\n");
      manifest.append("Start-Class: ").append(startClass).append("\r\n");
    }
    manifest.append("\r\n");
    put(zip, "META-INF/MANIFEST.MF", BenchmarkEvidence.ascii(manifest.toString()));
  }

  private void putMavenFiles(ZipOutputStream zip, String groupId, String artifactId, String version)
      throws IOException {
    String folder = "META-INF/maven/" + groupId + "/" + artifactId + "/";
    put(zip, folder + "pom.properties", BenchmarkEvidence.ascii(
        "artifactId=" + artifactId + "\ngroupId=" + groupId + "\nversion=" + version + "\n"));
    put(zip, folder + "pom.xml", BenchmarkEvidence.ascii("""
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>%s</groupId>
          <artifactId>%s</artifactId>
          <version>%s</version>
          <description>%s</description>
        </project>
        """.formatted(groupId, artifactId, version, text.phrase(8))));
  }

  private void putClasses(ZipOutputStream zip, String folder, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      byte[] body = BenchmarkEvidence.ascii(text.paragraph(4 + random.nextInt(30)));
      byte[] classFile = new byte[8 + body.length];
      // The class file magic and major version 61 (Java 17).
      byte[] header = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61};
      System.arraycopy(header, 0, classFile, 0, header.length);
      System.arraycopy(body, 0, classFile, header.length, body.length);
      put(zip, folder + "Class" + i + ".class", classFile);
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(entry(name));
    zip.write(data);
    zip.closeEntry();
  }

  private static ZipEntry entry(String name) {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(ENTRY_TIME_MILLIS);
    return entry;
  }
}
