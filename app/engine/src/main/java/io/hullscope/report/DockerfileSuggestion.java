package io.hullscope.report;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageFacts;
import io.hullscope.image.ImageConfig;
import io.hullscope.index.FileTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The image's Dockerfile, reconstructed from its history and rewritten with the fixes that the
 * hardening report calls for.
 *
 * <p>Every change carries a comment that starts with {@value #MARK} and says why it was made and
 * what to check by hand. Values only the user knows are {@code <fill-in:...>} markers
 * ({@link DockerfilePlaceholders}). A fix is made for a finding in the report; when the check behind
 * an id did not run, the suggestion looks for that problem itself (see {@link DockerfileFindings}).
 * Fixes: a numeric non-root {@code USER}, secrets out of {@code ENV}, {@code ARG} and {@code LABEL},
 * secret files left out of the build, package caches cleaned in the same {@code RUN}, downloads
 * verified by checksum, {@code ADD} replaced by {@code COPY}, a {@code HEALTHCHECK}, OCI labels, a
 * multi-stage build onto a minimal base when build tools are present, the base pinned by digest,
 * and sudo, the SSH server and port 22 removed.
 */
public final class DockerfileSuggestion {

  /** The user and group the suggestion runs the container as: above the ranges distributions hand out. */
  public static final String SUGGESTED_USER = "10001:10001";

  /** The start of every comment the suggestion adds. */
  public static final String MARK = "Hullscope:";

  static final List<String> USER_IDS = List.of("ROOT-USER", "USER-RESET-TO-ROOT", "USER-NOT-IN-PASSWD",
      "GROUP-NOT-IN-GROUP-FILE", "USER-ID-OUT-OF-RANGE", "USER-NOT-NUMERIC", "ROOT-GROUP");
  static final List<String> OCI_LABELS = List.of("org.opencontainers.image.source",
      "org.opencontainers.image.version", "org.opencontainers.image.revision");
  private static final List<String> SECRET_FILE_IDS = List.of("SECRET-IN-FILE", "CREDENTIAL-FILE",
      "SECRET-DELETED-BUT-PRESENT");
  private static final Set<String> SUDO_PACKAGES = Set.of("sudo");
  private static final Set<String> SSH_PACKAGES = Set.of("openssh-server", "dropbear", "ssh");
  private static final Set<String> BUILD_PACKAGES = Set.of("gcc", "g++", "make", "build-essential", "git", "clang",
      "golang", "golang-go", "cmake", "gcc-c++", "build-base", "musl-dev", "libc6-dev");
  private static final List<String> BUILD_TOOL_PATHS = List.of("usr/bin/gcc", "usr/bin/cc", "usr/bin/g++",
      "usr/bin/make", "usr/bin/git", "usr/bin/clang", "usr/local/go/bin/go");
  private static final List<String> SHELL_PATHS = List.of("bin/sh", "usr/bin/sh", "bin/bash", "bin/busybox");
  private static final Pattern ARCHIVE = Pattern.compile("(?i).*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz)$");
  /** Longest RUN command that the suggestion rewrites, in characters; a longer one is only flagged. */
  static final int MAX_REWRITTEN_COMMAND = 64 * 1024;
  /** Keywords that describe how the container runs; a split build writes them in the final stage. */
  private static final Set<String> RUNTIME_KEYWORDS = Set.of("CMD", "ENTRYPOINT", "HEALTHCHECK", "USER", "EXPOSE",
      "LABEL", "VOLUME", "STOPSIGNAL");

  /**
   * A suggestion and what it fixed.
   *
   * @param dockerfile the Dockerfile text
   * @param addressed the finding ids the changes address, in the order first addressed
   * @param placeholders the names of the {@code <fill-in:...>} markers the user must replace
   */
  public record Result(String dockerfile, List<String> addressed, List<String> placeholders) {

    public Result {
      addressed = List.copyOf(addressed);
      placeholders = List.copyOf(placeholders);
    }
  }

  private final ImageFacts facts;
  private final DockerfileFindings findings;
  private final DockerfileReconstruction reconstruction;
  private final FileTree finalTree;
  private final Set<String> addressed = new LinkedHashSet<>();
  private final List<String> notes = new ArrayList<>();
  private final Set<String> removedArgs = new LinkedHashSet<>();

  private DockerfileSuggestion(HardeningReport report, ImageFacts facts) {
    this.facts = facts;
    this.findings = new DockerfileFindings(report);
    this.reconstruction = DockerfileReconstruction.of(facts.config());
    FileTree tree = null;
    if (facts.analysis() != null && !facts.analysis().layers().isEmpty()) {
      tree = facts.analysis().squashed(facts.analysis().layers().size() - 1);
    }
    this.finalTree = tree;
  }

  /** Returns the suggested Dockerfile for an image and its hardening report. */
  public static String suggest(HardeningReport report, ImageFacts facts) {
    return build(report, facts).dockerfile();
  }

  /** Builds the suggested Dockerfile and lists what it addressed. */
  public static Result build(HardeningReport report, ImageFacts facts) {
    return new DockerfileSuggestion(report, facts).build();
  }

  private Result build() {
    List<DockerfileStep> all = reconstruction.steps();
    DockerfileStep from = all.get(0);
    List<DockerfileStep> body = new ArrayList<>();
    for (DockerfileStep step : all.subList(1, all.size())) {
      DockerfileStep fixed = step.base() || step.keyword() == null ? step : fix(step);
      if (fixed != null) {
        body.add(fixed);
      }
    }

    boolean split = findings.applies("BUILD-TOOLS-PRESENT", this::detectBuildTools);
    List<DockerfileStep> steps = new ArrayList<>();
    if (split) {
      addressed.add("BUILD-TOOLS-PRESENT");
      steps.addAll(splitStages(pin(from), body));
    } else {
      steps.add(pin(from));
      steps.addAll(body);
      insertBeforeCommand(steps, runtimeAdditions(hasShell()));
    }
    headerNotes();

    List<DockerfileStep> out = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("Suggested by Hullscope: the image's reconstructed Dockerfile with the fixes its findings call for.");
    header.add("Every change is marked with a \"" + MARK + "\" comment that says why and what to check by hand.");
    header.add("Replace every <fill-in:...> marker, then build and test the image before you use it.");
    for (String note : notes) {
      header.add("");
      header.add(note);
    }
    out.add(DockerfileStep.comment(header, -1));
    out.addAll(steps);
    String text = DockerfileReconstruction.render(out);
    return new Result(text, List.copyOf(addressed), DockerfilePlaceholders.names(text));
  }

  /** Applies the fixes of one reconstructed step; returns null to drop it. */
  private DockerfileStep fix(DockerfileStep step) {
    return switch (step.keyword()) {
      case "ENV" -> withoutSecrets(step, "SECRET-IN-ENV", "ENV value",
          "every ENV value is stored in the image config, readable by anyone who can pull the image");
      case "LABEL" -> withoutSecrets(step, "SECRET-IN-LABEL", "label",
          "labels are stored in the image config, readable by anyone who can pull the image");
      case "ARG" -> withoutSecretArgs(step);
      case "RUN" -> fixRun(step);
      case "COPY", "ADD" -> fixCopy(step);
      case "EXPOSE" -> withoutPort22(step);
      case "HEALTHCHECK" -> needsHealthcheck() && step.values().contains("NONE") ? null : step;
      default -> step;
    };
  }

  // ---- secrets ----

  private DockerfileStep withoutSecrets(DockerfileStep step, String id, String what, String why) {
    List<String> kept = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (String pair : step.values()) {
      String name = DockerfileReconstruction.name(pair);
      boolean secret = findings.mentions(id, name)
          || (findings.notChecked(id) && DockerfileReconstruction.isSecretName(name))
          || (findings.has(id) && DockerfileReconstruction.isSecretName(name));
      (secret ? removed : kept).add(pair);
    }
    if (removed.isEmpty()) {
      return step;
    }
    addressed.add(id);
    List<String> names = removed.stream().map(DockerfileReconstruction::name).toList();
    List<String> comments = new ArrayList<>(List.of(
        MARK + " removed the " + what + (names.size() > 1 ? "s " : " ") + String.join(", ", names) + " (" + id + "):",
        "  " + why + ".",
        "  Pass " + (names.size() > 1 ? "them" : "it") + " when the container starts (docker run -e, a Kubernetes"
            + " Secret). A build step",
        "  that needs one mounts it for that step only, for example",
        "  RUN --mount=type=secret,id=" + secretId(names.get(0)) + " " + names.get(0) + "=\"$(cat /run/secrets/"
            + secretId(names.get(0)) + ")\" <command>",
        "  Check by hand: the application reads the value at run time, and the old value is rotated,",
        "  because it stays in every copy of the old image."));
    if (kept.isEmpty()) {
      return DockerfileStep.comment(comments, step.historyIndex());
    }
    return withoutRedactionNote(step.withValues(kept)).withComments(comments);
  }

  /** Drops the reconstruction's note about redacted values once no redacted value is left. */
  private static DockerfileStep withoutRedactionNote(DockerfileStep step) {
    if (step.values().stream().anyMatch(v -> v.contains(DockerfileReconstruction.REDACTED))) {
      return step;
    }
    List<String> comments = step.comments().stream().filter(c -> !c.startsWith("Values that look like secrets")).toList();
    return new DockerfileStep(step.keyword(), step.values(), step.execForm(), comments, step.historyIndex(), step.base());
  }

  private DockerfileStep withoutSecretArgs(DockerfileStep step) {
    String id = "SECRET-IN-HISTORY";
    List<String> kept = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (String pair : step.values()) {
      String name = DockerfileReconstruction.name(pair);
      boolean secret = DockerfileReconstruction.isSecretName(name)
          && (findings.has(id) || findings.notChecked(id) || findings.mentions("SECRET-IN-ENV", name));
      (secret ? removed : kept).add(pair);
    }
    if (removed.isEmpty()) {
      return step;
    }
    addressed.add(id);
    List<String> names = removed.stream().map(DockerfileReconstruction::name).toList();
    removedArgs.addAll(names);
    String first = names.get(0);
    List<String> comments = List.of(
        MARK + " removed the build argument" + (names.size() > 1 ? "s " : " ") + String.join(", ", names) + " (" + id
            + "):",
        "  build argument values are recorded in the image history of every RUN that follows. The RUN",
        "  steps that used " + (names.size() > 1 ? "them" : "it") + " now read a BuildKit secret instead; build with",
        "  docker build --secret id=" + secretId(first) + ",env=" + first + " . (needs BuildKit).",
        "  Check by hand: rotate the old value, because it stays in the old image's history.");
    if (kept.isEmpty()) {
      return DockerfileStep.comment(comments, step.historyIndex());
    }
    return step.withValues(kept).withComments(comments);
  }

  private static String secretId(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
  }

  // ---- RUN ----

  private DockerfileStep fixRun(DockerfileStep step) {
    String command = step.firstValue();
    if (command.length() > MAX_REWRITTEN_COMMAND) {
      return step.withComments(List.of(MARK + " this command is longer than " + MAX_REWRITTEN_COMMAND / 1024
          + " KiB, so it was not checked or rewritten; review it by hand."));
    }
    List<String> comments = new ArrayList<>();
    List<String> mounts = new ArrayList<>();

    if (findings.historyIndexes("SECRET-IN-HISTORY").contains(step.historyIndex()) && usedSecretArgs(step).isEmpty()) {
      addressed.add("SECRET-IN-HISTORY");
      String marker = DockerfilePlaceholders.marker("command-of-step-" + (step.historyIndex() + 1));
      comments.add(MARK + " this command held a secret (SECRET-IN-HISTORY), which stays in the image history;");
      comments.add("  it is left out here. Write it again with the secret read from a BuildKit secret mount,");
      comments.add("  RUN --mount=type=secret,id=NAME ..., in place of " + marker + ", and rotate the old value.");
      return step.withValues(List.of(marker)).withComments(comments);
    }
    for (String name : usedSecretArgs(step)) {
      String id = secretId(name);
      mounts.add("--mount=type=secret,id=" + id);
      command = "export " + name + "=\"$(cat /run/secrets/" + id + ")\" && " + command;
    }
    if (command.contains(DockerfileReconstruction.REDACTED)) {
      if (findings.has("SECRET-IN-HISTORY")) {
        addressed.add("SECRET-IN-HISTORY");
      }
      comments.add(MARK + " this command wrote a secret into the image history (SECRET-IN-HISTORY). Read it from a");
      comments.add("  BuildKit secret mount in place of " + DockerfileReconstruction.REDACTED + ", for example RUN"
          + " --mount=type=secret,id=NAME ... \"$(cat /run/secrets/NAME)\",");
      comments.add("  and rotate the old value.");
    }
    if (!mounts.isEmpty()) {
      comments.add(MARK + " reads " + String.join(", ", usedSecretArgs(step)) + " from a BuildKit secret mount, which"
          + " is not stored in the image (SECRET-IN-HISTORY).");
    }

    if (DockerfileRunFixes.pipesDownloadToShell(command)
        && findings.applies("CURL-PIPE-SHELL", () -> true)) {
      addressed.add("CURL-PIPE-SHELL");
      command = DockerfileRunFixes.verifyDownloads(command, step.historyIndex() + 1);
      comments.add(MARK + " the downloaded script is saved and checked against its SHA-256 before it runs");
      comments.add("  (CURL-PIPE-SHELL), so a changed or tampered script fails the build. Fill in the checksum");
      comments.add("  of the script you reviewed; curl must be in the build stage.");
    }

    List<String> sudo = DockerfileRunFixes.installed(command, SUDO_PACKAGES);
    if (!sudo.isEmpty() && findings.applies("SUDO-PRESENT", () -> true)) {
      addressed.add("SUDO-PRESENT");
      command = DockerfileRunFixes.withoutPackages(command, SUDO_PACKAGES);
      comments.add(MARK + " sudo is no longer installed (SUDO-PRESENT): a container needs no privilege switch, and"
          + " a setuid sudo helps an attacker.");
    }
    List<String> ssh = DockerfileRunFixes.installed(command, SSH_PACKAGES);
    if (!ssh.isEmpty() && findings.applies("SSH-SERVER", () -> true)) {
      addressed.add("SSH-SERVER");
      command = DockerfileRunFixes.withoutPackages(command, SSH_PACKAGES);
      comments.add(MARK + " " + String.join(", ", ssh) + " is no longer installed (SSH-SERVER): use docker exec or"
          + " kubectl exec to get into a container.");
    }

    if (DockerfileRunFixes.leavesCache(command) && findings.applies("PACKAGE-CACHE-LEFT", () -> true)) {
      addressed.add("PACKAGE-CACHE-LEFT");
      command = DockerfileRunFixes.cleanCaches(command);
      comments.add(MARK + " package caches and lists are removed in the same RUN (PACKAGE-CACHE-LEFT); a later RUN");
      comments.add("  cannot shrink the layer this one writes. Check that the packages still install without");
      comments.add("  their recommended packages.");
    }

    List<String> values = new ArrayList<>();
    values.add(mounts.isEmpty() ? command : String.join(" ", mounts) + " " + command);
    if (!DockerfileRunFixes.installed(command, BUILD_PACKAGES).isEmpty() && !comments.isEmpty()) {
      comments.add("  Build tools installed here belong in the build stage only.");
    }
    return comments.isEmpty() && mounts.isEmpty() && command.equals(step.firstValue()) ? step
        : step.withValues(values).withComments(comments);
  }

  /** Returns the removed secret build arguments that the RUN at this history index was recorded with. */
  private List<String> usedSecretArgs(DockerfileStep step) {
    if (removedArgs.isEmpty() || step.historyIndex() < 0) {
      return List.of();
    }
    String createdBy = facts.config().history().get(step.historyIndex()).createdBy();
    Map<String, String> args = DockerfileHistoryParser.parse(createdBy, step.historyIndex()).buildArgs();
    return removedArgs.stream().filter(args::containsKey).toList();
  }

  // ---- COPY and ADD ----

  private DockerfileStep fixCopy(DockerfileStep step) {
    List<String> values = new ArrayList<>(step.values());
    List<String> comments = new ArrayList<>();
    List<String> sources = values.stream().filter(v -> !v.startsWith("--")).toList();
    sources = sources.subList(0, Math.max(0, sources.size() - 1));
    boolean url = sources.stream().anyMatch(s -> s.startsWith("http://") || s.startsWith("https://"));
    String keyword = step.keyword();

    if (step.is("ADD") && url && findings.applies("ADD-FROM-URL", () -> true)) {
      addressed.add("ADD-FROM-URL");
      String marker = DockerfilePlaceholders.marker("sha256-of-step-" + (step.historyIndex() + 1));
      values.add(0, "--checksum=sha256:" + marker);
      comments.add(MARK + " the download is checked against its SHA-256 (ADD-FROM-URL), so a changed file fails");
      comments.add("  the build. Fill in the checksum of the file you reviewed. ADD --checksum needs BuildKit");
      comments.add("  (Dockerfile syntax 1.6 or later); ADD does not unpack a downloaded archive.");
    } else if (step.is("ADD") && !url && !sources.stream().allMatch(s -> ARCHIVE.matcher(s).matches())
        && findings.applies("ADD-INSTEAD-OF-COPY", () -> true)) {
      addressed.add("ADD-INSTEAD-OF-COPY");
      keyword = "COPY";
      comments.add(MARK + " COPY instead of ADD (ADD-INSTEAD-OF-COPY): ADD also unpacks archives and downloads URLs,");
      comments.add("  which hides what the step does. Check by hand: if the source is a tar archive that ADD");
      comments.add("  unpacked, keep ADD.");
    }

    int layer = reconstruction.layerOf(step.historyIndex());
    List<String> secretPaths = new ArrayList<>();
    for (Evidence file : findings.files("SECRET-IN-FILE", "CREDENTIAL-FILE", "SECRET-DELETED-BUT-PRESENT")) {
      if (layer >= 0 && file.layer() == layer && !secretPaths.contains(file.path())) {
        secretPaths.add(file.path());
      }
    }
    if (!secretPaths.isEmpty()) {
      secretFilesAddressed();
      comments.add(MARK + " this step copied secret files into the image (" + secretFileIds() + "): /"
          + String.join(", /", secretPaths) + ".");
      comments.add("  Leave them out of the build context (.dockerignore) or copy a folder without them; mount");
      comments.add("  them at run time instead, and rotate what was in the image.");
    }
    DockerfileStep fixed = new DockerfileStep(keyword, values, step.execForm(), step.comments(), step.historyIndex(),
        step.base());
    return comments.isEmpty() ? fixed : fixed.withComments(comments);
  }

  /** Returns the ids of the secret file findings in the report, comma-separated. */
  private String secretFileIds() {
    return String.join(", ", SECRET_FILE_IDS.stream().filter(findings::has).toList());
  }

  private void secretFilesAddressed() {
    for (String id : SECRET_FILE_IDS) {
      if (findings.has(id)) {
        addressed.add(id);
      }
    }
  }

  // ---- EXPOSE ----

  private DockerfileStep withoutPort22(DockerfileStep step) {
    List<String> kept = step.values().stream().filter(p -> !p.equals("22") && !p.startsWith("22/")).toList();
    if (kept.size() == step.values().size() || !findings.applies("PORT-22-EXPOSED", () -> true)) {
      return step;
    }
    addressed.add("PORT-22-EXPOSED");
    List<String> comments = List.of(MARK + " port 22 is no longer exposed (PORT-22-EXPOSED): the container runs no"
        + " SSH server.");
    return kept.isEmpty() ? DockerfileStep.comment(comments, step.historyIndex())
        : step.withValues(kept).withComments(comments);
  }

  // ---- FROM ----

  private DockerfileStep pin(DockerfileStep from) {
    String reference = from.firstValue();
    if (reference.contains("@")) {
      return from;
    }
    boolean latest = reference.endsWith(":latest");
    boolean pin = findings.applies("BASE-NOT-PINNED", () -> true) || findings.has("TAG-LATEST")
        || findings.has("TAG-MISSING");
    if (!pin) {
      return from;
    }
    addressed.add("BASE-NOT-PINNED");
    List<String> comments = new ArrayList<>();
    comments.add(MARK + " the base is pinned by digest (BASE-NOT-PINNED), so a rebuild uses the base you reviewed");
    comments.add("  and not whatever the tag points to that day. Replace " + DockerfilePlaceholders.BASE_DIGEST + " with the");
    comments.add("  digest of the base image you checked, for example from docker buildx imagetools inspect NAME:TAG,");
    comments.add("  and update it on purpose.");
    if (latest) {
      comments.add("  Use a version tag rather than latest, so the pin also says which release it is.");
    }
    if (findings.has("DISTRO-EOL")) {
      addressed.add("DISTRO-EOL");
      comments.add("  The image's distribution release gets no more security fixes (DISTRO-EOL): choose a base on a");
      comments.add("  supported release, and check that the application works there.");
    }
    return from.withValues(List.of(reference + "@sha256:" + DockerfilePlaceholders.BASE_DIGEST)).withComments(comments);
  }

  // ---- additions at the end of the final stage ----

  /** Returns the steps added before the final command: permission fixes, the user, labels and health check. */
  private List<DockerfileStep> runtimeAdditions(boolean shell) {
    List<DockerfileStep> added = new ArrayList<>();
    permissionFixes(shell, added);
    labels(added);
    healthcheck(shell, added);
    user(shell, added);
    return added;
  }

  private void permissionFixes(boolean shell, List<DockerfileStep> added) {
    List<String> special = findings.files("SETUID-FILE", "SETGID-FILE").stream().map(e -> "/" + e.path()).distinct()
        .toList();
    List<String> writable = findings.files("WORLD-WRITABLE").stream().map(e -> "/" + e.path()).distinct().toList();
    if (special.isEmpty() && writable.isEmpty()) {
      return;
    }
    List<String> commands = new ArrayList<>();
    if (!special.isEmpty()) {
      commands.add("chmod u-s,g-s " + String.join(" ", special));
      findings.all("SETUID-FILE").forEach(f -> addressed.add(f.id()));
      findings.all("SETGID-FILE").forEach(f -> addressed.add(f.id()));
    }
    if (!writable.isEmpty()) {
      commands.add("chmod o-w " + String.join(" ", writable));
      addressed.add("WORLD-WRITABLE");
    }
    List<String> comments = List.of(MARK + " removes the setuid and setgid bits and write access for all users",
        "  (SETUID-FILE, SETGID-FILE, WORLD-WRITABLE): they let a process gain rights or change files it should",
        "  not. Check by hand that the application does not need them; better, do not install these programs.");
    if (shell) {
      added.add(DockerfileStep.added("RUN", List.of(String.join(" && ", commands)), false, comments));
    } else {
      List<String> noShell = new ArrayList<>(comments);
      noShell.add("  The image has no shell, so change the modes in the build stage or before COPY:");
      commands.forEach(c -> noShell.add("  " + c));
      added.add(DockerfileStep.comment(noShell, -1));
    }
  }

  private void labels(List<DockerfileStep> added) {
    Map<String, String> existing = facts.config().labels();
    List<String> missing = OCI_LABELS.stream().filter(l -> !existing.containsKey(l)).toList();
    if (missing.isEmpty() || !findings.applies("MISSING-OCI-LABELS", () -> true)) {
      return;
    }
    addressed.add("MISSING-OCI-LABELS");
    List<String> pairs = new ArrayList<>();
    for (String label : missing) {
      String name = label.substring(label.lastIndexOf('.') + 1);
      pairs.add(label + "=" + DockerfilePlaceholders.marker(switch (name) {
        case "source" -> "source-repository-url";
        case "revision" -> "source-commit";
        default -> "image-version";
      }));
    }
    added.add(DockerfileStep.added("LABEL", pairs, false, List.of(
        MARK + " OCI labels say where the image comes from (MISSING-OCI-LABELS), so scanners and people can",
        "  trace it to its source. Fill them in, or pass them with ARG and --build-arg from your CI.")));
  }

  private boolean needsHealthcheck() {
    ImageConfig config = facts.config();
    return findings.applies("NO-HEALTHCHECK", () -> config.healthcheck() == null || config.healthcheck().disabled());
  }

  private void healthcheck(boolean shell, List<DockerfileStep> added) {
    if (!needsHealthcheck()) {
      return;
    }
    addressed.add("NO-HEALTHCHECK");
    String marker = DockerfilePlaceholders.marker("health-check-command");
    List<String> comments = new ArrayList<>(List.of(
        MARK + " a health check lets Docker and orchestrators see a hung application (NO-HEALTHCHECK).",
        "  Replace " + marker + " with a command that exits 0 only when the application",
        "  works, for example a small probe program with its arguments. Kubernetes ignores HEALTHCHECK,",
        "  so set a livenessProbe there."));
    if (!shell) {
      comments.add("  The image has no shell, so the command must be a program in the image (exec form).");
    }
    added.add(DockerfileStep.added("HEALTHCHECK", List.of("--interval=30s", "--timeout=3s", "--retries=3", "CMD",
        DockerfileSyntax.jsonArray(List.of(marker))), false, comments));
  }

  private void user(boolean shell, List<DockerfileStep> added) {
    List<String> ids = USER_IDS.stream().filter(findings::has).toList();
    if (ids.isEmpty()) {
      return;
    }
    addressed.addAll(ids);
    String uid = SUGGESTED_USER.substring(0, SUGGESTED_USER.indexOf(':'));
    if (shell && finalTree != null && finalTree.find("etc/passwd").isPresent()) {
      added.add(DockerfileStep.added("RUN", List.of("echo 'app:x:" + uid + ":" + uid
          + ":app:/nonexistent:/usr/sbin/nologin' >> /etc/passwd && echo 'app:x:" + uid + ":' >> /etc/group"), false,
          List.of(MARK + " adds an account for the user below, so tools that look the user up find a name;",
              "  the numeric USER works without it.")));
    }
    List<String> comments = new ArrayList<>(List.of(
        MARK + " runs as a numeric non-root user (" + String.join(", ", ids) + "): root in a container keeps root's",
        "  rights on everything it can reach, and Kubernetes runAsNonRoot can verify only a numeric user.",
        "  Check by hand: the application's files are readable by " + SUGGESTED_USER + " (COPY --chown=" + SUGGESTED_USER
            + "),",
        "  the folders it writes to are writable, and it listens on a port above 1023."));
    if (!shell) {
      comments.add("  The image has no shell, so no account is added: a numeric user needs none.");
      comments.add("  Distroless images also have the user nonroot (65532).");
    }
    added.add(DockerfileStep.added("USER", List.of(SUGGESTED_USER), false, comments));
  }

  /** Inserts steps before the trailing ENTRYPOINT and CMD of the final stage, or at its end. */
  private static void insertBeforeCommand(List<DockerfileStep> steps, List<DockerfileStep> additions) {
    int position = steps.size();
    while (position > 1 && (steps.get(position - 1).is("CMD") || steps.get(position - 1).is("ENTRYPOINT"))) {
      position--;
    }
    steps.addAll(position, additions);
  }

  // ---- multi-stage ----

  private List<DockerfileStep> splitStages(DockerfileStep from, List<DockerfileStep> body) {
    DockerfileMinimalBase base = DockerfileMinimalBase.choose(facts.distro(), finalTree);
    List<DockerfileStep> steps = new ArrayList<>();
    steps.add(from.withValues(List.of(from.firstValue(), "AS", "build")));
    List<DockerfileStep> runtime = new ArrayList<>();
    List<String> destinations = new ArrayList<>();
    for (DockerfileStep step : body) {
      if (step.keyword() != null && RUNTIME_KEYWORDS.contains(step.keyword()) && !step.base()) {
        runtime.add(step);
        continue;
      }
      steps.add(step);
      if ((step.is("COPY") || step.is("ADD")) && !step.base() && !step.values().isEmpty()) {
        String destination = step.values().get(step.values().size() - 1);
        if (destination.length() > 1 && destination.endsWith("/")) {
          destination = destination.substring(0, destination.length() - 1);
        }
        if (!destinations.contains(destination) && !"/".equals(destination)) {
          destinations.add(destination);
        }
      }
    }
    String workdir = facts.config().workingDir();
    if (workdir != null && !workdir.isBlank() && destinations.stream().noneMatch(workdir::startsWith)) {
      destinations.add(workdir);
    }

    List<String> finalComments = new ArrayList<>(List.of(
        MARK + " the final stage starts from a minimal base without the build tools (BUILD-TOOLS-PRESENT):",
        "  compilers, git and package managers in a running image help an attacker and add vulnerabilities.",
        "  " + base.note()));
    String reference = base.reference();
    if (!"scratch".equals(reference)) {
      String marker = DockerfilePlaceholders.marker("final-base-digest");
      reference = reference + "@sha256:" + marker;
      finalComments.add("  Replace " + marker + " with the digest of the base you checked.");
    }
    steps.add(DockerfileStep.added("FROM", List.of(reference), false, finalComments));
    List<String> copyComments = List.of(MARK + " copies what the COPY and ADD steps put into the image. Check by hand"
        + " what else the", "  program needs at run time: files that RUN steps installed, shared libraries, /etc files.");
    boolean first = true;
    for (String destination : destinations) {
      steps.add(DockerfileStep.added("COPY", List.of("--from=build", destination, destination), false,
          first ? copyComments : List.of()));
      first = false;
    }
    // The final stage starts afresh, so it needs the environment and working folder again.
    body.stream().filter(s -> (s.is("ENV") || s.is("WORKDIR")) && !s.base())
        .map(s -> new DockerfileStep(s.keyword(), s.values(), s.execForm(), List.of(), s.historyIndex(), false))
        .forEach(steps::add);
    boolean entrypoint = runtime.stream().anyMatch(step -> step.is("ENTRYPOINT"));
    List<DockerfileStep> finalSteps = new ArrayList<>(runtime.stream().map(this::withoutShellCommand)
        .map(step -> entrypoint ? step : withoutInterpreter(step, base.reference())).toList());
    insertBeforeCommand(finalSteps, runtimeAdditions(base.hasShell()));
    steps.addAll(finalSteps);
    return steps;
  }

  /**
   * Drops a leading {@code python3} or {@code node} from an exec-form CMD when the final base is a
   * distroless variant whose entrypoint is already that interpreter, so CMD names the script only.
   */
  private static DockerfileStep withoutInterpreter(DockerfileStep step, String finalBase) {
    if (!step.is("CMD") || !step.execForm() || step.values().size() < 2) {
      return step;
    }
    String program = step.values().get(0);
    String name = program.substring(program.lastIndexOf('/') + 1);
    boolean python = finalBase.contains("/python3-") && name.matches("python3?(\\.\\d+)?");
    boolean node = finalBase.contains("/nodejs") && name.equals("node");
    if (!python && !node) {
      return step;
    }
    List<String> comments = new ArrayList<>(step.comments());
    comments.add(MARK + " the final base starts " + name + " itself, so CMD names only what it runs.");
    return step.withValues(step.values().subList(1, step.values().size()), true).withComments(comments);
  }

  /** Rewrites {@code CMD ["/bin/sh", "-c", "x y"]} as {@code CMD ["x", "y"]} for a final base without a shell. */
  private DockerfileStep withoutShellCommand(DockerfileStep step) {
    if ((!step.is("CMD") && !step.is("ENTRYPOINT")) || step.values().size() != 3
        || !List.of("/bin/sh", "-c").equals(step.values().subList(0, 2))) {
      return step;
    }
    String command = step.values().get(2);
    List<String> comments = new ArrayList<>();
    if (command.matches("[^|&;<>()$`\\\\\"'*?\\[\\]#~=%]+")) {
      comments.add(MARK + " the final base has no shell, so the command runs in exec form. Check the arguments.");
      return step.withValues(List.of(command.strip().split("\\s+")), true).withComments(comments);
    }
    comments.add(MARK + " the final base has no shell, but this command needs one: write it as a program with");
    comments.add("  arguments in exec form, or keep a shell in the final stage.");
    return step.withComments(comments);
  }

  // ---- notes and detection ----

  private void headerNotes() {
    if (findings.has("WASTED-SPACE") || findings.has("MANY-LAYERS")) {
      findings.all("WASTED-SPACE").forEach(f -> addressed.add(f.id()));
      findings.all("MANY-LAYERS").forEach(f -> addressed.add(f.id()));
      notes.add(MARK + " files written in one step and changed or deleted in a later one still take space, and each"
          + " RUN adds a layer (WASTED-SPACE, MANY-LAYERS). Merge RUN steps that install and clean up, and delete"
          + " temporary files in the step that made them.");
    }
    List<String> secretFiles = new ArrayList<>();
    for (Evidence file : findings.files("SECRET-IN-FILE", "CREDENTIAL-FILE", "SECRET-DELETED-BUT-PRESENT")) {
      if (!secretFiles.contains("/" + file.path())) {
        secretFiles.add("/" + file.path());
      }
    }
    if (!secretFiles.isEmpty()) {
      secretFilesAddressed();
      notes.add(MARK + " the image contains secret files (" + secretFileIds() + "): " + String.join(", ", secretFiles)
          + ". Add them to"
          + " .dockerignore, or do not create them in a RUN step; a file deleted in a later step is still in the"
          + " earlier layer. Rotate every secret that was in the image.");
    }
    if (!findings.has("BUILD-TOOLS-PRESENT") && (findings.has("SHELL-PRESENT") || findings.has("PACKAGE-MANAGER-PRESENT"))) {
      notes.add(MARK + " the image keeps a shell or a package manager (SHELL-PRESENT, PACKAGE-MANAGER-PRESENT). If"
          + " the application needs neither at run time, build it in a first stage and copy it onto a distroless or"
          + " scratch base.");
    }
    boolean inBase = findings.has("SUDO-PRESENT") && !addressed.contains("SUDO-PRESENT")
        || findings.has("SSH-SERVER") && !addressed.contains("SSH-SERVER");
    if (inBase) {
      notes.add(MARK + " sudo or an SSH server is in the image but not installed by a RUN step shown here, so it"
          + " comes from the base: choose a base without it (SUDO-PRESENT, SSH-SERVER).");
    }
    for (String id : List.of("FIXABLE-VULNERABILITIES", "CRITICAL-WITHOUT-FIX")) {
      for (Finding finding : findings.all(id)) {
        notes.add(MARK + " " + finding.title() + " (" + id + "). Rebuild on the newest patch release of the base"
            + " and upgrade the packages the scan names; " + (finding.suggestion() == null ? "" : finding.suggestion()));
        break;
      }
    }
  }

  private boolean hasShell() {
    if (findings.has("SHELL-PRESENT")) {
      return true;
    }
    return finalTree != null && SHELL_PATHS.stream().anyMatch(p -> finalTree.find(p).isPresent());
  }

  private boolean detectBuildTools() {
    if (finalTree != null && BUILD_TOOL_PATHS.stream().anyMatch(p -> finalTree.find(p).isPresent())) {
      return true;
    }
    return reconstruction.steps().stream()
        .filter(s -> s.is("RUN") && !s.base() && s.firstValue().length() <= MAX_REWRITTEN_COMMAND)
        .anyMatch(s -> !DockerfileRunFixes.installed(s.firstValue(), BUILD_PACKAGES).isEmpty());
  }
}
