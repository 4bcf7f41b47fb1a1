package io.hullscope.compare;

import java.util.Locale;

/** The sections of a comparison, for choosing which ones a writer includes. */
public enum ComparisonSection {
  CONFIG("config"),
  LAYERS("layers"),
  FILES("files"),
  PACKAGES("packages"),
  VULNERABILITIES("vulns"),
  FINDINGS("findings");

  private final String optionName;

  ComparisonSection(String optionName) {
    this.optionName = optionName;
  }

  /** Returns the short name used on the command line, for example {@code vulns}. */
  public String optionName() {
    return optionName;
  }

  /** Returns the section title, for example {@code Vulnerabilities}. */
  public String title() {
    String name = name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * Returns the section with this short name, ignoring case.
   *
   * @throws IllegalArgumentException when no section has the name; the message lists the valid names
   */
  public static ComparisonSection ofOptionName(String name) {
    for (ComparisonSection section : values()) {
      if (section.optionName.equalsIgnoreCase(name.strip())) {
        return section;
      }
    }
    throw new IllegalArgumentException("Unknown section '" + name
        + "'. Use config, layers, files, packages, vulns or findings.");
  }
}
