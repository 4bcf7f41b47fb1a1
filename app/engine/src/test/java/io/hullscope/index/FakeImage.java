package io.hullscope.index;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Layer;
import io.hullscope.image.Platform;
import io.hullscope.testing.TarBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An image made of {@link FakeLayer}s, named {@code test/image:1}. */
public class FakeImage implements Image {

  public static final String NAME = "test/image:1";

  private final List<Layer> layers;

  public FakeImage(List<? extends Layer> layers) {
    this.layers = List.copyOf(layers);
  }

  /** Creates an image with one gzip layer per tar, bottom first. */
  public static FakeImage ofTars(byte[]... tars) {
    List<Layer> layers = new ArrayList<>();
    for (byte[] tar : tars) {
      layers.add(FakeLayer.gzip(layers.size(), tar));
    }
    return new FakeImage(layers);
  }

  /** Creates an image with one gzip layer per builder, bottom first. */
  public static FakeImage of(TarBuilder... builders) {
    byte[][] tars = new byte[builders.length][];
    for (int i = 0; i < builders.length; i++) {
      tars[i] = builders[i].build();
    }
    return ofTars(tars);
  }

  public FakeLayer layer(int index) {
    return (FakeLayer) layers.get(index);
  }

  @Override
  public List<String> references() {
    return List.of(NAME);
  }

  @Override
  public Digest digest() {
    return Digest.sha256Of("fake image".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Digest configDigest() {
    return digest();
  }

  @Override
  public ImageConfig config() {
    return null;
  }

  @Override
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public List<Platform> availablePlatforms() {
    return List.of();
  }

  @Override
  public String sourceDescription() {
    return "fake image in memory";
  }
}
