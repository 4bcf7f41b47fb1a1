package io.hullscope.check;

import java.util.List;

/** The non-root checks as an {@link ImageCheck}: the findings of the {@link UserVerdict}. */
public final class UserCheck implements ImageCheck {

  private static final String GROUP = "user";

  private static final List<CheckDefinition> DEFINITIONS = List.of(
      new CheckDefinition("ROOT-USER", "The container runs as root", Severity.HIGH, GROUP,
          "A process that runs as UID 0 keeps root's rights on every file it can reach; a flaw in the"
              + " application or a container escape then gives root on more than it needs."),
      new CheckDefinition("USER-RESET-TO-ROOT", "A later USER instruction switches back to root", Severity.MEDIUM,
          GROUP, "The image set a non-root user and a later instruction undid it, usually by mistake."),
      new CheckDefinition("USER-NOT-IN-PASSWD", "The configured user does not exist in the image", Severity.HIGH,
          GROUP, "The runtime cannot resolve the name, so the container does not start."),
      new CheckDefinition("GROUP-NOT-IN-GROUP-FILE", "The configured group does not exist in the image",
          Severity.HIGH, GROUP, "The runtime cannot resolve the group, so the container does not start."),
      new CheckDefinition("USER-ID-OUT-OF-RANGE", "The configured UID or GID is out of range", Severity.HIGH, GROUP,
          "The runtime rejects IDs outside 0 to 2147483647, so the container does not start."),
      new CheckDefinition("USER-NOT-NUMERIC", "The user is a name, not a UID", Severity.MEDIUM, GROUP,
          "Kubernetes runAsNonRoot cannot prove that a user name is not root, so such pods are rejected."),
      new CheckDefinition("ROOT-GROUP", "The process runs with GID 0", Severity.LOW, GROUP,
          "Files owned by group root become writable or readable to the process."),
      new CheckDefinition("ACCOUNTS-UNREADABLE", "The image's account files could not be fully read", Severity.INFO,
          GROUP, "Without /etc/passwd and /etc/group the user verdict is less certain."));

  @Override
  public List<CheckDefinition> definitions() {
    return DEFINITIONS;
  }

  @Override
  public List<Finding> run(ImageFacts facts, CheckSettings settings) {
    return UserVerdict.of(facts.config(), facts.accounts()).findings();
  }
}
