package io.hullscope.check;

import io.hullscope.check.HistoryLines.Instruction;
import io.hullscope.image.ImageConfig;
import io.hullscope.index.EntryNames;
import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.index.FileTree;
import io.hullscope.index.TreeNode;
import io.hullscope.sbom.ImagePackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what an attacker who gets code execution in the container finds there. Shells, package
 * managers and build tools help to fetch and build more tools. Setuid and setgid programs and
 * world-writable paths help to raise privileges or to persist, and so do sudo and an SSH server.
 * The check reads the final file system and the history, and groups all hits of one check into
 * one finding with a capped evidence list.
 */
public final class AttackSurfaceCheck implements ImageCheck {

  static final String GROUP = "attack-surface";

  static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish",
      "busybox");
  static final Set<String> PACKAGE_MANAGERS = Set.of("apt", "apt-get", "aptitude", "dpkg", "apk", "yum", "dnf",
      "microdnf", "rpm", "zypper", "npm", "yarn", "pnpm", "gem", "conda");
  static final Set<String> BUILD_TOOLS = Set.of("gcc", "g++", "cc", "c++", "clang", "clang++", "make", "cmake",
      "git", "go", "javac", "rustc", "cargo", "mvn", "gradle");
  static final Set<String> SUDO_PROGRAMS = Set.of("sudo", "doas");
  static final Set<String> SSH_SERVERS = Set.of("sshd", "dropbear");
  static final Set<String> SSH_SERVER_PACKAGES = Set.of("openssh-server", "dropbear", "dropbear-bin");

  /** pip, pip3 and pip3.11, which Python installs next to each other. */
  private static final Pattern PIP = Pattern.compile("pip[0-9.]*");
  /** Compilers installed with their version in the name, such as gcc-12 or clang-16. */
  private static final Pattern VERSIONED_COMPILER = Pattern.compile("(gcc|g\\+\\+|cpp|clang|clang\\+\\+)-[0-9.]+");

  private static final String DOWNLOAD = "\\b(curl|wget)\\b";
  private static final String SHELL = "(/usr)?(/bin/)?(ba|da|z|k|a)?sh\\b";
  /** {@code curl URL | sh}, {@code sh -c "$(curl URL)"} and {@code bash <(curl URL)}. */
  private static final List<Pattern> PIPE_TO_SHELL = List.of(
      Pattern.compile(DOWNLOAD + "[^|;&]*\\|\\s*(sudo\\s+(-\\S+\\s+)*)?" + SHELL),
      Pattern.compile(SHELL + "\\s+(-c\\s+)?[\"']?\\$\\(\\s*" + DOWNLOAD),
      Pattern.compile(SHELL + "\\s+<\\(\\s*" + DOWNLOAD));

  private static final String MULTI_STAGE =
      "Use a multi-stage build: compile and fetch in a builder stage (FROM debian:12 AS build), then start the"
          + " final stage from a minimal image and copy only the result: FROM gcr.io/distroless/base-debian12:nonroot"
          + " (or FROM scratch for a static binary) and COPY --from=build /out/app /app.";

  private static final List<CheckDefinition> DEFINITIONS = List.of(
      new CheckDefinition("SHELL-PRESENT", "A shell is present", Severity.LOW, GROUP,
          "A shell turns a code-execution bug into an interactive foothold: an attacker can run scripts, chain"
              + " tools and explore the container. Most applications never need one at run time."),
      new CheckDefinition("PACKAGE-MANAGER-PRESENT", "A package manager is present", Severity.LOW, GROUP,
          "A package manager lets an attacker install tools into the running container, and its databases"
              + " and caches add size."),
      new CheckDefinition("BUILD-TOOLS-PRESENT", "Build tools are left in the final image", Severity.MEDIUM, GROUP,
          "Compilers, headers and version control are needed to build, not to run. In the final image they add"
              + " size and vulnerabilities and let an attacker build exploits inside the container."),
      new CheckDefinition("CURL-PIPE-SHELL", "A downloaded script is piped into a shell", Severity.MEDIUM, GROUP,
          "The script runs as it arrives, unchecked: a compromised or changed server, or a cut-off download,"
              + " runs arbitrary code in the build, and the next build may run different code."),
      new CheckDefinition("SETUID-FILE", "Files run with their owner's rights (setuid)", Severity.MEDIUM, GROUP,
          "A setuid program runs as its owner, usually root, whoever starts it. A flaw in it lets a non-root"
              + " process in the container become root."),
      new CheckDefinition("SETGID-FILE", "Files run with their group's rights (setgid)", Severity.LOW, GROUP,
          "A setgid program runs with its group's rights, whoever starts it, which a flaw turns into access to"
              + " that group's files."),
      new CheckDefinition("WORLD-WRITABLE", "Paths are writable by every user", Severity.MEDIUM, GROUP,
          "Any process, whatever its user, can change or replace these files, for example to plant code that"
              + " another process runs later. Only temporary folders with the sticky bit should be open to all."),
      new CheckDefinition("SUDO-PRESENT", "sudo or doas is installed", Severity.MEDIUM, GROUP,
          "A container should start as the user it needs; sudo adds a setuid-root program and a way back to root."),
      new CheckDefinition("SSH-SERVER", "An SSH server is installed", Severity.HIGH, GROUP,
          "An SSH server is a second, network-facing way in with its own keys and passwords to manage."
              + " docker exec and kubectl exec already give access for debugging."),
      new CheckDefinition("PORT-22-EXPOSED", "Port 22 (SSH) is exposed", Severity.MEDIUM, GROUP,
          "Exposing the SSH port invites remote logins into the container and publishes it by default with"
              + " docker run -P."));

  private final int maxEvidence;

  /** Checks with at most {@link EvidenceList#DEFAULT_MAX_ITEMS} evidence items per finding. */
  public AttackSurfaceCheck() {
    this(EvidenceList.DEFAULT_MAX_ITEMS);
  }

  /** Checks with at most {@code maxEvidence} evidence items per finding; the rest are counted. */
  public AttackSurfaceCheck(int maxEvidence) {
    if (maxEvidence < 1) {
      throw new IllegalArgumentException("maxEvidence must be at least 1, not " + maxEvidence);
    }
    this.maxEvidence = maxEvidence;
  }

  @Override
  public List<CheckDefinition> definitions() {
    return DEFINITIONS;
  }

  @Override
  public List<Finding> run(ImageFacts facts, CheckSettings settings) {
    Hits hits = new Hits(maxEvidence);
    if (facts.analysis() != null && !facts.analysis().layers().isEmpty()) {
      FileTree tree = ImageFiles.finalTree(facts.analysis());
      ImageFiles.walk(tree, node -> classify(node, facts.accounts(), hits));
      if (hits.headerCount > 0) {
        hits.buildTools.add(Evidence.file(hits.headerLayer, hits.headerDirectory,
            hits.headerCount + (hits.headerCount == 1 ? " C header file" : " C header files") + " under /usr/include"));
      }
    }
    if (facts.sbom() != null) {
      for (ImagePackage pkg : facts.sbom().packages()) {
        if (SSH_SERVER_PACKAGES.contains(pkg.pkg().name())) {
          hits.sshServers.add(new Evidence(Evidence.Kind.PACKAGE, pkg.addedLayer(), pkg.pkg().evidencePath(), -1,
              null, "package " + pkg.pkg().name() + " " + pkg.pkg().version()));
        }
      }
    }

    List<Finding> findings = new ArrayList<>();
    String startCommand = startCommandNote(facts.config());
    add(findings, "SHELL-PRESENT", hits.shells, "Shells in the final image: ",
        "Drop the shell from the final stage. " + MULTI_STAGE + " Use the exec form for the start command,"
            + " for example ENTRYPOINT [\"/app/server\"]." + startCommand,
        "Dockerfile: the FROM line of the final stage", Confidence.HIGH);
    add(findings, "PACKAGE-MANAGER-PRESENT", hits.packageManagers, "Package managers in the final image: ",
        "Install packages in a builder stage and copy the result into a final stage that has no package"
            + " manager. " + MULTI_STAGE,
        "Dockerfile: the FROM line of the final stage", Confidence.HIGH);
    add(findings, "BUILD-TOOLS-PRESENT", hits.buildTools, "Build tools in the final image: ",
        MULTI_STAGE + " If a single stage must stay, remove the tools in the RUN step that used them, for example"
            + " apt-get purge -y --auto-remove gcc make git.",
        "Dockerfile: the RUN line that installs the build tools", Confidence.HIGH);
    curlPipeShell(facts.config(), hits.curlPipeShell);
    add(findings, "CURL-PIPE-SHELL", hits.curlPipeShell, "History: ",
        "Download to a file, check its checksum and only then run it: RUN curl -fsSLo /tmp/install.sh <url>"
            + " && echo \"<sha256>  /tmp/install.sh\" | sha256sum -c - && sh /tmp/install.sh && rm /tmp/install.sh."
            + " Better, install a versioned package, or do it in a builder stage of a multi-stage build.",
        "Dockerfile: the RUN line that pipes a download into a shell", Confidence.HIGH);
    add(findings, "SETUID-FILE", hits.setuid, "Setuid files: ",
        "Remove the programs if the application does not need them, or clear the bit in the final stage:"
            + " RUN find / -xdev -perm -4000 -type f -exec chmod u-s {} +. At run time, also set"
            + " --security-opt no-new-privileges (Kubernetes: allowPrivilegeEscalation: false).",
        "Dockerfile: the final stage, after the last package installation", Confidence.HIGH);
    add(findings, "SETGID-FILE", hits.setgid, "Setgid files: ",
        "Clear the bit in the final stage when the program does not need it: RUN find / -xdev -perm -2000 -type f"
            + " -exec chmod g-s {} +.",
        "Dockerfile: the final stage, after the last package installation", Confidence.HIGH);
    add(findings, "WORLD-WRITABLE", hits.worldWritable, "Writable by every user: ",
        "Give write access only to the user the application runs as, for example RUN chown 10001:10001"
            + " /var/www && chmod 0755 /var/www; a shared scratch folder needs the sticky bit (chmod 1777).",
        "Dockerfile: the RUN or COPY line that creates the listed paths", Confidence.HIGH);
    add(findings, "SUDO-PRESENT", hits.sudo, "Privilege tools: ",
        "Remove sudo (apt-get purge -y sudo, apk del sudo) and start the container as the user it needs with"
            + " USER 10001:10001; do root-only setup in an earlier RUN step.",
        "Dockerfile: the RUN line that installs sudo", Confidence.HIGH);
    add(findings, "SSH-SERVER", hits.sshServers, "SSH server: ",
        "Remove the SSH server (apt-get purge -y openssh-server) and debug with docker exec or kubectl exec.",
        "Dockerfile: the RUN line that installs the SSH server", Confidence.HIGH);
    port22(facts.config(), hits.port22);
    add(findings, "PORT-22-EXPOSED", hits.port22, "",
        "Delete the EXPOSE 22 line from the Dockerfile, and the SSH server with it.",
        "Dockerfile: the EXPOSE line", Confidence.HIGH);
    return findings;
  }

  private void add(List<Finding> findings, String id, EvidenceList hits, String prefix, String suggestion,
      String location, Confidence confidence) {
    if (hits.isEmpty()) {
      return;
    }
    CheckDefinition definition = DEFINITIONS.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    String title = definition.title() + (hits.total() > 1 ? " (" + hits.total() + " " + unit(hits.items()) + ")" : "");
    findings.add(new Finding(id, title, definition.defaultSeverity(), definition.rationale(),
        prefix + hits.summary(), suggestion, location, hits.items(), confidence));
  }

  /** Names what a count in a title counts: files, history lines, or places when the kinds are mixed. */
  private static String unit(List<Evidence> items) {
    if (items.stream().allMatch(item -> item.kind() == Evidence.Kind.FILE)) {
      return "files";
    }
    if (items.stream().allMatch(item -> item.kind() == Evidence.Kind.HISTORY)) {
      return "history lines";
    }
    return "places";
  }

  /** Sorts one file of the final tree into the lists it belongs to. */
  private static void classify(TreeNode node, AccountDatabase accounts, Hits hits) {
    FileEntry entry = node.entry();
    String path = node.path();
    if (isUnder(path, "dev") || isUnder(path, "proc") || isUnder(path, "sys")) {
      return;
    }
    if (entry.type() == EntryType.FILE && entry.isSetuid()) {
      hits.setuid.add(Evidence.file(node.layer(), path, modeAndOwner(entry, accounts)));
    }
    if (entry.type() == EntryType.FILE && entry.isSetgid()) {
      hits.setgid.add(Evidence.file(node.layer(), path, modeAndOwner(entry, accounts)));
    }
    boolean worldWritable = (entry.mode() & 0002) != 0;
    boolean sticky = (entry.mode() & 01000) != 0;
    if (worldWritable && (entry.type() == EntryType.FILE || (entry.type() == EntryType.DIRECTORY && !sticky))) {
      hits.worldWritable.add(Evidence.file(node.layer(), path,
          (entry.type() == EntryType.DIRECTORY ? "directory" : "file") + ", " + modeAndOwner(entry, accounts)));
    }
    if (isUnder(path, "usr/include") && entry.type() == EntryType.FILE && path.endsWith(".h")) {
      if (hits.headerCount == 0) {
        hits.headerLayer = node.layer();
        hits.headerDirectory = EntryNames.parent(path);
      }
      hits.headerCount++;
    }
    if (!isProgram(path, entry)) {
      return;
    }
    String name = node.name();
    String text = entry.type() == EntryType.SYMLINK ? "link to " + entry.linkTarget() : "program";
    Evidence evidence = Evidence.file(node.layer(), path, text);
    if (SHELLS.contains(name)) {
      hits.shells.add(evidence);
    }
    if (PACKAGE_MANAGERS.contains(name) || PIP.matcher(name).matches()) {
      hits.packageManagers.add(evidence);
    }
    if (BUILD_TOOLS.contains(name) || VERSIONED_COMPILER.matcher(name).matches()) {
      hits.buildTools.add(evidence);
    }
    if (SUDO_PROGRAMS.contains(name)) {
      hits.sudo.add(evidence);
    }
    if (SSH_SERVERS.contains(name)) {
      hits.sshServers.add(evidence);
    }
  }

  /** Returns true for a file or link in a folder named bin or sbin, such as /usr/bin or /opt/java/bin. */
  private static boolean isProgram(String path, FileEntry entry) {
    if (entry.type() != EntryType.FILE && entry.type() != EntryType.SYMLINK && entry.type() != EntryType.HARDLINK) {
      return false;
    }
    String folder = EntryNames.name(EntryNames.parent(path));
    return folder.equals("bin") || folder.equals("sbin");
  }

  private static boolean isUnder(String path, String folder) {
    return path.equals(folder) || path.startsWith(folder + "/");
  }

  private static String modeAndOwner(FileEntry entry, AccountDatabase accounts) {
    String owner = accounts.userWithUid(entry.uid()).map(user -> " (" + user.name() + ")").orElse("");
    return String.format("mode %04o, owner %d%s, group %d", entry.mode() & 07777, entry.uid(), owner, entry.gid());
  }

  private static void curlPipeShell(ImageConfig config, EvidenceList hits) {
    for (Instruction line : HistoryLines.of(config)) {
      if (!line.is("RUN")) {
        continue;
      }
      for (Pattern pattern : PIPE_TO_SHELL) {
        if (pattern.matcher(line.arguments()).find()) {
          hits.add(Evidence.history(line.index(), line.layer(), "step " + (line.index() + 1) + ": " + line.display()));
          break;
        }
      }
    }
  }

  private static void port22(ImageConfig config, EvidenceList hits) {
    for (String port : config.exposedPorts()) {
      int slash = port.indexOf('/');
      String number = slash < 0 ? port : port.substring(0, slash);
      if (number.strip().equals("22")) {
        hits.add(Evidence.config("ExposedPorts", port));
      }
    }
    if (hits.isEmpty()) {
      return;
    }
    for (Instruction line : HistoryLines.of(config)) {
      if (line.is("EXPOSE") && Pattern.compile("(^|\\s)22(/|\\s|$)").matcher(line.arguments()).find()) {
        hits.add(Evidence.history(line.index(), line.layer(), "step " + (line.index() + 1) + ": " + line.display()));
      }
    }
  }

  /** Tells the user that the start command itself needs the shell, when it does. */
  private static String startCommandNote(ImageConfig config) {
    List<String> start = new ArrayList<>(config.entrypoint());
    if (start.isEmpty()) {
      start.addAll(config.cmd());
    }
    if (!start.isEmpty() && SHELLS.contains(EntryNames.name(start.get(0)))) {
      return " The current start command runs " + start.get(0) + ", so change it before removing the shell.";
    }
    return "";
  }

  /** The evidence lists of one run. */
  private static final class Hits {
    final EvidenceList shells;
    final EvidenceList packageManagers;
    final EvidenceList buildTools;
    final EvidenceList curlPipeShell;
    final EvidenceList setuid;
    final EvidenceList setgid;
    final EvidenceList worldWritable;
    final EvidenceList sudo;
    final EvidenceList sshServers;
    final EvidenceList port22;
    int headerCount;
    int headerLayer = -1;
    String headerDirectory;

    Hits(int max) {
      shells = new EvidenceList(max);
      packageManagers = new EvidenceList(max);
      buildTools = new EvidenceList(max);
      curlPipeShell = new EvidenceList(max);
      setuid = new EvidenceList(max);
      setgid = new EvidenceList(max);
      worldWritable = new EvidenceList(max);
      sudo = new EvidenceList(max);
      sshServers = new EvidenceList(max);
      port22 = new EvidenceList(max);
    }
  }
}
