package io.hullscope.ui.harbor;

import io.hullscope.check.Finding;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The result of auditing one Harbor project, as the audit view shows and exports it.
 *
 * @param harborVersion null when Harbor did not report it
 * @param account who the audit ran as, for example "Signed in as user alice"
 * @param unreadable the parts of the project's settings this account could not read
 */
public record ProjectAudit(URI harborUrl, String harborVersion, String project, String account, Instant time,
    List<String> unreadable, List<Finding> findings) {

  public ProjectAudit {
    unreadable = List.copyOf(unreadable);
    findings = List.copyOf(findings);
  }
}
