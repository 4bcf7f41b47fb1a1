package io.hullscope.check;

import io.hullscope.check.AccountDatabase.FileState;
import io.hullscope.check.AccountDatabase.GroupEntry;
import io.hullscope.check.AccountDatabase.PasswdEntry;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user and group a container of the image runs as, the reason, and the findings that follow.
 *
 * <p>The rules are those of runc's {@code GetExecUser} (libcontainer/user/user.go), the lookup behind
 * the "unable to find user" error of Docker and Podman. An unset {@code User} means UID 0.
 * A number is looked up as a UID and a name as a name in the image's {@code /etc/passwd}, and the
 * first matching line wins. A number without an entry is used as it is, with GID 0, if it is from 0
 * to 2147483647. A name without an entry makes the start fail with "unable to find user". A group
 * after the colon is looked up in {@code /etc/group} the same way.
 *
 * @param configuredUser the config's {@code User} value, empty when unset
 * @param outcome whether the container starts
 * @param uid the UID the process gets, or null unless the outcome is {@link Outcome#RUNS}
 * @param gid the GID the process gets, or null unless the outcome is {@link Outcome#RUNS}
 * @param explanation one sentence naming the UID, the GID and the reason
 * @param findings the findings, most severe first
 * @param warnings why the account files could not be fully read, if they could not
 */
public record UserVerdict(String configuredUser, Outcome outcome, Long uid, Long gid, String explanation,
    List<Finding> findings, List<String> warnings) {

  /** Whether a container of the image starts with the configured user. */
  public enum Outcome {
    /** The container starts with the reported UID and GID. */
    RUNS,
    /** The runtime rejects the user or group, so the container does not start. */
    FAILS_TO_START,
    /** The user is a name but {@code /etc/passwd} or {@code /etc/group} could not be read. */
    UNKNOWN
  }

  /** UID and GID suggested for a non-root user: above the ranges distributions give to people and services. */
  static final String SUGGESTED_ID = "10001";

  /** A {@code USER} instruction as the classic builder ({@code #(nop)}) and BuildKit record it. */
  private static final Pattern USER_INSTRUCTION =
      Pattern.compile("^(?:/bin/sh -c )?(?:#\\(nop\\)\\s*)?USER\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

  public UserVerdict {
    findings = List.copyOf(findings);
    warnings = List.copyOf(warnings);
  }

  /** Works out the verdict from the config's {@code User} and history and the image's final account files. */
  public static UserVerdict of(ImageConfig config, AccountDatabase accounts) {
    String configured = config.user() == null ? "" : config.user().strip();
    Resolution resolution = resolve(configured, accounts);
    List<Finding> findings = new ArrayList<>();
    String location = "Dockerfile: the last USER instruction of the final stage";

    switch (resolution.outcome()) {
      case RUNS -> {
        if (resolution.uid() == 0) {
          // Without a User there is no USER instruction to point at; the fix is to add one.
          findings.add(rootUser(configured, resolution, accounts, configured.isEmpty()
              ? "Dockerfile: the final stage, which needs a USER instruction" : location));
          userResetToRoot(config, accounts).ifPresent(findings::add);
        } else {
          findings.addAll(nonRootFindings(configured, resolution, location));
        }
      }
      case FAILS_TO_START -> findings.add(resolution.failure());
      case UNKNOWN -> {
        if (!isNumericUser(configured)) {
          findings.add(notNumeric(configured, resolution, SUGGESTED_ID + ":" + SUGGESTED_ID, location));
        }
      }
      default -> throw new IllegalStateException(resolution.outcome().toString());
    }
    if (!accounts.warnings().isEmpty()) {
      findings.add(new Finding("ACCOUNTS-UNREADABLE", "The image's account files could not be fully read",
          Severity.INFO,
          "An unread file may hold the user the container runs as, and the runtime reads a malformed line in"
              + " surprising ways, for example a broken UID as 0.",
          String.join("; ", accounts.warnings()),
          "Check the account files in the image; each line needs the fields passwd(5) and group(5) describe.",
          "The layer that writes /etc/passwd or /etc/group"));
    }
    findings.sort((a, b) -> a.severity().compareTo(b.severity()));
    return new UserVerdict(configured, resolution.outcome(), resolution.uid(), resolution.gid(),
        resolution.explanation(), findings, accounts.warnings());
  }

  /** Returns the findings for a user that is not root: a root group, or a name instead of a number. */
  private static List<Finding> nonRootFindings(String configured, Resolution resolution, String location) {
    List<Finding> findings = new ArrayList<>();
    if (resolution.gid() == 0) {
      findings.add(new Finding("ROOT-GROUP", "The process runs with GID 0 (root group)", Severity.LOW,
          "Files and folders owned by group root and writable by their group can be changed by the"
              + " process, which includes much of a typical base image.",
          evidence(configured, resolution),
          "Give the user its own group and name it in USER, for example USER " + resolution.uid() + ":"
              + SUGGESTED_ID + ".",
          location));
    }
    if (!isNumericUser(configured)) {
      findings.add(notNumeric(configured, resolution, resolution.uid() + ":" + resolution.gid(), location));
    }
    return findings;
  }

  private static Finding notNumeric(String configured, Resolution resolution, String numericUser, String location) {
    return new Finding("USER-NOT-NUMERIC", "User '" + userPart(configured) + "' is a name, not a UID",
        Severity.MEDIUM,
        "Kubernetes runAsNonRoot accepts only a numeric image user: the kubelet does not start the"
            + " container because it cannot verify that the name is not root.",
        evidence(configured, resolution),
        "Name the user by number: USER " + numericUser + ".",
        location);
  }

  /**
   * Resolves a {@code user[:group]} value against the account files. An empty value means the
   * runtime's default, root.
   */
  static Resolution resolve(String configured, AccountDatabase accounts) {
    int colon = configured.indexOf(':');
    String user = colon < 0 ? configured : configured.substring(0, colon);
    String group = colon < 0 ? "" : configured.substring(colon + 1);

    long uid;
    long gid;
    String userReason;
    PasswdEntry entry = null;
    if (user.isEmpty()) {
      uid = 0;
      Optional<PasswdEntry> root = accounts.userWithUid(0);
      gid = root.map(PasswdEntry::gid).orElse(0L);
      entry = root.orElse(null);
      userReason = "UID 0 (root): User is " + (configured.isEmpty() ? "unset" : "'" + configured + "' with no user")
          + ", so the runtime default root applies";
    } else {
      Optional<PasswdEntry> found = accounts.findUser(user);
      Long number = AccountFiles.parseNumber(user);
      if (found.isPresent()) {
        entry = found.get();
        uid = entry.uid();
        gid = entry.gid();
        userReason = "UID " + uid + describeRoot(uid) + " from /etc/passwd entry '" + entry.name() + "' (line "
            + entry.lineNumber() + ")";
      } else if (number != null && !AccountFiles.inRange(number)) {
        return outOfRange(configured, "UID", number);
      } else if (number != null) {
        uid = number;
        gid = 0;
        userReason = "UID " + uid + describeRoot(uid) + ": User is numeric and has no /etc/passwd entry";
      } else if (accounts.passwd() == FileState.UNREADABLE) {
        return Resolution.unknown("name '" + user + "' cannot be resolved because /etc/passwd could not be read");
      } else {
        String where = accounts.passwd() == FileState.MISSING ? "the image has no /etc/passwd" : "/etc/passwd has no"
            + " such entry";
        String explanation = "name '" + user + "' is not in /etc/passwd (" + where + "): the container fails to"
            + " start with \"unable to find user " + user + "\"";
        return Resolution.failed(explanation, new Finding("USER-NOT-IN-PASSWD",
            "User '" + user + "' does not exist in the image", Severity.HIGH,
            "The container runtime looks the name up in the image's /etc/passwd and does not start the"
                + " container when it is missing.",
            "Config User = " + configured + "; " + where,
            "Create the user in the image, for example RUN useradd --uid " + SUGGESTED_ID + " " + user
                + ", or name it by number: USER " + SUGGESTED_ID + ":" + SUGGESTED_ID + ".",
            "Dockerfile: the USER instruction, and the RUN that should create the user"));
      }
    }

    if (group.isEmpty()) {
      String groupReason;
      if (entry == null && user.isEmpty()) {
        groupReason = ", and GID " + gid + " because no /etc/passwd entry has UID 0";
      } else if (entry == null) {
        groupReason = ", so the GID defaults to " + gid;
      } else if (user.isEmpty()) {
        groupReason = ", GID " + gid + " from /etc/passwd entry '" + entry.name() + "' (line " + entry.lineNumber()
            + ")";
      } else {
        groupReason = ", GID " + gid + " from the same entry";
      }
      return Resolution.runs(uid, gid, userReason + groupReason, entry, null);
    }
    Optional<GroupEntry> foundGroup = accounts.findGroup(group);
    Long groupNumber = AccountFiles.parseNumber(group);
    if (foundGroup.isPresent()) {
      GroupEntry groupEntry = foundGroup.get();
      return Resolution.runs(uid, groupEntry.gid(), userReason + ", GID " + groupEntry.gid() + " from /etc/group"
          + " entry '" + groupEntry.name() + "' (line " + groupEntry.lineNumber() + ")", entry, groupEntry);
    }
    if (groupNumber != null && !AccountFiles.inRange(groupNumber)) {
      return outOfRange(configured, "GID", groupNumber);
    }
    if (groupNumber != null) {
      return Resolution.runs(uid, groupNumber, userReason + ", GID " + groupNumber + " as given", entry, null);
    }
    if (accounts.group() == FileState.UNREADABLE) {
      return Resolution.unknown("group '" + group + "' cannot be resolved because /etc/group could not be read");
    }
    String where = accounts.group() == FileState.MISSING ? "the image has no /etc/group" : "/etc/group has no such"
        + " entry";
    return Resolution.failed("group '" + group + "' is not in /etc/group (" + where + "): the container fails to"
        + " start with \"unable to find group " + group + "\"", new Finding("GROUP-NOT-IN-GROUP-FILE",
            "Group '" + group + "' does not exist in the image", Severity.HIGH,
            "The container runtime looks the group name up in the image's /etc/group and does not start the"
                + " container when it is missing.",
            "Config User = " + configured + "; " + where,
            "Create the group in the image, for example RUN groupadd --gid " + SUGGESTED_ID + " " + group
                + ", or name it by number: USER " + (user.isEmpty() ? SUGGESTED_ID : user) + ":" + SUGGESTED_ID + ".",
            "Dockerfile: the USER instruction, and the RUN that should create the group"));
  }

  private static Resolution outOfRange(String configured, String kind, long id) {
    return Resolution.failed(kind + " " + id + " is outside 0 to " + AccountFiles.MAX_RUNTIME_ID + " and has no account"
        + " entry: the container fails to start", new Finding("USER-ID-OUT-OF-RANGE",
            kind + " " + id + " is out of the range the runtime accepts", Severity.HIGH,
            "runc accepts a UID or GID without an account entry only from 0 to " + AccountFiles.MAX_RUNTIME_ID
                + " and does not start the container otherwise.",
            "Config User = " + configured,
            "Use an ID in range, for example USER " + SUGGESTED_ID + ":" + SUGGESTED_ID + ".",
            "Dockerfile: the USER instruction"));
  }

  private static Finding rootUser(String configured, Resolution resolution, AccountDatabase accounts,
      String location) {
    String title;
    if (configured.isEmpty()) {
      title = "The container runs as root because User is unset";
    } else if (resolution.user() != null && !"root".equals(resolution.user().name())
        && !isNumericUser(configured)) {
      title = "User '" + resolution.user().name() + "' is UID 0, which is root";
    } else {
      title = "The container runs as root (User " + configured + ")";
    }
    String create = accounts.passwd() == FileState.READ
        ? "Add a user and switch to it by number: RUN groupadd --gid " + SUGGESTED_ID + " app && useradd --uid "
            + SUGGESTED_ID + " --gid " + SUGGESTED_ID + " --no-create-home app, then USER " + SUGGESTED_ID + ":"
            + SUGGESTED_ID + ". On Alpine use addgroup -g and adduser -u -G -D -H instead."
        : "Add USER " + SUGGESTED_ID + ":" + SUGGESTED_ID + ": a numeric user needs no /etc/passwd entry; copy a"
            + " passwd line into the image only if the application needs a user name or home folder.";
    return new Finding("ROOT-USER", title, Severity.HIGH,
        "A process that escapes the application or the container runtime has root rights; root in the"
            + " container can also change every file of the image and bind ports below 1024. A Kubernetes pod"
            + " with runAsNonRoot: true does not start it.",
        evidence(configured, resolution),
        create + " Check that the application's files are readable, and its data folders writable, by that user.",
        location);
  }

  /**
   * Returns a finding when the history shows a non-root USER that a later USER instruction set back
   * to root, for example a base image that drops privileges and a Dockerfile that adds USER root.
   */
  static Optional<Finding> userResetToRoot(ImageConfig config, AccountDatabase accounts) {
    List<HistoryEntry> history = config.history();
    int lastRoot = -1;
    int nonRootBefore = -1;
    for (int step = 0; step < history.size(); step++) {
      String value = userInstruction(history.get(step));
      if (value == null) {
        continue;
      }
      Resolution resolution = resolve(value, accounts);
      boolean root = resolution.outcome() == Outcome.RUNS && resolution.uid() == 0;
      if (root) {
        if (nonRootBefore >= 0) {
          lastRoot = step;
        }
      } else {
        nonRootBefore = step;
        lastRoot = -1;
      }
    }
    if (lastRoot < 0) {
      return Optional.empty();
    }
    return Optional.of(new Finding("USER-RESET-TO-ROOT", "A later USER instruction switches back to root",
        Severity.MEDIUM,
        "An earlier step chose a non-root user, but a later one returned to root, often to install"
            + " something, and the image was never switched back.",
        "History step " + (nonRootBefore + 1) + ": " + history.get(nonRootBefore).createdBy() + "; history step "
            + (lastRoot + 1) + ": " + history.get(lastRoot).createdBy(),
        "End the final stage with a non-root USER again after the steps that need root, for example USER "
            + SUGGESTED_ID + ":" + SUGGESTED_ID + ".",
        "Dockerfile: after history step " + (lastRoot + 1)));
  }

  /** Returns the value of a {@code USER} instruction recorded in a history line, or null. */
  static String userInstruction(HistoryEntry entry) {
    if (entry.createdBy() == null) {
      return null;
    }
    Matcher matcher = USER_INSTRUCTION.matcher(entry.createdBy().strip());
    return matcher.matches() ? matcher.group(1) : null;
  }

  private static String evidence(String configured, Resolution resolution) {
    String evidence = "Config User = " + (configured.isEmpty() ? "(unset)" : configured);
    if (resolution.user() != null) {
      evidence += "; /etc/passwd line " + resolution.user().lineNumber() + ": " + resolution.user().line();
    }
    if (resolution.group() != null) {
      evidence += "; /etc/group line " + resolution.group().lineNumber() + ": " + resolution.group().line();
    }
    return evidence;
  }

  private static boolean isNumericUser(String configured) {
    return AccountFiles.parseNumber(userPart(configured)) != null;
  }

  /** Returns the part of a {@code user[:group]} value before the colon. */
  private static String userPart(String configured) {
    int colon = configured.indexOf(':');
    return colon < 0 ? configured : configured.substring(0, colon);
  }

  private static String describeRoot(long uid) {
    return uid == 0 ? " (root)" : "";
  }

  /**
   * The outcome of resolving one {@code user[:group]} value.
   *
   * @param user the passwd entry that matched, or null
   * @param group the group entry that matched, or null
   * @param failure the finding that explains a failed start, or null
   */
  record Resolution(Outcome outcome, Long uid, Long gid, String explanation, PasswdEntry user, GroupEntry group,
      Finding failure) {

    static Resolution runs(long uid, long gid, String explanation, PasswdEntry user, GroupEntry group) {
      return new Resolution(Outcome.RUNS, uid, gid, explanation, user, group, null);
    }

    static Resolution failed(String explanation, Finding failure) {
      return new Resolution(Outcome.FAILS_TO_START, null, null, explanation, null, null, failure);
    }

    static Resolution unknown(String explanation) {
      return new Resolution(Outcome.UNKNOWN, null, null, explanation, null, null, null);
    }
  }
}
