package io.hullscope.ui.overview;

/** One label and value line of the Overview tab. */
public record ConfigRow(String label, String value) {}
