package io.hullscope.ui.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EcosystemChartTest {

  @Test
  void barPerEcosystemWithTotalsAndMatches() {
    List<EcosystemChart.Bar> bars = EcosystemChart.bars(List.of(
        new EcosystemCount("deb", 3, 3), new EcosystemCount("pypi", 0, 2)));

    assertThat(bars).containsExactly(
        new EcosystemChart.Bar("Debian packages", 3, 3), new EcosystemChart.Bar("Python", 2, 0));
  }
}
