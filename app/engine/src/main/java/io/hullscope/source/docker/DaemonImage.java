package io.hullscope.source.docker;

import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Layer;
import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An image in the Docker daemon. Config and history come from inspect and history calls made
 * when it is opened; layer blobs come from the daemon's save stream, which
 * {@link #streamLayers} reads in as few passes as {@link SaveStreamScanner} allows.
 */
final class DaemonImage implements Image {

  private final DaemonClient client;
  private final String name;
  private final List<String> references;
  private final Digest id;
  private final ImageConfig config;
  private final long sizeEstimate;
  private final SaveStreamScanner scanner;
  private final ProgressListener openProgress;
  private final List<Layer> layers;

  DaemonImage(DaemonClient client, String name, List<String> references, Digest id, ImageConfig config,
      long sizeEstimate, SaveStreamScanner scanner, ProgressListener openProgress) {
    this.client = client;
    this.name = name;
    this.references = List.copyOf(references);
    this.id = id;
    this.config = config;
    this.sizeEstimate = sizeEstimate;
    this.scanner = scanner;
    this.openProgress = openProgress;
    List<Layer> list = new ArrayList<>();
    for (int i = 0; i < config.diffIds().size(); i++) {
      list.add(new DaemonLayer(i));
    }
    this.layers = List.copyOf(list);
  }

  @Override
  public List<String> references() {
    return references;
  }

  /** Returns the daemon's image id: the config digest for the classic store, the manifest digest for containerd. */
  @Override
  public Digest digest() {
    return id;
  }

  // NOTE: with the containerd image store the image id is the manifest (or index) digest. The
  // config digest is known only after a pass over the save stream, so this returns the id.
  @Override
  public Digest configDigest() {
    return id;
  }

  @Override
  public ImageConfig config() {
    return config;
  }

  @Override
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public List<Platform> availablePlatforms() {
    return config.platform() == null ? List.of() : List.of(config.platform());
  }

  @Override
  public String sourceDescription() {
    return "Docker daemon " + client.endpoint().host() + ", image " + name;
  }

  /**
   * Streams the wanted layers from {@code GET /images/{name}/get}: one pass when every blob can
   * be identified as it arrives, a second pass for the layers identified only by a manifest
   * that came after them. Cancellation is checked between entries and while bytes stream.
   */
  @Override
  public void streamLayers(LayerVisitor visitor) throws IOException {
    Set<Integer> wanted = new TreeSet<>();
    for (Layer layer : layers) {
      if (visitor.wants(layer)) {
        wanted.add(layer.index());
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    openProgress.step("Reading " + name + " from the Docker daemon");
    scanner.deliverAll(() -> openSaveStream(openProgress), wanted,
        (index, blob) -> visitor.visit(layers.get(index), blob), openProgress);
  }

  /** Reads the save stream until the config blob went by and returns it, or null when absent. */
  byte[] readConfigBlob(ProgressListener progress) throws IOException {
    return scanner.readConfig(() -> openSaveStream(progress), progress);
  }

  /** Opens the save stream; closing the returned stream ends the request. */
  private InputStream openSaveStream(ProgressListener progress) throws IOException {
    Response response = client.openStream(savePath());
    InputStream body;
    try {
      body = response.getBody();
    } catch (RuntimeException e) {
      response.close();
      throw e;
    }
    return new ProgressStream(body, progress, sizeEstimate) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          response.close();
        }
      }
    };
  }

  private String savePath() {
    return "/images/" + DaemonClient.encodePathPart(id.toString()) + "/get";
  }

  /** A layer whose blob digest and size become known once a pass has located it. */
  private final class DaemonLayer implements Layer {
    private final int index;

    DaemonLayer(int index) {
      this.index = index;
    }

    @Override
    public int index() {
      return index;
    }

    @Override
    public Digest blobDigest() {
      return scanner.blobDigest(index);
    }

    @Override
    public Digest diffId() {
      return config.diffIds().get(index);
    }

    @Override
    public long size() {
      return scanner.blobSize(index);
    }

    @Override
    public String mediaType() {
      return scanner.mediaType(index);
    }

    @Override
    public InputStream open() throws IOException {
      return scanner.openLayer(() -> openSaveStream(ProgressListener.NONE), index, ProgressListener.NONE);
    }

    @Override
    public String toString() {
      return "layer " + index + " " + diffId() + " of " + name;
    }
  }

  /** Counts bytes for progress and checks for cancellation every megabyte. */
  private static class ProgressStream extends FilterInputStream {
    private static final long REPORT_EVERY = 1 << 20;
    private final ProgressListener progress;
    private final long total;
    private long done;
    private long nextReport = REPORT_EVERY;

    ProgressStream(InputStream in, ProgressListener progress, long total) {
      super(in);
      this.progress = progress;
      this.total = total;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        advance(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read > 0) {
        advance(read);
      }
      return read;
    }

    private void advance(long bytes) throws OperationCancelledException {
      done += bytes;
      if (done >= nextReport) {
        nextReport = done + REPORT_EVERY;
        progress.checkCancelled();
        progress.progress(done, total > 0 ? Math.max(total, done) : -1);
      }
    }
  }
}
