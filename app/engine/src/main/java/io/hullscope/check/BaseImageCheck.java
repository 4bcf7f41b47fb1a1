package io.hullscope.check;

import io.hullscope.check.HistoryLines.Instruction;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Limits;
import io.hullscope.index.FileContent;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.FileTree;
import io.hullscope.index.TreeNode;
import io.hullscope.sbom.Distro;
import io.hullscope.sbom.OsReleaseParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the image's name and the base it was built on: a {@code latest} tag or none, a base
 * image that is not pinned by digest, and a distribution release past its end of life.
 */
public final class BaseImageCheck implements ImageCheck {

  static final String GROUP = "base-image";
  static final String BASE_NAME_LABEL = "org.opencontainers.image.base.name";
  static final String BASE_DIGEST_LABEL = "org.opencontainers.image.base.digest";

  /** Days before the end of life from which DISTRO-EOL reports a release as ending soon. */
  static final int WARNING_DAYS = 90;
  /** Days before the end of life from which an ending release is MEDIUM instead of LOW. */
  static final int URGENT_DAYS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(BaseImageCheck.class);
  private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern PINNED_REFERENCE = Pattern.compile("@sha256:[0-9a-f]{64}");

  /** Image names to suggest per os-release ID, with %s for the release. */
  private static final Map<String, String> BASE_IMAGES = Map.of(
      "debian", "debian:%s-slim",
      "ubuntu", "ubuntu:%s",
      "alpine", "alpine:%s",
      "fedora", "fedora:%s",
      "amzn", "amazonlinux:%s",
      "rhel", "registry.access.redhat.com/ubi%s/ubi-minimal");

  private static final List<CheckDefinition> DEFINITIONS = List.of(
      new CheckDefinition("TAG-LATEST", "The image is tagged latest", Severity.MEDIUM, GROUP,
          "The tag latest moves with every push, so two pulls of the same name can run different code and a"
              + " rollback cannot name the version that worked."),
      new CheckDefinition("TAG-MISSING", "The image name has no tag and no digest", Severity.LOW, GROUP,
          "A name without a tag means latest to Docker and Kubernetes, with the same problems."),
      new CheckDefinition("BASE-NOT-PINNED", "The base image is not pinned by digest", Severity.MEDIUM, GROUP,
          "A base named only by a tag changes when its publisher pushes again, so a rebuild can pull in other"
              + " code without any change to the Dockerfile, and nobody can tell later which base was used."),
      new CheckDefinition("DISTRO-EOL", "The distribution release is past or near its end of life", Severity.HIGH,
          GROUP, "After the end of life the distribution publishes no more security fixes, so every new"
              + " vulnerability in its packages stays open."));

  private final Clock clock;
  private final EolTable table;

  /** Checks against the bundled end-of-life table and the system clock. */
  public BaseImageCheck() {
    this(Clock.systemUTC(), EolTable.bundled());
  }

  /** Checks against the given table, with {@code clock} deciding what today is. */
  public BaseImageCheck(Clock clock, EolTable table) {
    this.clock = clock;
    this.table = table;
  }

  @Override
  public List<CheckDefinition> definitions() {
    return DEFINITIONS;
  }

  @Override
  public List<Finding> run(ImageFacts facts, CheckSettings settings) {
    List<Finding> findings = new ArrayList<>(tagFindings(facts.references()));
    baseNotPinned(facts.config()).ifPresent(findings::add);
    distroEol(facts).ifPresent(findings::add);
    return findings;
  }

  private static List<Finding> tagFindings(List<String> references) {
    List<Finding> findings = new ArrayList<>();
    for (String reference : references) {
      String name = reference.strip();
      boolean digest = name.contains("@");
      String withoutDigest = digest ? name.substring(0, name.indexOf('@')) : name;
      int colon = withoutDigest.lastIndexOf(':');
      String tag = colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(colon + 1) : null;
      String repository = tag == null ? withoutDigest : withoutDigest.substring(0, colon);
      Evidence evidence = Evidence.config("RepoTags", "image name " + name);
      if ("latest".equals(tag)) {
        findings.add(new Finding("TAG-LATEST", "The image is tagged latest: " + name, Severity.MEDIUM,
            DEFINITIONS.get(0).rationale(), "Image name " + name,
            "Tag each build with its version or commit, for example docker build -t " + repository
                + ":1.4.2 ., and deploy by that tag or by digest (" + repository + "@sha256:...).",
            "The docker build -t or docker tag command of the build pipeline", List.of(evidence), Confidence.HIGH));
      } else if (tag == null && !digest) {
        findings.add(new Finding("TAG-MISSING", "The image name has no tag: " + name, Severity.LOW,
            DEFINITIONS.get(1).rationale(), "Image name " + name + " (no tag, no digest)",
            "Give the image a version tag, for example docker tag " + name + " " + name + ":1.4.2.",
            "The docker build -t or docker tag command of the build pipeline", List.of(evidence), Confidence.HIGH));
      }
    }
    return findings;
  }

  /**
   * Reports a base image whose digest the image does not record. The history shows a base as a
   * {@code FROM} line, or as a first layer added at the root ({@code ADD file:... in /}, which is
   * how the classic builder records the base's root file system). The OCI base-image labels show
   * it too. A digest in the labels, in the base name or in the base's history line counts as pinned.
   */
  private static Optional<Finding> baseNotPinned(ImageConfig config) {
    Map<String, String> labels = config.labels();
    String baseName = labels.get(BASE_NAME_LABEL);
    String baseDigest = labels.get(BASE_DIGEST_LABEL);
    Optional<Instruction> baseLine = baseInstruction(config);
    if (baseName == null && baseLine.isEmpty()) {
      return Optional.empty();
    }
    boolean pinned = (baseDigest != null && SHA256_DIGEST.matcher(baseDigest.strip()).matches())
        || (baseName != null && PINNED_REFERENCE.matcher(baseName).find())
        || baseLine.map(line -> PINNED_REFERENCE.matcher(line.raw()).find()).orElse(false);
    if (pinned) {
      return Optional.empty();
    }
    List<Evidence> items = new ArrayList<>();
    StringBuilder evidence = new StringBuilder();
    baseLine.ifPresent(line -> {
      items.add(Evidence.history(line.index(), line.layer(), line.display()));
      evidence.append("History step ").append(line.index() + 1).append(": ").append(line.display());
    });
    if (baseName != null) {
      items.add(Evidence.config("Labels", BASE_NAME_LABEL + "=" + baseName));
      evidence.append(evidence.length() > 0 ? "; " : "").append("label ").append(BASE_NAME_LABEL).append('=')
          .append(baseName);
    }
    evidence.append("; no base digest recorded");
    String shownBase = baseName != null ? baseName.replaceFirst("@.*$", "") : "<base>:<tag>";
    // The classic builder does not record FROM at all, so a pinned FROM can still look unpinned.
    Confidence confidence = baseName != null ? Confidence.HIGH : Confidence.MEDIUM;
    return Optional.of(new Finding("BASE-NOT-PINNED", "The base image is not pinned by digest", Severity.MEDIUM,
        DEFINITIONS.get(2).rationale(), evidence.toString(),
        "Pin the base by digest and record it: FROM " + shownBase + "@sha256:<digest>, and LABEL "
            + BASE_DIGEST_LABEL + "=sha256:<digest>. docker buildx imagetools inspect " + shownBase
            + " prints the digest; a tool such as Renovate can keep it current.",
        "Dockerfile: the FROM line of the final stage", items, confidence));
  }

  /** Finds the history line that shows the base: a FROM line, or a first layer added or copied at the root. */
  private static Optional<Instruction> baseInstruction(ImageConfig config) {
    for (Instruction line : HistoryLines.of(config)) {
      if (line.is("FROM")) {
        return Optional.of(line);
      }
      if (line.layer() == 0) {
        // A trailing "# ..." is a comment some builders add, such as the base's name.
        String arguments = line.arguments().replaceFirst("\\s+#.*$", "");
        boolean atRoot = (line.is("ADD") || line.is("COPY")) && arguments.endsWith(" /");
        return atRoot ? Optional.of(line) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Optional<Finding> distroEol(ImageFacts facts) {
    Distro distro = distro(facts);
    Optional<EolTable.Release> found = table.find(distro);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    EolTable.Release release = found.get();
    LocalDate today = LocalDate.now(clock);
    long daysLeft = ChronoUnit.DAYS.between(today, release.endOfLife());
    if (daysLeft > WARNING_DAYS) {
      return Optional.empty();
    }
    Severity severity = Severity.LOW;
    if (daysLeft < 0) {
      severity = Severity.HIGH;
    } else if (daysLeft <= URGENT_DAYS) {
      severity = Severity.MEDIUM;
    }
    String name = displayName(distro);
    String title = daysLeft < 0
        ? name + " reached its end of life on " + release.endOfLife()
        : name + " reaches its end of life on " + release.endOfLife() + ", in " + daysLeft + " days";
    List<Evidence> items = new ArrayList<>();
    Optional<TreeNode> osRelease = osReleaseNode(facts);
    String text = "ID=" + distro.id() + " VERSION_ID=" + (distro.versionId() == null ? "" : distro.versionId())
        + (distro.versionCodename() == null ? "" : " VERSION_CODENAME=" + distro.versionCodename());
    osRelease.ifPresentOrElse(
        node -> items.add(Evidence.file(node.layer(), node.path(), text)),
        () -> items.add(Evidence.of(Evidence.Kind.FILE, "os-release: " + text)));
    return Optional.of(new Finding("DISTRO-EOL", title, severity, DEFINITIONS.get(3).rationale(),
        "os-release: " + text + "; security updates end " + release.endOfLife() + " (today is " + today + ")",
        suggestion(release), "Dockerfile: the FROM line of the first stage that the final image builds on",
        items, Confidence.HIGH));
  }

  private String suggestion(EolTable.Release release) {
    EolTable.Release newest = table.releases().stream()
        .filter(candidate -> candidate.id().equals(release.id()))
        .max(Comparator.comparing(EolTable.Release::endOfLife))
        .orElse(release);
    String pattern = BASE_IMAGES.get(release.id());
    if (newest.equals(release) || pattern == null) {
      return "Move to a supported distribution release and rebuild; then run the tests, because package"
          + " versions change between releases.";
    }
    String image = String.format(pattern, newest.release());
    return "Rebase on a supported release, for example FROM " + image + " (security updates until "
        + newest.endOfLife() + "), or on a distroless or scratch image when the application allows it."
        + " Rebuild and run the tests, because package versions change between releases.";
  }

  private static String displayName(Distro distro) {
    if (distro.prettyName() != null && !distro.prettyName().isBlank()) {
      return distro.prettyName();
    }
    return distro.id() + " " + (distro.versionId() != null ? distro.versionId() : distro.versionCodename());
  }

  /** Returns the distro from the facts, from the SBOM, or from the image's os-release as a last resort. */
  private static Distro distro(ImageFacts facts) {
    if (facts.distro() != null) {
      return facts.distro();
    }
    if (facts.sbom() != null && facts.sbom().distro() != null) {
      return facts.sbom().distro();
    }
    if (facts.analysis() == null || facts.analysis().layers().isEmpty()) {
      return null;
    }
    FileContentReader reader = new FileContentReader(Limits.DEFAULT);
    for (String path : OsReleaseParser.PATHS) {
      if (ImageFiles.resolve(ImageFiles.finalTree(facts.analysis()), path).isEmpty()) {
        continue;
      }
      try {
        int top = facts.analysis().layers().size() - 1;
        FileContent content = reader.read(facts.analysis(), top, path, (int) OsReleaseParser.MAX_BYTES);
        return OsReleaseParser.parse(path, new ByteArrayInputStream(content.bytes()));
      } catch (IOException e) {
        // The check then stays silent: without the release there is nothing to compare.
        LOG.warn("Could not read /{} for the end-of-life check: {}", path, e.getMessage());
      }
    }
    return null;
  }

  private static Optional<TreeNode> osReleaseNode(ImageFacts facts) {
    if (facts.analysis() == null || facts.analysis().layers().isEmpty()) {
      return Optional.empty();
    }
    FileTree tree = ImageFiles.finalTree(facts.analysis());
    for (String path : OsReleaseParser.PATHS) {
      Optional<TreeNode> node = ImageFiles.resolve(tree, path);
      if (node.isPresent() && node.get().entry() != null) {
        return node;
      }
    }
    return Optional.empty();
  }
}
