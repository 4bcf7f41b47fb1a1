package io.hullscope.ui.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Image;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerSourceEntryTest {

  @Test
  void unreachableDaemonShowsItsMessage() {
    DockerSourceEntry entry = new DockerSourceEntry(() -> new FailingSource(
        "Cannot connect to the Docker daemon at unix:///tmp/missing.sock: no such file"));

    SourceListing listing = entry.load(ProgressListener.NONE);
    entry.apply(listing);

    assertThat(listing.available()).isFalse();
    assertThat(listing.images()).isEmpty();
    assertThat(entry.statusProperty().get())
        .isEqualTo("Not reachable: Cannot connect to the Docker daemon at unix:///tmp/missing.sock: no such file");
    assertThat(entry.availableProperty().get()).isFalse();
  }

  @Test
  void failingConnectorIsNotReachable() {
    DockerSourceEntry entry = new DockerSourceEntry(() -> {
      throw new IllegalStateException("invalid DOCKER_HOST 'tcp//x'");
    });

    SourceListing listing = entry.load(ProgressListener.NONE);

    assertThat(listing.available()).isFalse();
    assertThat(listing.status()).isEqualTo("Not reachable: invalid DOCKER_HOST 'tcp//x'");
  }

  @Test
  void reachableDaemonCountsImages() {
    DockerSourceEntry entry = new DockerSourceEntry(() -> new ListingSource(List.of(
        summary("app:1"), summary("app:2"))));

    SourceListing listing = entry.load(ProgressListener.NONE);

    assertThat(listing.available()).isTrue();
    assertThat(listing.status()).isEqualTo("Connected, 2 images");
    assertThat(listing.images()).extracting(ImageRow::reference).containsExactly("app:1", "app:2");
  }

  private static ImageSummary summary(String reference) {
    return new ImageSummary(reference, List.of(reference), null, 10, null, 1, "", List.of());
  }

  private static final class FailingSource implements ImageSource {
    private final String message;

    FailingSource(String message) {
      this.message = message;
    }

    @Override
    public String displayName() {
      return "Local Docker";
    }

    @Override
    public List<ImageSummary> listImages() throws IOException {
      throw new IOException(message);
    }

    @Override
    public Image open(String key, Platform platform, ProgressListener progress) throws IOException {
      throw new IOException(message);
    }
  }

  private record ListingSource(List<ImageSummary> images) implements ImageSource {
    @Override
    public String displayName() {
      return "Local Docker";
    }

    @Override
    public List<ImageSummary> listImages() {
      return images;
    }

    @Override
    public Image open(String key, Platform platform, ProgressListener progress) throws IOException {
      throw new IOException("not used");
    }
  }
}
