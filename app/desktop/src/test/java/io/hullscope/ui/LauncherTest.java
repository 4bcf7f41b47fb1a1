package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LauncherTest {

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
