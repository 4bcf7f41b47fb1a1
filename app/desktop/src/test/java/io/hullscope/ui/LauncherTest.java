package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LauncherTest {

  /** Stands in for the file system: these two arguments are image paths. */
  private static final Predicate<String> IMAGES = Set.of("/images/app.tar", "/images/layout")::contains;

  @TempDir Path folder;

  @Test
  void noArgumentsStartWindow() {
    assertThat(Launcher.route(new String[0], IMAGES)).isEqualTo(new Launcher.Route(true, List.of()));
  }

  @Test
  void openStartsWindowWithImages() {
    Launcher.Route route = Launcher.route(new String[] {"open", "/images/app.tar", "docker://127.0.0.1:5000/app:1",
        "nginx:1.27"}, IMAGES);

    assertThat(route).isEqualTo(new Launcher.Route(true, List.of("/images/app.tar", "docker://127.0.0.1:5000/app:1",
        "nginx:1.27")));
  }

  @Test
  void openAloneStartsEmptyWindow() {
    assertThat(Launcher.route(new String[] {"open"}, IMAGES)).isEqualTo(new Launcher.Route(true, List.of()));
  }

  @Test
  void openHelpGoesToCommandLine() {
    assertThat(Launcher.route(new String[] {"open", "--help"}, IMAGES).window()).isFalse();
  }

  @Test
  void imagePathsAloneStartWindow() {
    Launcher.Route route = Launcher.route(new String[] {"/images/app.tar", "/images/layout"}, IMAGES);

    assertThat(route).isEqualTo(new Launcher.Route(true, List.of("/images/app.tar", "/images/layout")));
  }

  @Test
  void subcommandRunsCommandLine() {
    Launcher.Route route = Launcher.route(new String[] {"inspect", "/images/app.tar"}, IMAGES);

    assertThat(route.window()).isFalse();
    assertThat(route.images()).isEmpty();
  }

  @Test
  void imagePathWithOtherArgumentRunsCommandLine() {
    assertThat(Launcher.route(new String[] {"/images/app.tar", "--json"}, IMAGES).window()).isFalse();
  }

  @Test
  void helpRunsCommandLine() {
    assertThat(Launcher.route(new String[] {"--help"}, IMAGES).window()).isFalse();
  }

  @Test
  void existingTarIsImagePath() throws IOException {
    Path archive = Files.createFile(folder.resolve("app.TAR"));

    assertThat(Launcher.isImagePath(archive.toString())).isTrue();
  }

  @Test
  void ociLayoutFolderIsImagePath() throws IOException {
    Path layout = Files.createDirectories(folder.resolve("layout"));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");

    assertThat(Launcher.isImagePath(layout.toString())).isTrue();
  }

  @Test
  void otherPathsAreNotImagePaths() throws IOException {
    Path text = Files.createFile(folder.resolve("inspect"));
    Path plainFolder = Files.createDirectories(folder.resolve("folder"));

    assertThat(Launcher.isImagePath(text.toString())).isFalse();
    assertThat(Launcher.isImagePath(plainFolder.toString())).isFalse();
    assertThat(Launcher.isImagePath(folder.resolve("missing.tar").toString())).isFalse();
    assertThat(Launcher.isImagePath("--version")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "Linux, :0, null, true",
        "Linux, null, wayland-0, true",
        "Linux, null, null, false",
        "Linux, '', '', false",
        "FreeBSD, null, null, false",
        "Windows 11, null, null, true",
        "Mac OS X, null, null, true",
      })
  void displayAvailableFromEnvironment(String osName, String display, String waylandDisplay, boolean expected) {
    Map<String, String> environment = new HashMap<>();
    environment.put("DISPLAY", display);
    environment.put("WAYLAND_DISPLAY", waylandDisplay);

    assertThat(Launcher.displayAvailable(osName, environment)).isEqualTo(expected);
  }
}
