package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.HistoryLines.Instruction;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryLinesTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "/bin/sh -c #(nop) ADD file:4f1a in / ; ADD ; file:4f1a in /",
      "/bin/sh -c #(nop)  EXPOSE 22/tcp 8080/tcp ; EXPOSE ; 22/tcp 8080/tcp",
      "/bin/sh -c apt-get update && apt-get install -y gcc ; RUN ; apt-get update && apt-get install -y gcc",
      "|2 A=1 B=two /bin/sh -c make install ; RUN ; make install",
      "RUN /bin/sh -c apt-get update # buildkit ; RUN ; apt-get update",
      "COPY --from=build /out/app /app # buildkit ; COPY ; --from=build /out/app /app",
      "ADD https://example.com/a.tar /opt/ # buildkit ; ADD ; https://example.com/a.tar /opt/",
      "USER 65532:65532 ; USER ; 65532:65532",
      "run echo lower case ; RUN ; echo lower case",
      "Imported from - ; '' ; Imported from -",
      "'' ; '' ; ''",
  })
  void parsesBuilderForms(String recorded, String keyword, String arguments) {
    Instruction line = HistoryLines.parse(0, -1, recorded);

    assertThat(line.keyword()).isEqualTo(keyword);
    assertThat(line.arguments()).isEqualTo(arguments);
  }

  @Test
  void layersCountOnlyEntriesThatMadeOne() {
    List<HistoryEntry> history = List.of(
        new HistoryEntry(null, "/bin/sh -c #(nop) ADD file:1 in /", null, false),
        new HistoryEntry(null, "/bin/sh -c #(nop)  CMD [\"sh\"]", null, true),
        new HistoryEntry(null, "/bin/sh -c make", null, false),
        new HistoryEntry(null, "/bin/sh -c make again", null, false));
    List<Digest> diffIds = List.of(Digest.sha256Of("a".getBytes(StandardCharsets.UTF_8)),
        Digest.sha256Of("b".getBytes(StandardCharsets.UTF_8)));
    ImageConfig config = new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
        history, diffIds);

    List<Instruction> lines = HistoryLines.of(config);

    assertThat(lines).extracting(Instruction::index).containsExactly(0, 1, 2, 3);
    // The fourth entry claims a layer the image does not have, so it points at none.
    assertThat(lines).extracting(Instruction::layer).containsExactly(0, -1, 1, -1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "|; ''",
      "|2 A=1 B=2; ''",
      "/bin/sh -c; ''",
      "/bin/sh -c ; ''",
      "/bin/sh -c #(nop); ''",
      "/bin/sh -c #(nop) ; ''",
      "# buildkit; ''",
      "RUN; RUN",
  })
  void oddLinesDoNotFail(String recorded, String keyword) {
    Instruction line = HistoryLines.parse(3, 1, recorded);

    assertThat(line.keyword()).isEqualTo(keyword);
    assertThat(line.index()).isEqualTo(3);
  }

  @Test
  void nullAndBinaryLinesAreKeptAsText() {
    StringBuilder garbage = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      garbage.append((char) ((i * 7919) % 0xD7FF));
    }

    assertThat(HistoryLines.parse(0, -1, null).keyword()).isEmpty();
    assertThat(HistoryLines.parse(0, -1, garbage.toString()).display()).hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void displayShortensLongLines() {
    Instruction line = HistoryLines.parse(0, 0, "/bin/sh -c echo " + "x".repeat(500));

    assertThat(line.display()).hasSize(200).endsWith("...");
  }
}
