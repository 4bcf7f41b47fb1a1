package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.image.MediaType;
import io.hullscope.source.docker.SaveManifests.LocatedBlob;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SaveManifestsTest {

  private static TestImage image(String file) {
    return ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(file, "x").build(), BlobCompression.GZIP).history("COPY " + file)
        .layer(new TarBuilder().file(file + ".2", "y").build(), BlobCompression.ZSTD).history("COPY " + file + ".2");
  }

  private static SaveManifests manifestsFor(TestImage image) {
    return new SaveManifests(image.layers().stream().map(layer -> layer.diffId()).toList());
  }

  private static void add(SaveManifests manifests, String name, byte[] bytes) {
    manifests.add(name, bytes, SaveManifests.parse(bytes));
  }

  @Test
  void ociManifestLocatesCompressedLayers() {
    TestImage image = image("a");
    SaveManifests manifests = manifestsFor(image);

    add(manifests, "blobs/sha256/" + Digest.sha256Of(image.manifestJson()).hex(), image.manifestJson());
    add(manifests, ImageArchiveBuilder.blobPath(image.configDigest()), image.configJson());
    List<LocatedBlob> located = manifests.locate();

    assertThat(located).hasSize(2);
    assertThat(located.get(0).entry()).isEqualTo(ImageArchiveBuilder.blobPath(image.layers().get(0).blobDigest()));
    assertThat(located.get(0).mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
    assertThat(located.get(1).mediaType()).isEqualTo(MediaType.OCI_LAYER_ZSTD);
    assertThat(located.get(1).size()).isEqualTo(image.layers().get(1).blob().length);
  }

  @Test
  void manifestWithoutItsConfigLocatesNothing() {
    TestImage image = image("a");
    SaveManifests manifests = manifestsFor(image);

    add(manifests, "blobs/sha256/" + Digest.sha256Of(image.manifestJson()).hex(), image.manifestJson());

    assertThat(manifests.locate()).isEmpty();
  }

  @Test
  void otherImageManifestIsIgnored() {
    TestImage wanted = image("a");
    TestImage other = image("b");
    SaveManifests manifests = manifestsFor(wanted);

    add(manifests, "blobs/sha256/" + Digest.sha256Of(other.manifestJson()).hex(), other.manifestJson());
    add(manifests, ImageArchiveBuilder.blobPath(other.configDigest()), other.configJson());

    assertThat(manifests.locate()).isEmpty();
    assertThat(manifests.isConfigOfImage(SaveManifests.parse(other.configJson()))).isFalse();
    assertThat(manifests.isConfigOfImage(SaveManifests.parse(wanted.configJson()))).isTrue();
  }

  @Test
  void legacyManifestGivesDiffIdsAsDigests() {
    TestImage image = image("a");
    ImageArchiveBuilder.ArchiveFiles files = ImageArchiveBuilder.dockerSave(image);
    SaveManifests manifests = manifestsFor(image);

    add(manifests, "manifest.json", files.content("manifest.json"));
    add(manifests, image.configDigest().hex() + ".json", image.configJson());
    List<LocatedBlob> located = manifests.locate();

    assertThat(located).extracting(LocatedBlob::digest)
        .containsExactly(image.layers().get(0).diffId(), image.layers().get(1).diffId());
    assertThat(located).allMatch(blob -> blob.entry().endsWith("/layer.tar"));
    assertThat(located).extracting(LocatedBlob::mediaType).containsOnly(MediaType.OCI_LAYER);
  }
}
