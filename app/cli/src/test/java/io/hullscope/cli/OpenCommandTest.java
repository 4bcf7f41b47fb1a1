package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class OpenCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void helpListsOpen() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString()).containsPattern("(?m)^\\s+open\\s+Starts the window");
  }

  @Test
  void openFromCliJarNeedsDesktopLauncher() {
    assertThat(run("open", "samples/images/hygiene-bad.tar")).isEqualTo(HullscopeCommand.EXIT_FAILURE);

    assertThat(err.toString()).contains("needs the desktop launcher");
  }

  @Test
  void openHelpDescribesImages() {
    assertThat(run("open", "--help")).isZero();

    assertThat(out.toString()).contains("docker://REFERENCE reads").contains("starts a new window");
  }
}
