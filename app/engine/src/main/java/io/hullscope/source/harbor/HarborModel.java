package io.hullscope.source.harbor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The Harbor objects Hullscope reads, reduced to the fields it shows and audits. */
public final class HarborModel {

  private HarborModel() {}

  /** The kind of account the connection acts as. */
  public enum IdentityKind { USER, ROBOT, ANONYMOUS }

  /**
   * The identity Harbor accepted.
   *
   * @param name the user or robot name; null when anonymous
   * @param administrator true for a Harbor system administrator
   */
  public record Identity(IdentityKind kind, String name, boolean administrator) {

    /** Returns a sentence for the connection dialog, for example "Signed in as user alice (administrator)". */
    public String describe() {
      return switch (kind) {
        case USER -> "Signed in as user " + name + (administrator ? " (administrator)" : "");
        case ROBOT -> "Signed in as robot account " + name;
        case ANONYMOUS -> "Anonymous: only public projects are visible";
      };
    }
  }

  /** One page of a list and the total Harbor reports in {@code X-Total-Count} (-1 when absent). */
  public record Page<T>(List<T> items, long total, int page, int pageSize) {
    public Page {
      items = List.copyOf(items);
    }

    /** Returns true when a later page may hold more items. */
    public boolean hasMore() {
      return total >= 0 ? (long) page * pageSize < total : items.size() == pageSize;
    }
  }

  /**
   * A project with its settings ({@code metadata}: {@code public}, {@code auto_scan}, {@code
   * prevent_vul}, {@code severity}, ... as Harbor's strings).
   */
  public record Project(long id, String name, long repositoryCount, Map<String, String> metadata,
      Long registryId) {
    public Project {
      metadata = Map.copyOf(metadata);
    }

    /** Returns true when the project is public. */
    public boolean isPublic() {
      return "true".equals(metadata.get("public"));
    }

    /** Returns true for a proxy cache project, which mirrors another registry. */
    public boolean isProxyCache() {
      return registryId != null && registryId > 0;
    }
  }

  /** A repository; {@code name} includes the project, for example {@code library/app/api}. */
  public record Repository(String name, long artifactCount, long pullCount, Instant updated) {}

  /** Vulnerability counts per severity from a scan overview, and the scan's state. */
  public record ScanSummary(String status, String severity, Map<String, Integer> counts, int total, int fixable,
      String scanner, Instant completed) {
    public ScanSummary {
      counts = Map.copyOf(counts);
    }
  }

  /** A signature, SBOM or other accessory attached to an artifact. */
  public record Accessory(String type, String digest, long size) {}

  /**
   * An artifact (an image manifest or index) of a repository.
   *
   * @param scan the scan overview; null when never scanned or not requested
   * @param sbomStatus the state of Harbor's SBOM generation, for example {@code Success}; null when
   *     never generated or not requested
   */
  public record Artifact(String digest, String mediaType, String type, long size, Instant pushed, Instant pulled,
      List<String> tags, List<String> labels, ScanSummary scan, List<Accessory> accessories, String sbomStatus) {
    public Artifact {
      tags = List.copyOf(tags);
      labels = List.copyOf(labels);
      accessories = List.copyOf(accessories);
    }
  }

  /**
   * A tag immutability rule: tags matching {@code tagPattern} (or not matching, when {@code
   * tagsExcluded}) in repositories matching {@code repositoryPattern} cannot be overwritten.
   */
  public record ImmutableRule(boolean disabled, String tagPattern, boolean tagsExcluded, String repositoryPattern,
      boolean repositoriesExcluded) {}

  /** A project's tag retention policy; {@code enabledRules} counts the rules that are not disabled. */
  public record RetentionPolicy(long id, int enabledRules, String trigger) {}

  /** A robot permission: {@code resource:action} pairs granted in a namespace ({@code *} for every project). */
  public record RobotPermission(String kind, String namespace, List<String> access) {
    public RobotPermission {
      access = List.copyOf(access);
    }
  }

  /**
   * A robot account. Its secret is never read.
   *
   * @param durationDays days it stays valid, -1 for never expiring
   * @param expiresAt expiry in seconds since the epoch, -1 for never
   */
  public record Robot(String name, String level, boolean disabled, long durationDays, long expiresAt,
      List<RobotPermission> permissions) {
    public Robot {
      permissions = List.copyOf(permissions);
    }

    /** Returns true when the robot never expires. */
    public boolean neverExpires() {
      return durationDays == -1 || expiresAt == -1;
    }
  }

  /** A project member: a user or group and its role, for example {@code projectAdmin}. */
  public record Member(String name, String type, String role) {}

  /** The scanner a project uses; a field is null when Harbor's response lacks it. */
  public record Scanner(String name, String vendor, String version, boolean disabled) {}

  /** One audit log entry. */
  public record AuditEntry(String user, String operation, String resourceType, String resource, Instant time) {}

  /** The project's CVE allowlist: the allowed CVE ids and the expiry (null for never). */
  public record CveAllowlist(List<String> cves, Instant expires) {
    public CveAllowlist {
      cves = List.copyOf(cves);
    }
  }
}
