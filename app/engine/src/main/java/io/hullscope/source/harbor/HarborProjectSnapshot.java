package io.hullscope.source.harbor;

import io.hullscope.source.harbor.HarborModel.AuditEntry;
import io.hullscope.source.harbor.HarborModel.CveAllowlist;
import io.hullscope.source.harbor.HarborModel.ImmutableRule;
import io.hullscope.source.harbor.HarborModel.Member;
import io.hullscope.source.harbor.HarborModel.Project;
import io.hullscope.source.harbor.HarborModel.RetentionPolicy;
import io.hullscope.source.harbor.HarborModel.Robot;
import io.hullscope.source.harbor.HarborModel.Scanner;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a project audit looks at, read from Harbor in one go. A part this account may not
 * read (Harbor answers 401 or 403) is null and named in {@link #unreadable}, so the audit can say
 * what it could not check instead of failing.
 *
 * @param retention the retention policy; null when the project has none or it is unreadable
 * @param scanner the project's scanner; null when none is set or it is unreadable
 */
public record HarborProjectSnapshot(
    URI harborUrl,
    String harborVersion,
    Project project,
    CveAllowlist cveAllowlist,
    List<ImmutableRule> immutableRules,
    RetentionPolicy retention,
    List<Robot> robots,
    List<Member> members,
    Scanner scanner,
    List<AuditEntry> auditLog,
    List<String> anonymousActions,
    List<String> unreadable) {

  private static final Logger LOG = LoggerFactory.getLogger(HarborProjectSnapshot.class);

  /** Number of audit log entries read. */
  public static final int AUDIT_LOG_ENTRIES = 20;

  /**
   * Reads a project's settings and their context.
   *
   * @throws IOException when the project itself cannot be read
   */
  public static HarborProjectSnapshot read(HarborClient client, String projectName) throws IOException {
    List<String> unreadable = new ArrayList<>();
    String version = optional(client::version, "Harbor version", unreadable);
    Project project = client.project(projectName);
    CveAllowlist allowlist = optional(() -> client.cveAllowlist(projectName), "CVE allowlist", unreadable);
    List<ImmutableRule> rules = optional(() -> client.immutableRules(projectName), "tag immutability rules", unreadable);
    String retentionId = project.metadata().get("retention_id");
    RetentionPolicy retention = retentionId == null || retentionId.isBlank() ? null
        : optional(() -> client.retention(Long.parseLong(retentionId.strip())), "tag retention policy", unreadable);
    List<Robot> robots = optional(() -> client.robots(project), "robot accounts", unreadable);
    List<Member> members = optional(() -> client.members(projectName), "members", unreadable);
    Optional<Scanner> scanner = optional(() -> client.scanner(projectName), "scanner", unreadable);
    List<AuditEntry> log = optional(() -> client.auditLog(projectName, AUDIT_LOG_ENTRIES), "audit log", unreadable);
    List<String> anonymous = optional(() -> client.anonymousRegistryActions(projectName), "anonymous registry access",
        unreadable);
    return new HarborProjectSnapshot(client.connection().url(), version, project, allowlist, rules, retention, robots,
        members, scanner == null ? null : scanner.orElse(null), log, anonymous, unreadable);
  }

  /** Reads one part; a refusal (401, 403) or a missing endpoint (404) makes it null and unreadable. */
  private static <T> T optional(Reader<T> reader, String part, List<String> unreadable) throws IOException {
    try {
      return reader.read();
    } catch (HarborException e) {
      if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
        LOG.info("Could not read the {}: {}", part, e.getMessage());
        unreadable.add(part);
        return null;
      }
      throw e;
    } catch (NumberFormatException e) {
      unreadable.add(part);
      return null;
    }
  }

  private interface Reader<T> {
    T read() throws IOException;
  }
}
