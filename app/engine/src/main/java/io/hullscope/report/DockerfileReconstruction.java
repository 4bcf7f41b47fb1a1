package io.hullscope.report;

import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile of an image as far as its history shows it.
 *
 * <p>Each history line becomes one instruction (see {@link DockerfileHistoryParser} for the forms
 * read). What the image does not record is marked with a {@code <fill-in:...>} placeholder and a
 * comment: the base image's name, and the build-context source of a classic builder's COPY or ADD,
 * which the history records only as a content hash. The steps that built the base image's root file
 * system (the first layer, when it is an {@code ADD file:... in /}, a {@code docker import} or a
 * build script's comment) are written commented out below {@code FROM}, because {@code FROM}
 * brings them. Values of {@code ENV}, {@code ARG} and {@code LABEL} whose names look like secrets are
 * replaced by {@value #REDACTED}.
 */
public final class DockerfileReconstruction {

  /** The text that replaces a value that looks like a secret. */
  public static final String REDACTED = "<redacted>";

  /** Label in which BuildKit and many CI templates record the base image's name. */
  static final String BASE_NAME_LABEL = "org.opencontainers.image.base.name";
  /** Label in which BuildKit and many CI templates record the base image's digest. */
  static final String BASE_DIGEST_LABEL = "org.opencontainers.image.base.digest";

  /** Names of variables and labels whose values are treated as secrets. */
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(passw(or)?d|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth).*");

  /** A shell assignment such as {@code export TOKEN=abc} or {@code TOKEN=abc ./build}. */
  private static final Pattern INLINE_ASSIGNMENT = Pattern.compile("(^|[\\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|[^\\s;&|)]+)");
  /** A bearer token in an HTTP header. */
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
  /** A password or token given as a command-line option. */
  private static final Pattern SECRET_OPTION = Pattern.compile(
      "(?i)(--(?:password|passwd|token|api-key|secret)(?:=|\\s+))(\"[^\"]*\"|'[^']*'|[^\\s;&|]+)");

  private final ImageConfig config;
  private final List<DockerfileStep> steps;
  private final int[] layerOfHistory;

  private DockerfileReconstruction(ImageConfig config, List<DockerfileStep> steps, int[] layerOfHistory) {
    this.config = config;
    this.steps = List.copyOf(steps);
    this.layerOfHistory = layerOfHistory;
  }

  /** Reconstructs the Dockerfile of an image from its config and history. */
  public static DockerfileReconstruction of(ImageConfig config) {
    List<HistoryEntry> history = config.history();
    int[] layers = new int[history.size()];
    int layer = 0;
    for (int i = 0; i < history.size(); i++) {
      layers[i] = history.get(i).emptyLayer() ? -1 : layer++;
    }

    List<DockerfileStep> parsed = new ArrayList<>();
    Set<String> declaredArgs = new HashSet<>();
    for (int i = 0; i < history.size(); i++) {
      HistoryEntry entry = history.get(i);
      if (isImport(entry)) {
        parsed.add(DockerfileStep.comment(List.of("History step " + (i + 1) + " is a file system made by docker import ("
            + entry.comment().strip() + ")."), i));
        continue;
      }
      DockerfileHistoryParser.Parsed line = DockerfileHistoryParser.parse(entry.createdBy(), i);
      DockerfileStep step = line.step();
      if (step.is("ARG")) {
        step.values().forEach(pair -> declaredArgs.add(name(pair)));
      }
      for (Map.Entry<String, String> arg : line.buildArgs().entrySet()) {
        if (declaredArgs.add(arg.getKey())) {
          parsed.add(redact(new DockerfileStep("ARG", List.of(arg.getKey() + "=" + arg.getValue()), false, List.of(), i,
              false)));
        }
      }
      if (step.keyword() == null && !entry.emptyLayer() && step.comments().size() == 1
          && step.comments().get(0).endsWith("records no instruction.")) {
        step = DockerfileStep.comment(List.of("History step " + (i + 1) + " records no instruction but added layer "
            + (layers[i] + 1) + "; its content cannot be reconstructed."), i);
      }
      parsed.add(redact(step));
    }

    List<DockerfileStep> steps = new ArrayList<>();
    steps.add(fromStep(config));
    markBase(parsed, history);
    steps.addAll(parsed);
    if (history.isEmpty()) {
      steps.addAll(fromConfigOnly(config));
    }
    return new DockerfileReconstruction(config, steps, layers);
  }

  /** Reconstructs the Dockerfile of an image and returns its text. */
  public static String reconstruct(ImageConfig config) {
    return of(config).toDockerfile();
  }

  /** Returns the instructions, {@code FROM} first. */
  public List<DockerfileStep> steps() {
    return steps;
  }

  /** Returns the config the reconstruction was made from. */
  public ImageConfig config() {
    return config;
  }

  /** Returns the layer (0-based) that the history entry at {@code historyIndex} produced, or -1. */
  public int layerOf(int historyIndex) {
    return historyIndex >= 0 && historyIndex < layerOfHistory.length ? layerOfHistory[historyIndex] : -1;
  }

  /** Returns the Dockerfile text. */
  public String toDockerfile() {
    List<DockerfileStep> all = new ArrayList<>();
    all.add(DockerfileStep.comment(List.of("Reconstructed by Hullscope from the image history. The history does not"
        + " record the build", "context, so every <fill-in:...> marker must be replaced before this builds."), -1));
    all.addAll(steps);
    return render(all);
  }

  /** Writes steps as Dockerfile text, one blank line before every step that has comments. */
  static String render(List<DockerfileStep> steps) {
    StringBuilder out = new StringBuilder();
    for (DockerfileStep step : steps) {
      if (!step.comments().isEmpty() && !out.isEmpty() && !out.toString().endsWith("\n\n")) {
        out.append('\n');
      }
      out.append(step.render());
    }
    return out.toString();
  }

  /** Returns whether a name of a variable, build argument or label looks like it contains a secret. */
  static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** Returns the name of a {@code KEY=VALUE} pair. */
  static String name(String pair) {
    int equals = pair.indexOf('=');
    return equals < 0 ? pair : pair.substring(0, equals);
  }

  private static boolean isImport(HistoryEntry entry) {
    return (entry.createdBy() == null || entry.createdBy().isBlank()) && entry.comment() != null
        && entry.comment().strip().startsWith("Imported from");
  }

  private static DockerfileStep redact(DockerfileStep step) {
    if (step.is("RUN")) {
      return redactCommand(step);
    }
    if (!step.is("ENV") && !step.is("ARG") && !step.is("LABEL")) {
      return step;
    }
    List<String> values = new ArrayList<>();
    boolean changed = false;
    for (String pair : step.values()) {
      String name = name(pair);
      if (pair.contains("=") && isSecretName(name) && !pair.substring(name.length() + 1).isEmpty()) {
        values.add(name + "=" + REDACTED);
        changed = true;
      } else {
        values.add(pair);
      }
    }
    return changed ? step.withValues(values).withComments(List.of("Values that look like secrets are " + REDACTED
        + " here; they are still in the image.")) : step;
  }

  /**
   * Redacts the common ways a secret is written into a RUN command: an assignment to a variable with
   * a secret-looking name, a bearer token, and a password or token option.
   */
  private static DockerfileStep redactCommand(DockerfileStep step) {
    String command = step.firstValue();
    String redacted = INLINE_ASSIGNMENT.matcher(command).replaceAll(m -> isSecretName(m.group(2))
        ? Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + REDACTED) : Matcher.quoteReplacement(m.group()));
    redacted = BEARER.matcher(redacted).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
    redacted = SECRET_OPTION.matcher(redacted).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
    if (redacted.equals(command)) {
      return step;
    }
    // NOTE: only these forms are found; a secret written another way stays in the command.
    return step.withValues(List.of(redacted)).withComments(List.of("Values that look like secrets are " + REDACTED
        + " here; they are still in the image history."));
  }

  /** Builds {@code FROM}: the base named by the OCI base labels, or a placeholder. */
  private static DockerfileStep fromStep(ImageConfig config) {
    String name = config.labels().get(BASE_NAME_LABEL);
    String digest = config.labels().get(BASE_DIGEST_LABEL);
    List<String> comments = new ArrayList<>();
    String reference;
    if (name != null && !name.isBlank()) {
      reference = name.strip();
      if (digest != null && digest.startsWith("sha256:") && !reference.contains("@")) {
        reference = reference + "@" + digest.strip();
      }
      comments.add("The base comes from the label " + BASE_NAME_LABEL + ".");
    } else {
      reference = DockerfilePlaceholders.BASE_IMAGE;
      comments.add("The image does not record its base image: replace " + DockerfilePlaceholders.BASE_IMAGE
          + " with it. The steps below");
      comments.add("that belong to the base are commented out; delete any others that the base already contains.");
    }
    return DockerfileStep.added("FROM", List.of(reference), false, comments);
  }

  /**
   * Marks the steps that made the base image's root file system: everything up to its first layer
   * when that layer is a root file system, then the base's default command right after it.
   */
  private static void markBase(List<DockerfileStep> steps, List<HistoryEntry> history) {
    int first = -1;
    for (int i = 0; i < steps.size(); i++) {
      int index = steps.get(i).historyIndex();
      if (index >= 0 && !history.get(index).emptyLayer()) {
        first = i;
        break;
      }
    }
    if (first < 0 || !isRootFileSystem(steps.get(first), history.get(steps.get(first).historyIndex()))) {
      return;
    }
    int last = first;
    while (last + 1 < steps.size() - 1 && steps.get(last + 1).is("CMD")
        && history.get(steps.get(last + 1).historyIndex()).emptyLayer()) {
      last++;
    }
    for (int i = 0; i <= last; i++) {
      DockerfileStep step = steps.get(i);
      List<String> comments = new ArrayList<>(step.comments());
      if (i == 0) {
        comments.add(0, "Part of the base image (FROM brings it):");
      }
      steps.set(i, new DockerfileStep(step.keyword(), step.values(), step.execForm(), comments, step.historyIndex(),
          step.keyword() != null));
    }
  }

  private static boolean isRootFileSystem(DockerfileStep step, HistoryEntry entry) {
    if (step.keyword() == null) {
      // docker import, a build script's comment such as "# debian.sh ...", or another tool's line.
      return true;
    }
    if ((step.is("ADD") || step.is("COPY")) && !step.values().isEmpty()) {
      String destination = step.values().get(step.values().size() - 1);
      return "/".equals(destination) || "/.".equals(destination);
    }
    return entry.createdBy() == null || entry.createdBy().isBlank();
  }

  /** Builds the instructions a config implies, for an image without history. */
  private static List<DockerfileStep> fromConfigOnly(ImageConfig config) {
    List<DockerfileStep> steps = new ArrayList<>();
    steps.add(DockerfileStep.comment(List.of("The image has no history, so its " + config.diffIds().size()
        + " layer(s) cannot be reconstructed; the instructions below come from the config."), -1));
    if (!config.env().isEmpty()) {
      steps.add(redact(DockerfileStep.added("ENV", config.env(), false, List.of())));
    }
    if (!config.labels().isEmpty()) {
      steps.add(redact(DockerfileStep.added("LABEL", config.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> e.getKey() + "=" + e.getValue()).toList(), false, List.of())));
    }
    if (config.workingDir() != null && !config.workingDir().isBlank()) {
      steps.add(DockerfileStep.added("WORKDIR", List.of(config.workingDir()), false, List.of()));
    }
    if (!config.exposedPorts().isEmpty()) {
      steps.add(DockerfileStep.added("EXPOSE", config.exposedPorts().stream().sorted().toList(), false, List.of()));
    }
    if (!config.volumes().isEmpty()) {
      steps.add(DockerfileStep.added("VOLUME", config.volumes().stream().sorted().toList(), true, List.of()));
    }
    if (config.healthcheck() != null) {
      steps.add(DockerfileHealthcheck.fromConfig(config.healthcheck()));
    }
    if (config.user() != null && !config.user().isBlank()) {
      steps.add(DockerfileStep.added("USER", List.of(config.user()), false, List.of()));
    }
    if (config.stopSignal() != null && !config.stopSignal().isBlank()) {
      steps.add(DockerfileStep.added("STOPSIGNAL", List.of(config.stopSignal()), false, List.of()));
    }
    if (!config.entrypoint().isEmpty()) {
      steps.add(DockerfileStep.added("ENTRYPOINT", config.entrypoint(), true, List.of()));
    }
    if (!config.cmd().isEmpty()) {
      steps.add(DockerfileStep.added("CMD", config.cmd(), true, List.of()));
    }
    return steps;
  }
}
