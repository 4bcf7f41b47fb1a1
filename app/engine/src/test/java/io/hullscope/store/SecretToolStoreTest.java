package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests argument building and the fallback when secret-tool is missing or broken. No Secret Service
 * runs here; a few tests replace secret-tool with a small shell script that records its arguments
 * and standard input.
 */
class SecretToolStoreTest {

  private static final String SECRET = "robot-secret-8e1c5a";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path temp;

  @Test
  void commandsNeverContainSecret() {
    SecretToolStore store = new SecretToolStore();

    for (List<String> command : List.of(store.storeCommand("prod"), store.lookupCommand("prod"),
        store.clearCommand("prod"))) {
      assertThat(command).noneMatch(argument -> argument.contains(SECRET));
    }
  }

  @Test
  void storeCommandSetsLabelAndAttributes() {
    SecretToolStore store = new SecretToolStore();

    assertThat(store.storeCommand("prod")).containsExactly("secret-tool", "store",
        "--label=Hullscope connection prod", "--", "application", "hullscope", "connection", "prod");
  }

  @Test
  void lookupAndClearUseSameAttributes() {
    SecretToolStore store = new SecretToolStore();

    assertThat(store.lookupCommand("a b")).containsExactly("secret-tool", "lookup", "--", "application",
        "hullscope", "connection", "a b");
    assertThat(store.clearCommand("a b")).containsExactly("secret-tool", "clear", "--", "application",
        "hullscope", "connection", "a b");
  }

  @Test
  void dashNameFollowsOptionEnd() {
    List<String> command = new SecretToolStore().lookupCommand("--help");

    assertThat(command.indexOf("--")).isLessThan(command.lastIndexOf("--help"));
    assertThat(command).endsWith("connection", "--help");
  }

  @Test
  void missingCommandIsNotAvailable() {
    SecretToolStore store = new SecretToolStore(temp.resolve("no-such-secret-tool").toString(), TIMEOUT);

    assertThat(store.isAvailable()).isFalse();
  }

  @Test
  void missingCommandFallsBackToFiles() {
    SecretToolStore store = new SecretToolStore(temp.resolve("no-such-secret-tool").toString(), TIMEOUT);

    SecretStore chosen = SecretStores.choose(store, temp.resolve("secrets"));

    assertThat(chosen).isInstanceOf(FileSecretStore.class);
    assertThat(((FileSecretStore) chosen).folder()).isEqualTo(temp.resolve("secrets"));
  }

  @Test
  void missingCommandErrorSuggestsFix() {
    SecretToolStore store = new SecretToolStore(temp.resolve("no-such-secret-tool").toString(), TIMEOUT);

    assertThatThrownBy(() -> store.store("prod", SECRET))
        .hasMessageContaining("libsecret-tools")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void serviceErrorFallsBackToFiles() throws IOException {
    Path script = script("echo 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2; exit 1");

    SecretStore chosen = SecretStores.choose(new SecretToolStore(script.toString(), TIMEOUT), temp.resolve("s"));

    assertThat(chosen).isInstanceOf(FileSecretStore.class);
  }

  @Test
  void workingServiceIsChosen() throws IOException {
    Path script = script("exit 1");
    SecretToolStore store = new SecretToolStore(script.toString(), TIMEOUT);

    assertThat(SecretStores.choose(store, temp.resolve("s"))).isSameAs(store);
  }

  @Test
  void secretTravelsOnStandardInput() throws IOException {
    Path script = script("echo \"$@\" > \"$(dirname \"$0\")/arguments\"; cat > \"$(dirname \"$0\")/input\"");
    SecretToolStore store = new SecretToolStore(script.toString(), TIMEOUT);

    store.store("prod", SECRET);

    assertThat(Files.readString(temp.resolve("input"))).isEqualTo(SECRET);
    assertThat(Files.readString(temp.resolve("arguments")))
        .contains("connection prod")
        .doesNotContain(SECRET);
  }

  @Test
  void lookupReturnsStandardOutput() throws IOException {
    Path script = script("printf '%s' '" + SECRET + "'");

    assertThat(new SecretToolStore(script.toString(), TIMEOUT).get("prod")).isEqualTo(SECRET);
  }

  @Test
  void lookupWithoutMatchNamesConnection() throws IOException {
    Path script = script("exit 1");

    assertThatThrownBy(() -> new SecretToolStore(script.toString(), TIMEOUT).get("prod"))
        .isInstanceOf(SecretNotFoundException.class)
        .hasMessageContaining("'prod'");
  }

  @Test
  void failedStoreHidesEchoedSecret() throws IOException {
    Path script = script("cat >&2; exit 2");

    assertThatThrownBy(() -> new SecretToolStore(script.toString(), TIMEOUT).store("prod", SECRET))
        .hasMessageContaining("'prod'")
        .hasMessageContaining("exit code 2")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void hangingCommandTimesOut() throws IOException {
    Path script = script("exec sleep 30");

    assertThatThrownBy(() -> new SecretToolStore(script.toString(), Duration.ofMillis(300)).get("prod"))
        .hasMessageContaining("timed out");
  }

  private Path script(String body) throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    Path script = temp.resolve("fake-secret-tool");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
