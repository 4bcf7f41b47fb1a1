package io.hullscope.ui.hardening;

import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageFacts;
import io.hullscope.report.DockerfileSuggestion;
import io.hullscope.report.HarborSettingsAdvice;
import io.hullscope.report.KyvernoPolicies;

/** A text that Hullscope suggests from a hardening report: its title, the file name to offer and how to build it. */
public enum Suggestion {
  DOCKERFILE("Suggested Dockerfile", "suggested Dockerfile", "Dockerfile"),
  KYVERNO("Kyverno policies", "Kyverno policies", "kyverno-policies.yaml"),
  HARBOR("Harbor settings", "Harbor settings advice", "harbor-settings.md");

  private final String title;
  private final String noun;
  private final String fileName;

  Suggestion(String title, String noun, String fileName) {
    this.title = title;
    this.noun = noun;
    this.fileName = fileName;
  }

  /** Returns the title of the suggestion's tab, for example "Suggested Dockerfile". */
  public String title() {
    return title;
  }

  /** Returns the name used inside messages, for example "suggested Dockerfile". */
  public String noun() {
    return noun;
  }

  /** Returns the file name the save dialog offers. */
  public String fileName() {
    return fileName;
  }

  /** Builds the text; runs the engine's generators, so it belongs on a worker thread. */
  String build(HardeningReport report, ImageFacts facts) {
    return switch (this) {
      case DOCKERFILE -> DockerfileSuggestion.suggest(report, facts);
      case KYVERNO -> KyvernoPolicies.suggest(report, facts);
      case HARBOR -> HarborSettingsAdvice.suggest(report, facts);
    };
  }
}
