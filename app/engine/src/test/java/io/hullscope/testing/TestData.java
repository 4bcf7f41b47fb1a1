package io.hullscope.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the public fixtures made by other tools (package databases, scanner reports, SBOMs...).
 *
 * <p>The folder comes from the system property {@code hullscope.testdata}, which the parent POM
 * sets. Tests that need it are skipped when it is absent, except under {@code CI=true}, where a
 * missing folder fails the test so that a green CI always means the fixtures were read.
 */
public final class TestData {

  private TestData() {}

  /** Returns the fixture folder, skipping (or failing in CI) when it is absent. */
  public static Path root() {
    String configured = System.getProperty("hullscope.testdata", "../shared/testdata");
    Path root = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      if (Ci.isCi()) {
        throw new AssertionError("test data folder " + root + " is missing, and CI=true requires it");
      }
      assumeTrue(false, "test data folder " + root + " is missing; skipping");
    }
    return root;
  }

  /** Returns a file or folder below the fixture root, which must exist. */
  public static Path file(String relative) {
    Path path = root().resolve(relative);
    if (!Files.exists(path)) {
      throw new AssertionError("fixture " + path + " is missing");
    }
    return path;
  }
}
