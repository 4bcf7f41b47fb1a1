package io.hullscope.ui.sbom;

import io.hullscope.image.Digest;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogWarning;
import io.hullscope.sbom.Distro;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.Package;
import io.hullscope.sbom.SbomSubject;
import io.hullscope.image.ImageReference;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** SBOMs and a small opened image for the SBOM tab's tests. */
final class SbomFixtures {

  static final Digest IMAGE_DIGEST = Digest.sha256("a".repeat(64));
  static final Digest BASE_LAYER = Digest.sha256("1b2c3d4e5f60" + "0".repeat(52));
  static final Digest APP_LAYER = Digest.sha256("9f8e7d6c5b4a" + "0".repeat(52));
  static final String DPKG_STATUS = "var/lib/dpkg/status";

  private SbomFixtures() {}

  static Package deb(String name, String version, String... dependencies) {
    return new Package(name, version, "deb", "pkg:deb/debian/" + name + "@" + version + "?arch=amd64&distro=debian-12",
        List.of(), name + "-src", null, "amd64", DPKG_STATUS, List.of(dependencies));
  }

  static Package pypi(String name, String version, String license, String... dependencies) {
    return new Package(name, version, "pypi", "pkg:pypi/" + name + "@" + version, List.of(license), null, null, null,
        "usr/lib/python3/site-packages/" + name + "-" + version + ".dist-info/METADATA", List.of(dependencies));
  }

  static Package jar(String name, String version, String evidencePath) {
    return new Package(name, version, "maven", "pkg:maven/org.example/" + name + "@" + version, List.of("Apache-2.0"),
        null, null, null, evidencePath, List.of(), Map.of("SHA-1", "0123456789abcdef0123456789abcdef01234567"));
  }

  static ImageSbom sbom(List<ImagePackage> packages, CatalogWarning... warnings) {
    SbomSubject subject = new SbomSubject(ImageReference.parse("example.com/team/app:1.0"), IMAGE_DIGEST, null);
    return new ImageSbom(subject, new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)"), packages,
        List.of(BASE_LAYER, APP_LAYER), List.of(warnings), "Hullscope test");
  }

  /**
   * Writes and indexes an image of two layers: {@code etc/os-release} and a dpkg status in the
   * first, {@code app/lib/outer.jar} and a rewritten {@code etc/os-release} in the second.
   */
  static ImageAnalysis openImage(Path folder) {
    Path tar = ImageArchiveBuilder.dockerSave(ImageArchiveBuilder.image()
            .layer(new TarBuilder().dir("etc").file("etc/os-release", "ID=debian\n")
                .dir("var").dir("var/lib").dir("var/lib/dpkg").file(DPKG_STATUS, "Package: libc6\n").build())
            .layer(new TarBuilder().dir("app").dir("app/lib").file("app/lib/outer.jar", "not really a jar")
                .file("etc/os-release", "ID=debian\nVERSION_ID=12\n").build())
            .history("ADD rootfs.tar.xz /")
            .history("/bin/sh -c #(nop) COPY lib /app/lib")
            .reference("example.com/team/app:1.0"))
        .writeTar(folder.resolve("app.tar"));
    try (ImageSource source = FileSources.open(tar)) {
      String key = source.listImages().get(0).key();
      var image = source.open(key, null, ProgressListener.NONE);
      return new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
