package io.hullscope.ui.harbor;

import io.hullscope.check.Finding;
import io.hullscope.check.Severity;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TaskHandle;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The project audit tab: runs the audit, groups its findings by severity, describes the selected
 * finding and exports the audit as Markdown or JSON.
 */
public final class HarborAuditViewModel {

  private final TaskExecutor executor;
  private final ErrorViewModel error;
  private final ReadOnlyObjectWrapper<ProjectAudit> result = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper("");
  private final ObjectProperty<Finding> selectedFinding = new SimpleObjectProperty<>();
  private int request;

  HarborAuditViewModel(TaskExecutor executor, ErrorViewModel error) {
    this.executor = executor;
    this.error = error;
  }

  /** Empties the tab, for example when another project is selected. */
  public void clear() {
    request++;
    result.set(null);
    selectedFinding.set(null);
    status.set("");
    exportMessage.set("");
  }

  TaskHandle run(String project, BackgroundTask.Work<ProjectAudit> work) {
    clear();
    int current = request;
    status.set("Auditing project " + project + "...");
    return executor.submit(new BackgroundTask<>(
        "Auditing Harbor project " + project,
        work,
        audit -> {
          if (current == request) {
            result.set(audit);
            status.set(summary(audit));
          }
        },
        failure -> {
          if (current == request) {
            status.set("The audit of project " + project + " failed");
            if (!ErrorViewModel.isCancellation(failure)) {
              error.show("Auditing Harbor project " + project + " failed", failure);
            }
          }
        }));
  }

  /** Returns for example "7 findings in project legacy: 2 high, 5 medium; could not check: members". */
  static String summary(ProjectAudit audit) {
    Map<Severity, List<Finding>> groups = groups(audit.findings());
    StringBuilder text = new StringBuilder();
    int count = audit.findings().size();
    text.append(count == 0 ? "No findings" : count + (count == 1 ? " finding" : " findings"))
        .append(" in project ").append(audit.project());
    String separator = ": ";
    for (Map.Entry<Severity, List<Finding>> group : groups.entrySet()) {
      text.append(separator).append(group.getValue().size()).append(' ')
          .append(group.getKey().name().toLowerCase(java.util.Locale.ROOT));
      separator = ", ";
    }
    if (!audit.unreadable().isEmpty()) {
      text.append("; not checked: ").append(String.join(", ", audit.unreadable()));
    }
    return text.toString();
  }

  /** Returns the findings grouped by severity, most severe first, leaving out empty groups. */
  public static Map<Severity, List<Finding>> groups(List<Finding> findings) {
    Map<Severity, List<Finding>> groups = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      List<Finding> group = findings.stream().filter(finding -> finding.severity() == severity).toList();
      if (!group.isEmpty()) {
        groups.put(severity, group);
      }
    }
    return groups;
  }

  /**
   * Writes the audit to a file in the background. The file is written next to the target first and
   * then moved over it, so a failed export leaves no half-written file.
   */
  public void export(AuditExport.Format format, Path target) {
    ProjectAudit audit = result.get();
    if (audit == null) {
      return;
    }
    exportMessage.set("");
    executor.submit(new BackgroundTask<>(
        "Exporting the audit of " + audit.project(),
        progress -> {
          Path folder = target.toAbsolutePath().getParent();
          Path temporary = Files.createTempFile(folder, ".hullscope-audit", ".tmp");
          try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
              AuditExport.write(audit, format, out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
          } finally {
            Files.deleteIfExists(temporary);
          }
          return target;
        },
        written -> exportMessage.set("Saved " + written),
        failure -> error.show("Exporting the audit to " + target + " failed", failure)));
  }

  /** Returns a file name for an export, for example {@code harbor-audit-legacy.md}. */
  public String suggestedFileName(AuditExport.Format format) {
    ProjectAudit audit = result.get();
    String project = audit == null ? "project" : audit.project().replaceAll("[^A-Za-z0-9._-]", "_");
    return "harbor-audit-" + project + "." + format.extension();
  }

  /** Returns the last audit, or null before one finished. */
  public ReadOnlyObjectProperty<ProjectAudit> resultProperty() {
    return result.getReadOnlyProperty();
  }

  /** Returns the line above the findings: running, failed, or the counts per severity. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Returns "Saved FILE" after an export, otherwise empty. */
  public ReadOnlyStringProperty exportMessageProperty() {
    return exportMessage.getReadOnlyProperty();
  }

  public ObjectProperty<Finding> selectedFindingProperty() {
    return selectedFinding;
  }
}
