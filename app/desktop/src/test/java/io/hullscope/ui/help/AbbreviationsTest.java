package io.hullscope.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbbreviationsTest {

  @Test
  void explainsEachTermOnceInOrder() {
    String text = Abbreviations.explain("Runs as UID 0 (root), GID 0, UID again");

    assertThat(text).isEqualTo("UID: the numeric user id a process runs as; 0 is root\n"
        + "GID: the numeric group id a process runs with; 0 is the root group");
  }

  @Test
  void wholeWordsOnly() {
    assertThat(Abbreviations.explain("/usr/share/uid-tools and SBOMs")).isNull();
    assertThat(Abbreviations.explain("DISTRO-EOL")).startsWith("EOL: end of life");
    assertThat(Abbreviations.explain(null)).isNull();
  }
}
