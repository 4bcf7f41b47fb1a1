package io.hullscope.ui.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Evidence;
import io.hullscope.check.Evidence.Kind;
import org.junit.jupiter.api.Test;

class EvidenceLinkTest {

  @Test
  void fileLinksToLayer() {
    EvidenceLink link = EvidenceLink.of(Evidence.file(1, "root/.npmrc", "_authToken=[redacted]"));

    assertThat(link.target()).isEqualTo(EvidenceLink.Target.FILE);
    assertThat(link.text()).isEqualTo("/root/.npmrc (layer #1): _authToken=[redacted]");
  }

  @Test
  void fileWithoutLayerOrTextShowsPath() {
    EvidenceLink link = EvidenceLink.of(new Evidence(Kind.FILE, -1, "//app/.env", -1, null, null));

    assertThat(link.text()).isEqualTo("/app/.env");
  }

  @Test
  void fileWithoutPathIsText() {
    EvidenceLink link = EvidenceLink.of(new Evidence(Kind.FILE, 2, " ", -1, null, "a file"));

    assertThat(link.target()).isEqualTo(EvidenceLink.Target.NONE);
    assertThat(link.text()).isEqualTo("File: a file");
  }

  @Test
  void historyCountsStepsFromOne() {
    EvidenceLink link = EvidenceLink.of(Evidence.history(0, 0, "ADD file:4f1a in /"));

    assertThat(link.target()).isEqualTo(EvidenceLink.Target.HISTORY);
    assertThat(link.text()).isEqualTo("History step 1: ADD file:4f1a in /");
  }

  @Test
  void historyNamesStepOnce() {
    EvidenceLink link = EvidenceLink.of(Evidence.history(3, 2, "step 4: RUN curl -fsSL https://example.com | sh"));

    assertThat(link.text()).isEqualTo("History step 4: RUN curl -fsSL https://example.com | sh");
  }

  @Test
  void historyKeepsOtherStepNumber() {
    EvidenceLink link = EvidenceLink.of(Evidence.history(3, 2, "step 2: USER app"));

    assertThat(link.text()).isEqualTo("History step 4: step 2: USER app");
  }

  @Test
  void historyWithoutIndexIsText() {
    EvidenceLink link = EvidenceLink.of(new Evidence(Kind.HISTORY, -1, null, -1, null, "USER root"));

    assertThat(link.target()).isEqualTo(EvidenceLink.Target.NONE);
    assertThat(link.text()).isEqualTo("History: USER root");
  }

  @Test
  void configNamesField() {
    EvidenceLink link = EvidenceLink.of(Evidence.config("Env", "DB_PASSWORD=[redacted]"));

    assertThat(link.target()).isEqualTo(EvidenceLink.Target.NONE);
    assertThat(link.text()).isEqualTo("Config Env: DB_PASSWORD=[redacted]");
  }

  @Test
  void signatureWithoutTextNamesKind() {
    assertThat(EvidenceLink.of(Evidence.of(Kind.SIGNATURE, "")).text()).isEqualTo("Signature");
  }
}
