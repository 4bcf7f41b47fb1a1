package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoBinaryCatalogerTest {

  private final GoBinaryCataloger cataloger = new GoBinaryCataloger();

  @Test
  void fixtureListsEveryModuleOfGoVersionOutput() throws IOException {
    List<Package> packages = readFixture();
    packages.forEach(System.out::println);
  }

  private List<Package> readFixture() throws IOException {
    Path binary = TestData.file("lang/go/app-linux-amd64");
    try (InputStream in = Files.newInputStream(binary)) {
      return cataloger.read("usr/local/bin/app", in);
    }
  }
}
