package io.hullscope.check;

import io.hullscope.check.HistoryLines.Instruction;
import io.hullscope.image.Healthcheck;
import io.hullscope.image.ImageConfig;
import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.TreeNode;
import io.hullscope.index.WasteReport;
import io.hullscope.index.WastedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks how carefully the image was built: package caches left behind, {@code ADD} where a plain
 * download or {@code COPY} is clearer, a missing health check and OCI labels, wasted space and a
 * large number of layers.
 *
 * <p>Thresholds come from {@link CheckSettings}: {@code WASTED-SPACE.bytes} (default 10 MiB),
 * {@code WASTED-SPACE.percent} (default 10) with {@code WASTED-SPACE.min-bytes} (default 256 KiB),
 * and {@code MANY-LAYERS.count} (default 20).
 */
public final class BuildHygieneCheck implements ImageCheck {

  static final String GROUP = "build-hygiene";

  /** Wasted bytes from which WASTED-SPACE fires whatever the image size. */
  static final long DEFAULT_WASTE_BYTES = 10L * 1024 * 1024;
  /** Share of the image, in percent, from which WASTED-SPACE fires for smaller amounts. */
  static final long DEFAULT_WASTE_PERCENT = 10;
  /** Wasted bytes below which the percentage rule stays silent, so tiny images are not flagged for a few KiB. */
  static final long DEFAULT_WASTE_MIN_BYTES = 256L * 1024;
  /** Layer count above which MANY-LAYERS fires. */
  static final long DEFAULT_MAX_LAYERS = 20;

  static final List<String> OCI_LABELS = List.of("org.opencontainers.image.source",
      "org.opencontainers.image.version", "org.opencontainers.image.revision");

  /** Archive names that ADD unpacks (tar, optionally gzip, bzip2, xz or zstd compressed). */
  private static final Pattern ARCHIVE = Pattern.compile(
      "(?i).*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst|tzst)$");
  private static final Pattern URL = Pattern.compile("(?i)^https?://");

  /** Package-manager caches: the folder, what fills it, and the fix for that package manager. */
  private record Cache(String folder, String manager, String fix) {}

  private static final List<Cache> CACHES = List.of(
      new Cache("var/lib/apt/lists", "apt",
          "end the apt-get install step with && rm -rf /var/lib/apt/lists/*"),
      new Cache("var/cache/apt", "apt", "run apt-get clean in the same step"),
      new Cache("var/cache/apk", "apk", "use apk add --no-cache"),
      new Cache("var/cache/yum", "yum", "end the yum install step with && yum clean all"),
      new Cache("var/cache/dnf", "dnf", "end the dnf install step with && dnf clean all"),
      new Cache("root/.cache/pip", "pip", "use pip install --no-cache-dir"),
      new Cache("root/.npm/_cacache", "npm", "end the npm step with && npm cache clean --force"));

  private static final List<CheckDefinition> DEFINITIONS = List.of(
      new CheckDefinition("PACKAGE-CACHE-LEFT", "Package manager caches are left in the image", Severity.LOW, GROUP,
          "Downloaded packages and index files are only needed during installation. Left in a layer they add"
              + " size to every pull, even when a later layer deletes them."),
      new CheckDefinition("ADD-FROM-URL", "ADD downloads a file from a URL", Severity.MEDIUM, GROUP,
          "ADD with a URL fetches whatever the server returns at build time, with no checksum unless one is"
              + " given, so a changed or compromised download goes into the image unnoticed."),
      new CheckDefinition("ADD-INSTEAD-OF-COPY", "ADD is used where COPY would do", Severity.LOW, GROUP,
          "ADD also unpacks archives and fetches URLs, so a reader cannot tell what a line does without"
              + " knowing the file; COPY copies and nothing else."),
      new CheckDefinition("NO-HEALTHCHECK", "The image has no health check", Severity.LOW, GROUP,
          "Without HEALTHCHECK, Docker, Compose and Swarm only know whether the process runs, not whether it"
              + " answers, so a hung application is never restarted. Kubernetes ignores it and uses its own probes."),
      new CheckDefinition("MISSING-OCI-LABELS", "OCI labels for source, version or revision are missing",
          Severity.LOW, GROUP,
          "The labels org.opencontainers.image.source, .version and .revision tie the image to the code it was"
              + " built from, which scanners, registries and people responding to an incident rely on."),
      new CheckDefinition("WASTED-SPACE", "Layers store files that the final image does not show", Severity.LOW,
          GROUP, "A file overwritten or deleted in a later layer still takes space in the layer that added it,"
              + " so every pull downloads it."),
      new CheckDefinition("MANY-LAYERS", "The image has many layers", Severity.LOW, GROUP,
          "Each layer costs a download, a decompression and an overlay mount; many small layers usually mean"
              + " RUN steps that could be combined."));

  @Override
  public List<CheckDefinition> definitions() {
    return DEFINITIONS;
  }

  @Override
  public List<Finding> run(ImageFacts facts, CheckSettings settings) {
    List<Finding> findings = new ArrayList<>();
    ImageConfig config = facts.config();
    List<Instruction> history = HistoryLines.of(config);
    ImageAnalysis analysis = facts.analysis();
    boolean hasLayers = analysis != null && !analysis.layers().isEmpty();
    if (hasLayers) {
      packageCaches(ImageFiles.finalTree(analysis)).ifPresent(findings::add);
    }
    addFromUrl(history).ifPresent(findings::add);
    addInsteadOfCopy(history, analysis).ifPresent(findings::add);
    noHealthcheck(config).ifPresent(findings::add);
    missingLabels(config).ifPresent(findings::add);
    if (hasLayers) {
      wastedSpace(analysis.waste(), settings).ifPresent(findings::add);
    }
    int layers = hasLayers ? analysis.layers().size() : config.diffIds().size();
    manyLayers(layers, history, settings).ifPresent(findings::add);
    return findings;
  }

  private static Optional<Finding> packageCaches(FileTree tree) {
    EvidenceList items = new EvidenceList(CACHES.size());
    Map<String, String> fixes = new LinkedHashMap<>();
    long totalBytes = 0;
    for (Cache cache : CACHES) {
      Optional<TreeNode> folder = tree.find(cache.folder());
      if (folder.isEmpty() || !folder.get().isDirectory()) {
        continue;
      }
      CacheContent content = cacheContent(folder.get());
      if (content.files == 0) {
        continue;
      }
      totalBytes += content.bytes;
      fixes.putIfAbsent(cache.fix(), cache.manager());
      items.add(Evidence.file(content.largestLayer, cache.folder(),
          content.files + (content.files == 1 ? " file, " : " files, ") + ByteSizes.format(content.bytes)));
    }
    if (items.isEmpty()) {
      return Optional.empty();
    }
    String fix = String.join("; ", fixes.keySet());
    return Optional.of(new Finding("PACKAGE-CACHE-LEFT",
        "Package manager caches are left in the image (" + ByteSizes.format(totalBytes) + ")", Severity.LOW,
        DEFINITIONS.get(0).rationale(), "Caches: " + items.summary(),
        "Clean up in the same RUN step that installs, because a later step cannot shrink an earlier layer: "
            + fix + ". For example: RUN apt-get update && apt-get install -y --no-install-recommends <packages>"
            + " && rm -rf /var/lib/apt/lists/*.",
        "Dockerfile: the RUN lines that install packages", items.items(), Confidence.HIGH));
  }

  /** Files in a cache folder that hold data; lock files and empty files do not count. */
  private static CacheContent cacheContent(TreeNode folder) {
    CacheContent content = new CacheContent();
    Map<Integer, Long> bytesPerLayer = new LinkedHashMap<>();
    java.util.ArrayDeque<TreeNode> pending = new java.util.ArrayDeque<>(folder.children());
    while (!pending.isEmpty()) {
      TreeNode node = pending.pop();
      FileEntry entry = node.entry();
      if (node.isDirectory()) {
        pending.addAll(node.children());
      } else if (entry != null && entry.type() == EntryType.FILE && entry.size() > 0 && !node.name().equals("lock")) {
        content.files++;
        content.bytes += entry.size();
        bytesPerLayer.merge(node.layer(), entry.size(), Long::sum);
      }
    }
    content.largestLayer = bytesPerLayer.entrySet().stream()
        .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
    return content;
  }

  private static final class CacheContent {
    int files;
    long bytes;
    int largestLayer = -1;
  }

  // NOTE: the classic builder may record a downloaded file as file:<hash>, like a local one; such
  // a step is then judged by ADD-INSTEAD-OF-COPY and ADD-FROM-URL cannot see it.
  private static Optional<Finding> addFromUrl(List<Instruction> history) {
    EvidenceList items = new EvidenceList(EvidenceList.DEFAULT_MAX_ITEMS);
    for (Instruction line : history) {
      if (line.is("ADD") && sources(line).stream().anyMatch(source -> URL.matcher(source).find())) {
        items.add(Evidence.history(line.index(), line.layer(), "step " + (line.index() + 1) + ": " + line.display()));
      }
    }
    if (items.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Finding("ADD-FROM-URL", DEFINITIONS.get(1).title(), Severity.MEDIUM,
        DEFINITIONS.get(1).rationale(), "History: " + items.summary(),
        "Pin the download by checksum: ADD --checksum=sha256:<sha256> <url> <dest> (Dockerfile syntax 1.6 and"
            + " later), or download in a RUN step and check it: RUN curl -fsSLo /tmp/file <url> && echo"
            + " \"<sha256>  /tmp/file\" | sha256sum -c -. Keep the download in a builder stage when the tool"
            + " that fetches it is not needed at run time.",
        "Dockerfile: the ADD line with the URL", items.items(), Confidence.HIGH));
  }

  /**
   * Reports ADD of local files that are not unpacked. BuildKit records the source names, so an
   * archive is recognized by its name. The classic builder records only a content hash ({@code
   * ADD file:<hash> in /dest}), so there the layer decides: a layer with a single regular file came
   * from a file that was copied as it was, while an unpacked archive leaves a tree. {@code
   * dir:<hash>} is a folder, which ADD never unpacks.
   */
  private static Optional<Finding> addInsteadOfCopy(List<Instruction> history, ImageAnalysis analysis) {
    EvidenceList items = new EvidenceList(EvidenceList.DEFAULT_MAX_ITEMS);
    for (Instruction line : history) {
      if (!line.is("ADD")) {
        continue;
      }
      List<String> sources = sources(line);
      if (sources.isEmpty() || sources.stream().anyMatch(source -> URL.matcher(source).find())) {
        continue;
      }
      boolean plainCopy;
      String first = sources.get(0);
      if (first.startsWith("dir:")) {
        plainCopy = true;
      } else if (first.startsWith("file:")) {
        plainCopy = analysis != null && line.layer() >= 0 && line.layer() < analysis.layers().size()
            && regularFiles(analysis, line.layer()) == 1;
      } else if (first.startsWith("multi:")) {
        plainCopy = false;
      } else {
        plainCopy = sources.stream().noneMatch(source -> ARCHIVE.matcher(source).matches());
      }
      if (plainCopy) {
        items.add(Evidence.history(line.index(), line.layer(), "step " + (line.index() + 1) + ": " + line.display()));
      }
    }
    if (items.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Finding("ADD-INSTEAD-OF-COPY", DEFINITIONS.get(2).title(), Severity.LOW,
        DEFINITIONS.get(2).rationale(), "History: " + items.summary(),
        "Replace ADD with COPY for files and folders that are not archives to unpack, for example"
            + " COPY app.jar /app/app.jar.",
        "Dockerfile: the ADD lines listed", items.items(), Confidence.HIGH));
  }

  private static long regularFiles(ImageAnalysis analysis, int layer) {
    return analysis.layers().get(layer).entries().stream().filter(e -> e.type() == EntryType.FILE).count();
  }

  /** Returns the source arguments of an ADD line: every word but the last, without options and comments. */
  private static List<String> sources(Instruction line) {
    String arguments = line.arguments().replaceFirst("\\s+#.*$", "");
    // The classic builder writes "ADD file:<hash> in /dest".
    arguments = arguments.replaceFirst("\\s+in\\s+\\S+$", " -");
    List<String> words = new ArrayList<>();
    for (String word : arguments.strip().split("\\s+")) {
      if (!word.startsWith("--") && !word.isEmpty()) {
        words.add(word.replaceAll("^[\\[\"]+|[\\]\",]+$", ""));
      }
    }
    return words.size() < 2 ? List.of() : words.subList(0, words.size() - 1);
  }

  private static Optional<Finding> noHealthcheck(ImageConfig config) {
    Healthcheck healthcheck = config.healthcheck();
    if (healthcheck != null && !healthcheck.test().isEmpty() && !healthcheck.disabled()) {
      return Optional.empty();
    }
    String seen = healthcheck != null && healthcheck.disabled()
        ? "Healthcheck is disabled with HEALTHCHECK NONE" : "Healthcheck is not set";
    return Optional.of(new Finding("NO-HEALTHCHECK", DEFINITIONS.get(3).title(), Severity.LOW,
        DEFINITIONS.get(3).rationale(), seen,
        "Add a check that the application answers, using a program the image has, for example"
            + " HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app/server\", \"--healthcheck\"], or"
            + " CMD curl -fsS http://localhost:8080/health || exit 1 when curl is present.",
        "Dockerfile: the final stage", List.of(Evidence.config("Healthcheck", seen)), Confidence.HIGH));
  }

  private static Optional<Finding> missingLabels(ImageConfig config) {
    List<String> missing = OCI_LABELS.stream()
        .filter(label -> config.labels().get(label) == null || config.labels().get(label).isBlank())
        .toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder fix = new StringBuilder("Set them at build time, for example LABEL");
    for (String label : missing) {
      String key = label.substring(label.lastIndexOf('.') + 1);
      fix.append(' ').append(label).append("=$").append(key.toUpperCase(Locale.ROOT));
    }
    fix.append(" with the values passed as --build-arg, or docker buildx build --label ...");
    return Optional.of(new Finding("MISSING-OCI-LABELS",
        "OCI labels are missing: " + String.join(", ", missing), Severity.LOW, DEFINITIONS.get(4).rationale(),
        "Labels lack " + String.join(", ", missing), fix.toString(), "Dockerfile: the LABEL line of the final stage",
        List.of(Evidence.config("Labels", "missing " + String.join(", ", missing))), Confidence.HIGH));
  }

  private static Optional<Finding> wastedSpace(WasteReport waste, CheckSettings settings) {
    long bytesThreshold = settings.number("WASTED-SPACE.bytes", DEFAULT_WASTE_BYTES);
    long percent = settings.number("WASTED-SPACE.percent", DEFAULT_WASTE_PERCENT);
    long minBytes = settings.number("WASTED-SPACE.min-bytes", DEFAULT_WASTE_MIN_BYTES);
    long wasted = waste.wastedBytes();
    boolean overBytes = wasted >= bytesThreshold;
    boolean overShare = wasted >= minBytes && waste.imageBytes() > 0
        && wasted * 100 >= percent * waste.imageBytes();
    if (wasted == 0 || (!overBytes && !overShare)) {
      return Optional.empty();
    }
    EvidenceList items = new EvidenceList(EvidenceList.DEFAULT_MAX_ITEMS);
    for (WastedFile file : waste.files()) {
      int layer = file.layers().isEmpty() ? -1 : file.layers().get(0);
      items.add(Evidence.file(layer, file.path(), ByteSizes.format(file.wastedBytes()) + " wasted, stored in "
          + (file.layers().size() == 1 ? "layer " : "layers ") + file.layers().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")));
    }
    long share = waste.imageBytes() == 0 ? 0 : Math.round(100.0 * wasted / waste.imageBytes());
    return Optional.of(new Finding("WASTED-SPACE",
        ByteSizes.format(wasted) + " of the layers (" + share + "%) is hidden in the final image", Severity.LOW,
        DEFINITIONS.get(5).rationale(),
        ByteSizes.format(wasted) + " wasted of " + ByteSizes.format(waste.imageBytes()) + " stored: "
            + items.summary(),
        "Delete or change files in the same RUN step that creates them, and copy only the final version of a"
            + " file (build it in a builder stage and COPY --from=build the result).",
        "Dockerfile: the steps that write the listed files", items.items(), Confidence.HIGH));
  }

  private static Optional<Finding> manyLayers(int layers, List<Instruction> history, CheckSettings settings) {
    long maxLayers = settings.number("MANY-LAYERS.count", DEFAULT_MAX_LAYERS);
    if (layers <= maxLayers) {
      return Optional.empty();
    }
    long runSteps = history.stream().filter(line -> line.is("RUN") && line.layer() >= 0).count();
    return Optional.of(new Finding("MANY-LAYERS", "The image has " + layers + " layers", Severity.LOW,
        DEFINITIONS.get(6).rationale(),
        layers + " layers, more than " + maxLayers + "; " + runSteps + " of them from RUN steps",
        "Combine consecutive RUN steps with &&, and build in a builder stage so that the final stage has only a"
            + " few COPY layers.",
        "Dockerfile: the RUN lines", List.of(Evidence.config("RootFS", layers + " layers")), Confidence.HIGH));
  }
}
