package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HarborGlobTest {

  @Test
  void releaseTagPatternsAreMatchedLikeHarbor() {
    assertThat(HarborProjectAudit.globMatches("**", "1.2.3")).isTrue();
    assertThat(HarborProjectAudit.globMatches("v*", "v1.2.3")).isTrue();
    assertThat(HarborProjectAudit.globMatches("{v,}[0-9]*.[0-9]*.[0-9]*", "1.2.3")).isTrue();
    assertThat(HarborProjectAudit.globMatches("{v,}[0-9]*.[0-9]*.[0-9]*", "latest")).isFalse();
    assertThat(HarborProjectAudit.globMatches("release-?", "release-1")).isTrue();
    assertThat(HarborProjectAudit.globMatches("[unclosed", "[unclosed")).isTrue();
  }
}
