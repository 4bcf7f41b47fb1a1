package io.hullscope.image;

import java.time.Duration;
import java.util.List;

/**
 * The {@code Healthcheck} of an image config. {@code test} is for example
 * {@code [CMD-SHELL, curl -f http://localhost/]} or {@code [NONE]}; durations may be null.
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod, Integer retries) {

  public Healthcheck {
    test = test == null ? List.of() : List.copyOf(test);
  }

  /** Returns true when the check is explicitly disabled with {@code NONE}. */
  public boolean disabled() {
    return !test.isEmpty() && "NONE".equals(test.get(0));
  }
}
