package io.hullscope.ui.task;

/**
 * A short message about background work that ended, shown for a few seconds in the status bar.
 *
 * @param text for example {@code Opening nginx:1.27 finished}
 * @param failed true when the work failed; the error banner then carries the reason
 */
public record TaskNotice(String text, boolean failed) {}
