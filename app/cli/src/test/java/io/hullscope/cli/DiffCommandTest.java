package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code hullscope diff} in-process on the committed sample images. */
class DiffCommandTest {

  @TempDir Path folder;

  private static String sample(String name) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images/" + name + ".tar").toString();
  }

  private static final String BAD = sample("hygiene-bad");
  private static final String GOOD = sample("hygiene-good");

  @Test
  void textShowsUserPortAndGrade() {
    Result result = run("diff", BAD, GOOD, "--no-cache");

    assertThat(result.code).isEqualTo(DiffCommand.EXIT_OK);
    assertThat(result.err).isEmpty();
    assertThat(result.out).contains("Comparison: hullscope-samples/hygiene-bad:latest -> "
        + "hullscope-samples/hygiene-good:1.4.2");
    assertThat(result.out).contains("User\t\tchanged\t(unset: root)\t65532:65532");
    assertThat(result.out).contains("ExposedPorts\t22/tcp\tremoved\t22/tcp\t-");
    assertThat(result.out).contains("Grade: F -> A");
  }

  @Test
  void jsonToFileWithChosenSections() throws Exception {
    Path file = folder.resolve("diff.json");

    Result result = run("diff", BAD, GOOD, "--only", "config,layers", "-o", file.toString());

    assertThat(result.code).isEqualTo(DiffCommand.EXIT_OK);
    assertThat(result.out).contains("Wrote the json comparison to " + file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.path("layers").path("shared")).isEmpty();
    assertThat(json.path("layers").path("removed")).hasSize(5);
    assertThat(json.has("config")).isTrue();
    assertThat(json.has("files")).isFalse();
    assertThat(json.has("packages")).isFalse();
  }

  @Test
  void htmlFormatIsChosenByOption() throws Exception {
    Path file = folder.resolve("diff.out");

    Result result = run("diff", BAD, GOOD, "--format", "html", "-o", file.toString());

    assertThat(result.code).isEqualTo(DiffCommand.EXIT_OK);
    assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("<h2>Packages</h2>");
  }

  @Test
  void sameImageTwiceHasNoDifferences() {
    Result result = run("diff", GOOD, GOOD, "--format", "md", "--only", "files,config");

    assertThat(result.code).isEqualTo(DiffCommand.EXIT_OK);
    assertThat(result.out).contains("Both sides are the same image", "The configs do not differ.",
        "The final file systems do not differ.");
  }

  @Test
  void missingImageExitsTwo() {
    Result result = run("diff", BAD, folder.resolve("missing.tar").toString());

    assertThat(result.code).isEqualTo(DiffCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).contains("missing.tar");
  }

  @Test
  void garbageArchiveExitsTwo() throws Exception {
    Path garbage = folder.resolve("garbage.tar");
    Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    Result result = run("diff", garbage.toString(), GOOD);

    assertThat(result.code).isEqualTo(DiffCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).startsWith("hullscope: ");
  }

  @Test
  void truncatedArchiveExitsTwo() throws Exception {
    byte[] whole = Files.readAllBytes(Path.of(BAD));
    Path truncated = folder.resolve("truncated.tar");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

    Result result = run("diff", truncated.toString(), GOOD, "--no-cache");

    assertThat(result.code).isEqualTo(DiffCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).startsWith("hullscope: ");
    assertThat(result.out).isEmpty();
  }

  @Test
  void unknownSectionIsUsageError() {
    Result result = run("diff", BAD, GOOD, "--only", "config,colors");

    assertThat(result.code).isEqualTo(DiffCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).contains("Invalid --only", "colors");
  }

  @Test
  void secondImageIsRequired() {
    Result result = run("diff", BAD);

    assertThat(result.code).isEqualTo(DiffCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).contains("Missing required parameter");
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
