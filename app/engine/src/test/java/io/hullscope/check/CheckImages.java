package io.hullscope.check;

import io.hullscope.image.Digest;
import io.hullscope.image.Healthcheck;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FakeImage;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.Distro;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds small in-memory images and their {@link ImageFacts} for check tests: layers from
 * {@link TarBuilder}s, indexed for real, and a config that sets only what a test names.
 */
final class CheckImages {

  private final List<TarBuilder> layers = new ArrayList<>();
  private final List<HistoryEntry> history = new ArrayList<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Set<String> ports = new LinkedHashSet<>();
  private final List<String> references = new ArrayList<>();
  private List<String> cmd = List.of();
  private Healthcheck healthcheck;
  private Distro distro;
  private ImageSbom sbom;
  private VulnerabilityFacts vulnerabilities;
  private SignatureFacts signatures;

  static CheckImages image() {
    return new CheckImages();
  }

  /** Adds a layer with the history line that made it. */
  CheckImages layer(String createdBy, TarBuilder tar) {
    layers.add(tar);
    history.add(new HistoryEntry(null, createdBy, null, false));
    return this;
  }

  /** Adds a history line that made no layer, such as {@code EXPOSE} or {@code ENV}. */
  CheckImages step(String createdBy) {
    history.add(new HistoryEntry(null, createdBy, null, true));
    return this;
  }

  CheckImages label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  CheckImages expose(String port) {
    ports.add(port);
    return this;
  }

  CheckImages reference(String reference) {
    references.add(reference);
    return this;
  }

  CheckImages cmd(String... command) {
    cmd = List.of(command);
    return this;
  }

  CheckImages healthcheck(String... test) {
    healthcheck = new Healthcheck(List.of(test), null, null, null, null);
    return this;
  }

  CheckImages distro(Distro value) {
    distro = value;
    return this;
  }

  CheckImages sbom(ImageSbom value) {
    sbom = value;
    return this;
  }

  CheckImages vulnerabilities(VulnerabilityFacts value) {
    vulnerabilities = value;
    return this;
  }

  CheckImages signatures(SignatureFacts value) {
    signatures = value;
    return this;
  }

  /** Indexes the layers and returns the facts the checks read. */
  ImageFacts facts() {
    FakeImage image = FakeImage.of(layers.toArray(TarBuilder[]::new));
    ImageAnalysis analysis;
    try {
      analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Digest> diffIds = image.layers().stream().map(layer -> layer.diffId()).toList();
    ImageConfig config = new ImageConfig(null, null, null, cmd, null, ports, null, null, labels, healthcheck, null,
        null, null, history, diffIds);
    return new ImageFacts(references, image.digest(), config, analysis, AccountDatabase.NONE, sbom, distro,
        vulnerabilities, signatures);
  }

  /** Runs one check with default settings. */
  static List<Finding> run(ImageCheck check, ImageFacts facts) {
    return run(check, facts, CheckSettings.DEFAULTS);
  }

  static List<Finding> run(ImageCheck check, ImageFacts facts, CheckSettings settings) {
    try {
      return check.run(facts, settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the only finding with this id. */
  static Finding only(List<Finding> findings, String id) {
    List<Finding> matching = findings.stream().filter(f -> f.id().equals(id)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + id + " finding, got " + findings);
    }
    return matching.get(0);
  }

  static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::id).toList();
  }
}
