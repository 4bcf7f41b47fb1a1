package io.hullscope.ui.overview;

/**
 * One environment variable of the image config.
 *
 * @param secret true when the name suggests a secret, so the value is masked until revealed
 */
public record EnvRow(String name, String value, boolean secret) {}
