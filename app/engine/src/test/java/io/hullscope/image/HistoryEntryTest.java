package io.hullscope.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryEntryTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "'COPY app /app', 'Imported from -', 'COPY app /app'",
        "null, 'Imported from -', 'Imported from -'",
        "'  ', 'Imported from -', 'Imported from -'",
        "null, null, ''",
      })
  void descriptionFallsBackToComment(String createdBy, String comment, String expected) {
    HistoryEntry entry = new HistoryEntry(null, createdBy, comment, false);

    assertThat(entry.description()).isEqualTo(expected);
  }
}
