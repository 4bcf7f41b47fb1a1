package io.hullscope.check;

import io.hullscope.check.SecretConfigScanner.Hit;
import io.hullscope.check.SecretConfigScanner.HistoryHits;
import io.hullscope.check.SecretScanCache.LayerSecrets;
import io.hullscope.index.EntryType;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.LayerIndex;
import io.hullscope.index.TreeNode;
import io.hullscope.index.FileInterest;
import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets checks: secrets in {@code Env}, labels and the build history, secrets and credential
 * files in the layers, and secret files that a later layer deleted or replaced but that are still
 * in the layer that added them. Values are redacted in every finding (see {@link Redaction}).
 *
 * <p>The file part needs {@link #interests()} registered with the indexer; one instance serves one
 * image.
 */
public final class SecretCheck implements ImageCheck {

  private static final String GROUP = "secrets";

  static final String SECRET_IN_ENV = "SECRET-IN-ENV";
  static final String SECRET_IN_LABEL = "SECRET-IN-LABEL";
  static final String SECRET_IN_HISTORY = "SECRET-IN-HISTORY";
  static final String SECRET_DELETED = "SECRET-DELETED-BUT-PRESENT";

  private static final List<CheckDefinition> DEFINITIONS = List.of(
      new CheckDefinition(SECRET_IN_ENV, "A secret is set in the image's environment", Severity.HIGH, GROUP,
          "Everyone who can pull the image can read its environment with docker inspect, and every process in"
              + " the container inherits it."),
      new CheckDefinition(SECRET_IN_LABEL, "A secret is stored in a label", Severity.HIGH, GROUP,
          "Labels are public metadata: registries, scanners and docker inspect show them to anyone who can see"
              + " the image."),
      new CheckDefinition(SECRET_IN_HISTORY, "A secret is recorded in the build history", Severity.HIGH, GROUP,
          "Build arguments, ARG and ENV defaults and RUN command lines are kept in the image config, so the"
              + " secret ships with the image even when no file contains it."),
      new CheckDefinition(SecretFileScanner.SECRET_IN_FILE, "A file in the image contains a secret", Severity.HIGH,
          GROUP, "Anyone who can pull the image can extract its files; a private key or token in them gives"
              + " away access to the systems it protects."),
      new CheckDefinition(SecretFileScanner.CREDENTIAL_FILE, "A credential file is left in the image", Severity.HIGH,
          GROUP, "Files such as .env, .npmrc, .netrc, Docker's config.json or a kubeconfig hold passwords and"
              + " tokens for registries, clouds and clusters, and the image gives them to everyone who pulls it."),
      new CheckDefinition(SECRET_DELETED, "A deleted secret file is still in a lower layer", Severity.HIGH, GROUP,
          "Deleting a file in a later layer only hides it: the layer that added it keeps the bytes, and anyone"
              + " can extract them from the image."));

  private final SecretFiles files;

  /** Creates the check with the default file limits and no cache. */
  public SecretCheck() {
    this(new SecretFiles());
  }

  /** Creates the check with this file collector, for example one with a {@link SecretScanCache}. */
  public SecretCheck(SecretFiles files) {
    this.files = files;
  }

  @Override
  public List<CheckDefinition> definitions() {
    return DEFINITIONS;
  }

  @Override
  public List<FileInterest> interests() {
    return List.of(files);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException when the facts have an analysis but the file interest was not registered
   *     with the indexer that produced it
   */
  @Override
  public List<Finding> run(ImageFacts facts, CheckSettings settings) throws IOException {
    List<Finding> findings = new ArrayList<>();
    if (facts.config() != null) {
      envFindings(facts, findings);
      labelFindings(facts, findings);
      historyFindings(facts, findings);
    }
    if (facts.analysis() != null) {
      fileFindings(facts.analysis(), files.layers(facts.analysis()), findings);
    }
    return findings;
  }

  private void envFindings(ImageFacts facts, List<Finding> findings) {
    SecretConfigScanner.env(facts.config()).forEach((name, hit) -> findings.add(finding(SECRET_IN_ENV, name,
        "Env " + hit.redacted() + ": " + describe(hit),
        "Remove " + name + " from the image. Pass it when the container starts instead (docker run --env-file, a"
            + " Kubernetes Secret mounted as a file or an environment variable), and rotate the value, because"
            + " every copy of this image already contains it.",
        "ENV " + name + " in the Dockerfile", List.of(Evidence.config("Env", hit.redacted())), hit.confidence())));
  }

  private void labelFindings(ImageFacts facts, List<Finding> findings) {
    SecretConfigScanner.labels(facts.config()).forEach((key, hit) -> findings.add(finding(SECRET_IN_LABEL, key,
        "Label " + hit.redacted() + ": " + describe(hit),
        "Remove the label " + key + " (LABEL in the Dockerfile or --label of the build) and rotate the value;"
            + " labels are meant for public metadata such as the source URL and version.",
        "LABEL " + key + " in the Dockerfile", List.of(Evidence.config("Labels", hit.redacted())), hit.confidence())));
  }

  private void historyFindings(ImageFacts facts, List<Finding> findings) {
    // A build argument repeats in every RUN line after its ARG, so each value is reported once,
    // at its first line, with the later lines as more evidence.
    Map<String, List<HistoryHits>> byValue = new LinkedHashMap<>();
    Map<String, Hit> hitByValue = new LinkedHashMap<>();
    for (HistoryHits line : SecretConfigScanner.history(facts.config())) {
      for (Hit hit : line.hits()) {
        byValue.computeIfAbsent(hit.value(), value -> new ArrayList<>()).add(line);
        hitByValue.putIfAbsent(hit.value(), hit);
      }
    }
    for (Map.Entry<String, List<HistoryHits>> entry : byValue.entrySet()) {
      Hit hit = hitByValue.get(entry.getKey());
      List<HistoryHits> lines = entry.getValue().stream().distinct().toList();
      List<Evidence> items = new ArrayList<>();
      for (HistoryHits line : lines.subList(0, Math.min(lines.size(), 10))) {
        items.add(Evidence.history(line.index(), line.layer(), line.redactedLine()));
      }
      HistoryHits first = lines.get(0);
      int later = lines.size() - 1;
      String more = later == 0 ? "" : " (and " + later + (later == 1 ? " later line)" : " later lines)");
      findings.add(finding(SECRET_IN_HISTORY, "history step " + (first.index() + 1),
          "History step " + (first.index() + 1) + more + ": " + hit.redacted() + ": " + describe(hit) + ". Line: "
              + first.redactedLine(),
          "Do not pass secrets as build arguments, ARG or ENV defaults or on RUN lines. Use a BuildKit secret"
              + " mount (RUN --mount=type=secret,id=token ...) with docker build --secret, so the value never"
              + " reaches the image, and rotate the value that leaked.",
          "history step " + (first.index() + 1), items, hit.confidence()));
    }
  }

  private void fileFindings(ImageAnalysis analysis, Map<Integer, LayerSecrets> layers, List<Finding> findings) {
    int top = analysis.layers().size() - 1;
    FileTree finalTree = top < 0 ? null : analysis.squashed(top);
    for (Map.Entry<Integer, LayerSecrets> layer : layers.entrySet()) {
      Map<String, List<SecretHit>> byPath = new LinkedHashMap<>();
      for (SecretHit hit : layer.getValue().hits()) {
        byPath.computeIfAbsent(hit.path(), path -> new ArrayList<>()).add(hit);
      }
      for (Map.Entry<String, List<SecretHit>> file : byPath.entrySet()) {
        int position = layer.getKey();
        String path = file.getKey();
        if (isVisible(finalTree, path, position)) {
          findings.add(fileFinding(position, path, file.getValue()));
        } else {
          findings.add(deletedFinding(analysis, position, path, file.getValue()));
        }
      }
    }
  }

  private Finding fileFinding(int layer, String path, List<SecretHit> hits) {
    String id = hits.stream().anyMatch(hit -> hit.checkId().equals(SecretFileScanner.CREDENTIAL_FILE))
        ? SecretFileScanner.CREDENTIAL_FILE : SecretFileScanner.SECRET_IN_FILE;
    List<Evidence> items = hits.stream().map(hit -> Evidence.file(layer, path, hit.describe())).toList();
    String suggestion = id.equals(SecretFileScanner.CREDENTIAL_FILE)
        ? "Do not copy /" + path + " into the image: add it to .dockerignore, and give the build the credential"
            + " through a BuildKit secret mount (RUN --mount=type=secret,...). Give the running container its"
            + " credentials at start, and rotate the ones in this file."
        : "Remove /" + path + " from the build context (.dockerignore) or from the stage that produces this"
            + " layer, mount the secret at run time (a Kubernetes Secret or docker run -v), and rotate it.";
    return finding(id, "/" + path, "/" + path + " in layer #" + layer + ": " + summary(hits), suggestion,
        "/" + path + " in layer #" + layer, items, highest(hits));
  }

  private Finding deletedFinding(ImageAnalysis analysis, int layer, String path, List<SecretHit> hits) {
    Removal removal = removal(analysis, layer, path);
    List<Evidence> items = new ArrayList<>();
    hits.forEach(hit -> items.add(Evidence.file(layer, path, "added: " + hit.describe())));
    String how = removal == null
        ? "is hidden in the final image"
        : removal.how() + " in layer #" + removal.layer();
    if (removal != null) {
      items.add(Evidence.file(removal.layer(), path, removal.how()));
    }
    return finding(SECRET_DELETED, "/" + path,
        "/" + path + " was added in layer #" + layer + " and " + how + ", but layer #" + layer
            + " still contains it: " + summary(hits),
        "Deleting a file in a later step does not remove it from the image. Never copy the secret into a"
            + " layer: use a BuildKit secret mount (RUN --mount=type=secret,...) for build-time credentials, or a"
            + " multi-stage build that copies only the results into the final stage. Rotate the secret, because"
            + " layer #" + layer + " is part of every copy of this image.",
        "/" + path + " in layer #" + layer, items, highest(hits));
  }

  /**
   * True when the final image shows the file that {@code layer} wrote at {@code path}.
   *
   * <p>NOTE: hits are kept by path, so when one layer writes a path twice, hits in the earlier
   * copy are reported as visible although only the later copy is.
   */
  private static boolean isVisible(FileTree finalTree, String path, int layer) {
    if (finalTree == null) {
      return false;
    }
    Optional<TreeNode> node = finalTree.find(path);
    return node.isPresent() && node.get().layer() == layer && node.get().entry() != null
        && node.get().entry().type() == EntryType.FILE;
  }

  /** The layer that made a file invisible, and the way it did so. */
  private record Removal(int layer, String how) {}

  /** Finds the first layer above {@code layer} that deletes, hides or replaces {@code path}, or null. */
  private static Removal removal(ImageAnalysis analysis, int layer, String path) {
    List<String> ancestors = ancestors(path);
    for (int upper = layer + 1; upper < analysis.layers().size(); upper++) {
      LayerIndex index = analysis.layers().get(upper);
      if (index.deletions().contains(path)) {
        return new Removal(upper, "deleted by a whiteout");
      }
      for (String ancestor : ancestors) {
        if (index.deletions().contains(ancestor)) {
          return new Removal(upper, "deleted with its folder /" + ancestor + " by a whiteout");
        }
        if (index.opaqueDirectories().contains(ancestor)) {
          return new Removal(upper, "hidden by the opaque folder /" + ancestor);
        }
      }
      Set<String> written = new HashSet<>();
      for (FileEntry entry : index.entries()) {
        if (entry.path().equals(path)) {
          return new Removal(upper, "overwritten");
        }
        if (entry.type() != EntryType.DIRECTORY) {
          written.add(entry.path());
        }
      }
      for (String ancestor : ancestors) {
        if (written.contains(ancestor)) {
          return new Removal(upper, "replaced with its folder /" + ancestor);
        }
      }
    }
    return null;
  }

  /** Ancestor folders of a path, the root ({@code ""}) included, nearest first. */
  private static List<String> ancestors(String path) {
    List<String> ancestors = new ArrayList<>();
    int slash = path.lastIndexOf('/');
    while (slash > 0) {
      ancestors.add(path.substring(0, slash));
      slash = path.lastIndexOf('/', slash - 1);
    }
    ancestors.add("");
    return ancestors;
  }

  private static String summary(List<SecretHit> hits) {
    List<String> parts = hits.stream().map(SecretHit::describe).toList();
    return String.join("; ", parts);
  }

  private static Confidence highest(List<SecretHit> hits) {
    return hits.stream().map(SecretHit::confidence).min(Comparator.naturalOrder()).orElse(Confidence.LOW);
  }

  private static String describe(Hit hit) {
    return hit.kind() + " (confidence " + hit.confidence() + ": " + hit.reason() + ")";
  }

  /**
   * Builds a finding whose title names its subject (a variable, label, history step or path), so
   * that two findings of one check can be distinguished in a list.
   */
  private static Finding finding(String id, String subject, String evidence, String suggestion, String location,
      List<Evidence> items, Confidence confidence) {
    CheckDefinition definition = DEFINITIONS.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    return new Finding(id, definition.title() + ": " + subject, definition.defaultSeverity(), definition.rationale(), evidence,
        suggestion, location, items, confidence);
  }
}
