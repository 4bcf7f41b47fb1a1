package io.hullscope.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverviewRevealConfigTest {

  private final OverviewViewModel overview = new OverviewViewModel();

  @ParameterizedTest
  @CsvSource({
      "User, root, User",
      "ExposedPorts, 22/tcp, Exposed ports",
      "Healthcheck, none, Healthcheck",
      "RootFS, 12 layers, Layers",
      "RepoTags, image name app:latest, Reference",
      "WorkingDir, /app, Working dir"})
  void configFieldMapsToSummaryRow(String field, String text, String row) {
    overview.revealConfig(field, text);

    assertThat(overview.highlightedConfigProperty().get()).isEqualTo(row);
  }

  @ParameterizedTest
  @CsvSource({
      "Env, DB_PASSWORD=***",
      "Labels, missing org.opencontainers.image.source",
      "Annotations, x",
      "'', x"})
  void unknownRowHighlightsNothing(String field, String text) {
    overview.revealConfig("User", "root");

    overview.revealConfig(field.isEmpty() ? null : field, text);

    assertThat(overview.highlightedConfigProperty().get()).isEmpty();
  }
}
