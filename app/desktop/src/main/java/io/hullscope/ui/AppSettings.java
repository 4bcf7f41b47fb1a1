package io.hullscope.ui;

import java.nio.file.Path;

/**
 * Start-up settings of the window, read from system properties.
 *
 * @param samplesFolder folder of bundled sample images ({@code -Dhullscope.samples}); defaults to
 *     {@code samples/images} below the working directory
 * @param dockerHost daemon address ({@code -Dhullscope.docker.host}), or null for DOCKER_HOST or
 *     the platform's default socket
 */
public record AppSettings(Path samplesFolder, String dockerHost) {

  /** Reads the settings from system properties. */
  public static AppSettings fromSystemProperties() {
    String samples = System.getProperty("hullscope.samples");
    Path samplesFolder = samples != null ? Path.of(samples) : Path.of("samples", "images").toAbsolutePath();
    String dockerHost = System.getProperty("hullscope.docker.host");
    return new AppSettings(samplesFolder, dockerHost);
  }
}
