package io.hullscope.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.ui.theme.CommandRunner.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsAppearanceTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "'prefer-dark' | DARK",
      "'prefer-light' | LIGHT",
      "prefer-dark | DARK"})
  void gnomeColorSchemeWithPreference(String output, Appearance expected) {
    assertThat(OsAppearance.parseGnomeColorScheme(output)).contains(expected);
  }

  @Test
  void gsettingsAnswerWithNewline() {
    assertThat(OsAppearance.parseGnomeColorScheme("'prefer-dark'\n")).contains(Appearance.DARK);
    assertThat(OsAppearance.parseGtkThemeName("'Yaru-dark'\n")).contains(Appearance.DARK);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"'default'", "''", "'something-new'", "garbage \u0000\u00ff"})
  void gnomeColorSchemeWithoutPreference(String output) {
    assertThat(OsAppearance.parseGnomeColorScheme(output)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "'Adwaita-dark' | DARK",
      "'Yaru-Dark' | DARK",
      "'Adwaita' | LIGHT",
      "'Breeze' | LIGHT"})
  void gtkThemeName(String output, Appearance expected) {
    assertThat(OsAppearance.parseGtkThemeName(output)).contains(expected);
  }

  @Test
  void gtkThemeNameEmpty() {
    assertThat(OsAppearance.parseGtkThemeName("''")).isEmpty();
    assertThat(OsAppearance.parseGtkThemeName("")).isEmpty();
  }

  @Test
  void macInterfaceStyle() {
    assertThat(OsAppearance.parseMacInterfaceStyle(0, "Dark\n")).isEqualTo(Appearance.DARK);
    assertThat(OsAppearance.parseMacInterfaceStyle(1, "")).isEqualTo(Appearance.LIGHT);
    assertThat(OsAppearance.parseMacInterfaceStyle(0, "Light\n")).isEqualTo(Appearance.LIGHT);
  }

  @Test
  void windowsRegistryDarkAndLight() {
    String dark = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
        + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n";
    String light = dark.replace("0x0", "0x1");

    assertThat(OsAppearance.parseWindowsRegistry(dark)).contains(Appearance.DARK);
    assertThat(OsAppearance.parseWindowsRegistry(light)).contains(Appearance.LIGHT);
  }

  @Test
  void windowsRegistryUnreadable() {
    assertThat(OsAppearance.parseWindowsRegistry("ERROR: The system was unable to find the specified registry key"))
        .isEmpty();
    assertThat(OsAppearance.parseWindowsRegistry("    AppsUseLightTheme    REG_DWORD    0xZZ")).isEmpty();
    assertThat(OsAppearance.parseWindowsRegistry("    AppsUseLightTheme    REG_SZ    0x0")).isEmpty();
  }

  @Test
  void linuxFallsBackToGtkTheme() {
    Canned runner = new Canned(Map.of(
        OsAppearance.GNOME_COLOR_SCHEME, new CommandResult(0, "'default'\n"),
        OsAppearance.GTK_THEME, new CommandResult(0, "'Adwaita-dark'\n")));

    assertThat(new OsAppearance(runner, Duration.ofSeconds(1)).detect("Linux")).isEqualTo(Appearance.DARK);
    assertThat(runner.asked).containsExactly(OsAppearance.GNOME_COLOR_SCHEME, OsAppearance.GTK_THEME);
  }

  @Test
  void linuxColorSchemeWinsOverGtkTheme() {
    Canned runner = new Canned(Map.of(
        OsAppearance.GNOME_COLOR_SCHEME, new CommandResult(0, "'prefer-light'\n"),
        OsAppearance.GTK_THEME, new CommandResult(0, "'Adwaita-dark'\n")));

    assertThat(new OsAppearance(runner, Duration.ofSeconds(1)).detect("Linux")).isEqualTo(Appearance.LIGHT);
    assertThat(runner.asked).containsExactly(OsAppearance.GNOME_COLOR_SCHEME);
  }

  @Test
  void missingCommandsFallBackToLight() {
    Canned runner = new Canned(Map.of());

    OsAppearance os = new OsAppearance(runner, Duration.ofSeconds(1));

    assertThat(os.detect("Linux")).isEqualTo(Appearance.LIGHT);
    assertThat(os.detect("Mac OS X")).isEqualTo(Appearance.LIGHT);
    assertThat(os.detect("Windows 11")).isEqualTo(Appearance.LIGHT);
    assertThat(os.detect(null)).isEqualTo(Appearance.LIGHT);
  }

  @Test
  void failedGsettingsIsIgnored() {
    Canned runner = new Canned(Map.of(
        OsAppearance.GNOME_COLOR_SCHEME, new CommandResult(1, "'prefer-dark'"),
        OsAppearance.GTK_THEME, new CommandResult(1, "'Adwaita-dark'")));

    assertThat(new OsAppearance(runner, Duration.ofSeconds(1)).detect("Linux")).isEqualTo(Appearance.LIGHT);
  }

  @Test
  void macAndWindowsAskTheirOwnCommand() {
    Canned runner = new Canned(Map.of(
        OsAppearance.MAC_INTERFACE_STYLE, new CommandResult(0, "Dark\n"),
        OsAppearance.WINDOWS_APPS_USE_LIGHT_THEME,
        new CommandResult(0, "    AppsUseLightTheme    REG_DWORD    0x0\n")));
    OsAppearance os = new OsAppearance(runner, Duration.ofSeconds(1));

    assertThat(os.detect("Mac OS X")).isEqualTo(Appearance.DARK);
    assertThat(os.detect("Windows 10")).isEqualTo(Appearance.DARK);
    assertThat(runner.asked).containsExactly(OsAppearance.MAC_INTERFACE_STYLE,
        OsAppearance.WINDOWS_APPS_USE_LIGHT_THEME);
  }

  @Test
  void processRunnerTimesOut() {
    ProcessCommandRunner runner = new ProcessCommandRunner();

    long started = System.nanoTime();
    Optional<CommandResult> result = runner.run(List.of("sleep", "10"), Duration.ofMillis(200));

    assertThat(result).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void processRunnerMissingProgram() {
    assertThat(new ProcessCommandRunner().run(List.of("no-such-program-hullscope"), Duration.ofSeconds(1)))
        .isEmpty();
  }

  @Test
  void processRunnerBoundsOutput() {
    Optional<CommandResult> result = new ProcessCommandRunner(16)
        .run(List.of("printf", "%s", "0123456789abcdefghijkl"), Duration.ofSeconds(5));

    assertThat(result).map(CommandResult::output).contains("0123456789abcdef");
    assertThat(result).map(CommandResult::exitCode).contains(0);
  }

  /** Returns fixed results for known commands and records each command run. */
  private static final class Canned implements CommandRunner {
    private final Map<List<String>, CommandResult> answers;
    private final List<List<String>> asked = new ArrayList<>();

    Canned(Map<List<String>, CommandResult> answers) {
      this.answers = answers;
    }

    @Override
    public Optional<CommandResult> run(List<String> command, Duration timeout) {
      asked.add(command);
      return Optional.ofNullable(answers.get(command));
    }
  }
}
