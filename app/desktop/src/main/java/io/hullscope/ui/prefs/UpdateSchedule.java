package io.hullscope.ui.prefs;

/** When the window refreshes the OSV vulnerability data by itself. */
public enum UpdateSchedule {
  /** Only when the user runs {@code hullscope db update}. */
  NEVER,
  /** At start, in the background, when the oldest imported ecosystem is older than a number of days. */
  ON_START
}
