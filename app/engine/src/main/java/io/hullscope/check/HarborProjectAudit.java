package io.hullscope.check;

import io.hullscope.source.harbor.HarborModel.ImmutableRule;
import io.hullscope.source.harbor.HarborModel.Project;
import io.hullscope.source.harbor.HarborModel.Robot;
import io.hullscope.source.harbor.HarborModel.RobotPermission;
import io.hullscope.source.harbor.HarborProjectSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a Harbor project's settings into findings: each says what is wrong, why it matters, what
 * was seen and where in Harbor to change it. A well-configured project gives no finding except
 * notes on parts this account could not read.
 */
public final class HarborProjectAudit {

  /** Tags a release is usually pushed as; an immutability rule should cover one of them. */
  static final List<String> RELEASE_TAGS = List.of("1.2.3", "v1.2.3");

  private static final Map<String, Integer> SEVERITY_RANK =
      Map.of("none", 0, "low", 1, "medium", 2, "high", 3, "critical", 4);

  private HarborProjectAudit() {}

  /** Returns the findings for one project, most severe first. */
  public static List<Finding> audit(HarborProjectSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    Project project = snapshot.project();
    String p = project.name();
    String configuration = "Harbor > Projects > " + p + " > Configuration";
    Map<String, String> settings = project.metadata();

    if ("http".equalsIgnoreCase(snapshot.harborUrl().getScheme())) {
      findings.add(new Finding("HARBOR-PLAIN-HTTP", "Harbor is reached over plain HTTP", Severity.HIGH,
          "Credentials and image content cross the network unencrypted and can be read or changed on the way.",
          "Connection address " + snapshot.harborUrl(),
          "Serve Harbor over HTTPS (harbor.yml, https section) and connect with an https:// address.",
          "harbor.yml on the Harbor host, then this connection's settings"));
    }
    if (!isTrue(settings, "auto_scan")) {
      findings.add(new Finding("HARBOR-SCAN-ON-PUSH-OFF", "Images are not scanned on push", Severity.HIGH,
          "Without scan on push, a vulnerable image is stored and pulled before anyone looks at it.",
          "Project setting auto_scan = " + value(settings, "auto_scan"),
          "Turn on 'Automatically scan images on push'.", configuration + " > Vulnerability scanning"));
    }
    if (!isTrue(settings, "prevent_vul")) {
      findings.add(new Finding("HARBOR-VULNERABLE-NOT-BLOCKED", "Vulnerable images can be pulled", Severity.HIGH,
          "Harbor serves images whatever their scan result, so a known critical vulnerability reaches production.",
          "Project setting prevent_vul = " + value(settings, "prevent_vul"),
          "Turn on 'Prevent vulnerable images from running' with severity High or lower.",
          configuration + " > Deployment security"));
    } else if (rank(settings.get("severity")) > SEVERITY_RANK.get("high")) {
      findings.add(new Finding("HARBOR-VULNERABLE-BLOCKED-ABOVE-HIGH", "Only critical vulnerabilities block a pull",
          Severity.MEDIUM,
          "Images with high-severity vulnerabilities are still served; most exploited vulnerabilities are rated High.",
          "Project setting severity = " + value(settings, "severity"),
          "Set the blocking severity to High (or lower).", configuration + " > Deployment security"));
    }
    if (!isTrue(settings, "enable_content_trust_cosign") && !isTrue(settings, "enable_content_trust")) {
      findings.add(new Finding("HARBOR-SIGNATURES-NOT-ENFORCED", "Unsigned images can be pulled", Severity.MEDIUM,
          "Without enforcement, an image pushed with stolen credentials is served like a signed one.",
          "Project settings enable_content_trust_cosign = " + value(settings, "enable_content_trust_cosign"),
          "Sign images in CI with cosign, then turn on 'Enforce cosign signatures'.",
          configuration + " > Deployment security"));
    }
    if (project.isPublic()) {
      findings.add(new Finding("HARBOR-PUBLIC-PROJECT", "The project is public", Severity.MEDIUM,
          "Anyone who can reach Harbor can pull every image of the project, including internal code and secrets"
              + " left in layers.",
          "Project setting public = true",
          "Make the project private unless it is meant for public images, and give readers robot accounts.",
          configuration + " > Project registry: Public"));
    }
    if (snapshot.anonymousActions() != null && snapshot.anonymousActions().contains("push")) {
      findings.add(new Finding("HARBOR-ANONYMOUS-PUSH", "Anyone can push images", Severity.CRITICAL,
          "An anonymous client was granted push: anyone can replace images that others deploy.",
          "Harbor's token service granted an anonymous client " + snapshot.anonymousActions() + " on " + p + "/*",
          "Remove push rights from anonymous users and the public role; check the project's members and the"
              + " system's authentication mode.",
          "Harbor > Projects > " + p + " > Members, and Harbor > Administration > Configuration > Authentication"));
    }
    if (snapshot.immutableRules() != null && !coversReleaseTags(snapshot.immutableRules())) {
      findings.add(new Finding("HARBOR-NO-IMMUTABLE-RELEASE-TAGS", "Release tags can be overwritten", Severity.MEDIUM,
          "A pushed 1.2.3 can be replaced later, so the same tag can mean different images and a deployment"
              + " cannot be reproduced.",
          snapshot.immutableRules().isEmpty() ? "No tag immutability rule"
              : "Rules: " + describeRules(snapshot.immutableRules()) + "; none covers tags like " + RELEASE_TAGS,
          "Add an immutability rule for repositories '**' and tags matching your release scheme, for example"
              + " '{v,}[0-9]*.[0-9]*.[0-9]*'.",
          "Harbor > Projects > " + p + " > Policy > Tag Immutability"));
    }
    if (!snapshot.unreadable().contains("tag retention policy")
        && (snapshot.retention() == null || snapshot.retention().enabledRules() == 0)) {
      findings.add(new Finding("HARBOR-NO-RETENTION", "No tag retention policy", Severity.LOW,
          "Old images pile up: storage grows, and vulnerable old tags stay available to pull.",
          snapshot.retention() == null ? "Project setting retention_id is not set"
              : "Retention policy " + snapshot.retention().id() + " has no enabled rule",
          "Add a retention rule, for example keep the 10 most recently pushed tags per repository, and schedule it.",
          "Harbor > Projects > " + p + " > Policy > Tag Retention"));
    }
    if (snapshot.robots() != null) {
      for (Robot robot : snapshot.robots()) {
        if (robot.disabled()) {
          continue;
        }
        if (pushesAndDeletesEverywhere(robot)) {
          findings.add(new Finding("HARBOR-ROBOT-TOO-POWERFUL", "Robot " + robot.name() + " can push and delete in every"
              + " project", Severity.HIGH,
              "A leaked robot secret then lets an attacker replace or remove any image, not only this project's.",
              "Robot " + robot.name() + " (" + robot.level() + " level) has " + permissions(robot),
              "Limit the robot to the projects it serves and drop push or delete where it only pulls.",
              "Harbor > Administration > Robot Accounts (system robots) or Projects > " + p + " > Robot Accounts"));
        }
        if (robot.neverExpires()) {
          findings.add(new Finding("HARBOR-ROBOT-NEVER-EXPIRES", "Robot " + robot.name() + " never expires",
              Severity.MEDIUM,
              "A secret that never expires stays usable long after it leaked or its pipeline was retired.",
              "Robot " + robot.name() + ": duration " + robot.durationDays() + ", expires_at " + robot.expiresAt(),
              "Set an expiry (for example 90 days) and rotate the secret in the pipeline that uses it.",
              "Harbor > Projects > " + p + " > Robot Accounts > " + robot.name()));
        }
      }
    }
    if (snapshot.cveAllowlist() != null && !snapshot.cveAllowlist().cves().isEmpty()
        && !isTrue(settings, "reuse_sys_cve_allowlist") && snapshot.cveAllowlist().expires() == null) {
      findings.add(new Finding("HARBOR-CVE-ALLOWLIST-NO-EXPIRY", "CVE allowlist without expiry", Severity.LOW,
          "Allowlisted vulnerabilities stop blocking pulls for good, even after a fix exists.",
          "Allowlist: " + snapshot.cveAllowlist().cves(),
          "Give the allowlist an expiry date and review it then.", configuration + " > CVE allowlist"));
    }
    if (!snapshot.unreadable().contains("scanner") && snapshot.scanner() == null) {
      findings.add(new Finding("HARBOR-NO-SCANNER", "No vulnerability scanner is set", Severity.HIGH,
          "Without a scanner no image of the project can be scanned, so scan on push and blocking have no effect.",
          "The project has no scanner registration",
          "Register a scanner (Trivy ships with Harbor) and select it for the project.",
          "Harbor > Projects > " + p + " > Scanner"));
    }
    if (!isTrue(settings, "auto_sbom_generation")) {
      findings.add(new Finding("HARBOR-AUTO-SBOM-OFF", "SBOMs are not generated on push", Severity.LOW,
          "Without an SBOM per image, answering 'are we affected?' for a new vulnerability means pulling every image.",
          "Project setting auto_sbom_generation = " + value(settings, "auto_sbom_generation"),
          "Turn on 'Automatically generate SBOM on push' (Harbor 2.11 and later).",
          configuration + " > SBOM generation"));
    }
    for (String part : snapshot.unreadable()) {
      findings.add(new Finding("HARBOR-NOT-CHECKED", "Could not check the " + part, Severity.INFO,
          "This account may not read the " + part + ", so the audit could not check it.",
          "Harbor refused to show the " + part + " to this account",
          "Run the audit as a project administrator or a robot with read access to the " + part + ".",
          "Harbor > Projects > " + p + " > Members"));
    }
    findings.sort((a, b) -> a.severity().compareTo(b.severity()));
    return findings;
  }

  /** Returns true when an enabled rule makes tags shaped like a release immutable. */
  static boolean coversReleaseTags(List<ImmutableRule> rules) {
    for (ImmutableRule rule : rules) {
      if (rule.disabled() || rule.tagPattern() == null || rule.repositoriesExcluded()) {
        continue;
      }
      for (String tag : RELEASE_TAGS) {
        if (globMatches(rule.tagPattern(), tag) != rule.tagsExcluded()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Matches Harbor's tag patterns: {@code *} and {@code **} match any run of characters, {@code ?}
   * one character, {@code {a,b}} either alternative and {@code [0-9]} a character class.
   */
  static boolean globMatches(String glob, String text) {
    StringBuilder regex = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        case '{' -> {
          depth++;
          regex.append("(?:");
        }
        case '}' -> {
          depth = Math.max(0, depth - 1);
          regex.append(')');
        }
        case ',' -> regex.append(depth > 0 ? "|" : ",");
        case '[' -> {
          int end = glob.indexOf(']', i);
          if (end < 0) {
            regex.append("\\[");
          } else {
            regex.append('[').append(glob, i + 1, end).append(']');
            i = end;
          }
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return Pattern.matches(regex.toString(), text);
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  private static boolean pushesAndDeletesEverywhere(Robot robot) {
    for (RobotPermission permission : robot.permissions()) {
      boolean everywhere = "*".equals(permission.namespace());
      boolean push = permission.access().stream().anyMatch(a -> a.equals("repository:push") || a.equals("*:*"));
      boolean delete = permission.access().stream().anyMatch(a -> a.endsWith(":delete") || a.equals("*:*"));
      if (everywhere && push && delete) {
        return true;
      }
    }
    return false;
  }

  private static String permissions(Robot robot) {
    List<String> parts = new ArrayList<>();
    for (RobotPermission permission : robot.permissions()) {
      parts.add(permission.access() + " in " + ("*".equals(permission.namespace()) ? "every project"
          : "project " + permission.namespace()));
    }
    return String.join("; ", parts);
  }

  private static String describeRules(List<ImmutableRule> rules) {
    List<String> parts = new ArrayList<>();
    for (ImmutableRule rule : rules) {
      parts.add((rule.tagsExcluded() ? "tags not matching " : "tags matching ") + rule.tagPattern()
          + (rule.disabled() ? " (disabled)" : ""));
    }
    return String.join(", ", parts);
  }

  private static boolean isTrue(Map<String, String> settings, String key) {
    return "true".equalsIgnoreCase(String.valueOf(settings.get(key)).strip());
  }

  private static String value(Map<String, String> settings, String key) {
    String value = settings.get(key);
    return value == null ? "(not set)" : value;
  }

  private static int rank(String severity) {
    return severity == null ? Integer.MAX_VALUE
        : SEVERITY_RANK.getOrDefault(severity.toLowerCase(Locale.ROOT).strip(), Integer.MAX_VALUE);
  }
}
