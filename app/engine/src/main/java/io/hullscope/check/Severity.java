package io.hullscope.check;

/** How much a finding matters, most severe first. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO
}
