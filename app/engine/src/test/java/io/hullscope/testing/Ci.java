package io.hullscope.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Decides whether a missing service skips a test (laptop) or fails it (CI). */
public final class Ci {

  private Ci() {}

  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Skips the calling test when {@code available} is false, or fails it under {@code CI=true}.
   *
   * @param what the missing thing and how to provide it, for example "dockerd (set HULLSCOPE_DOCKER_HOST)"
   */
  public static void requireService(boolean available, String what) {
    if (available) {
      return;
    }
    if (isCi()) {
      throw new AssertionError(what + " is not available, and CI=true requires it");
    }
    assumeTrue(false, what + " is not available; skipping");
  }

  /**
   * Fails under {@code CI=true} when {@code available} is false, and otherwise only returns it.
   * For {@code @BeforeAll} methods: an assumption that fails there aborts the class before any
   * test is counted, so the class would show no tests instead of skipped ones. Call
   * {@link #requireService} again in {@code @BeforeEach} to skip each test.
   */
  public static boolean checkServiceForClass(boolean available, String what) {
    if (!available && isCi()) {
      throw new AssertionError(what + " is not available, and CI=true requires it");
    }
    return available;
  }
}
