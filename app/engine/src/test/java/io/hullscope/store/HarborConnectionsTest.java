package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.hullscope.source.harbor.HarborConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class HarborConnectionsTest {

  private static final String SECRET = "Harbor12345-9f2c7e1d";
  private static final String ROBOT_SECRET = "robotSecret-4b8a6d30";
  private static final URI URL = URI.create("https://harbor.example.com");

  @TempDir
  Path temp;

  private Database database;
  private FileSecretStore secrets;
  private HarborConnections connections;
  private Logger logger;
  private Level previousLevel;
  private ListAppender<ILoggingEvent> appender;

  @BeforeEach
  void setUp() throws IOException {
    logger = (Logger) LoggerFactory.getLogger("io.hullscope");
    previousLevel = logger.getLevel();
    logger.setLevel(Level.TRACE);
    logger.setAdditive(false);
    appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);

    database = Database.open(temp.resolve("hullscope.db"));
    secrets = new FileSecretStore(temp.resolve("secrets"));
    connections = new HarborConnections(database, secrets);
  }

  @AfterEach
  void tearDown() throws IOException {
    database.close();
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
    logger.setAdditive(true);
  }

  @Test
  void savedConnectionsOpenUnchanged() throws IOException {
    HarborConnection user = HarborConnection.withCredentials(URL, "admin", SECRET);
    HarborConnection robot = new HarborConnection(URI.create("http://127.0.0.1:8080"), "bot$team+ci", ROBOT_SECRET,
        temp.resolve("ca.pem"), true, "bot$");
    HarborConnection anonymous = HarborConnection.anonymous(URI.create("https://public.example.org"));

    connections.save("prod", user);
    connections.save("ci", robot);
    connections.save("public", anonymous);

    assertThat(connections.open("prod")).isEqualTo(user);
    assertThat(connections.open("ci")).isEqualTo(robot);
    assertThat(connections.open("public")).isEqualTo(anonymous);
  }

  @Test
  void listReturnsSettingsByName() throws IOException {
    connections.save("prod", HarborConnection.withCredentials(URL, "admin", SECRET));
    connections.save("ci", new HarborConnection(URI.create("http://127.0.0.1:8080"), "bot$team+ci", ROBOT_SECRET,
        temp.resolve("ca.pem"), true, "bot$"));

    assertThat(connections.list()).containsExactly(
        new SavedHarborConnection("ci", URI.create("http://127.0.0.1:8080"), "bot$team+ci", temp.resolve("ca.pem"),
            true, "bot$"),
        new SavedHarborConnection("prod", URL, "admin", null, false, HarborConnection.DEFAULT_ROBOT_PREFIX));
  }

  @Test
  void connectionsSurviveReopen() throws IOException {
    connections.save("prod", HarborConnection.withCredentials(URL, "admin", SECRET));
    database.close();

    database = Database.open(temp.resolve("hullscope.db"));
    connections = new HarborConnections(database, new FileSecretStore(temp.resolve("secrets")));

    assertThat(connections.open("prod").secret()).isEqualTo(SECRET);
  }

  @Test
  void saveReplacesConnection() throws IOException {
    connections.save("prod", HarborConnection.withCredentials(URL, "admin", "old-secret"));
    connections.save("prod", HarborConnection.withCredentials(URL, "alice", SECRET));

    assertThat(connections.list()).extracting(SavedHarborConnection::username).containsExactly("alice");
    assertThat(connections.open("prod").secret()).isEqualTo(SECRET);
  }

  @Test
  void anonymousReplacementDeletesSecret() throws IOException {
    connections.save("prod", HarborConnection.withCredentials(URL, "admin", SECRET));
    connections.save("prod", HarborConnection.anonymous(URL));

    assertThat(secrets.fileFor("prod")).doesNotExist();
    assertThat(connections.open("prod").hasCredentials()).isFalse();
  }

  @Test
  void deleteRemovesRowAndSecret() throws IOException {
    connections.save("prod", HarborConnection.withCredentials(URL, "admin", SECRET));

    assertThat(connections.delete("prod")).isTrue();
    assertThat(connections.list()).isEmpty();
    assertThat(secrets.fileFor("prod")).doesNotExist();
    assertThat(connections.delete("prod")).isFalse();
  }

  @Test
  void unknownNameIsReported() {
    assertThatThrownBy(() -> connections.open("nope"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'nope'");
  }

  @Test
  void findWithoutMatchIsEmpty() throws IOException {
    assertThat(connections.find("nope")).isEmpty();
  }

  @Test
  void missingSecretFileNamesConnection() throws IOException {
    connections.save("prod", HarborConnection.withCredentials(URL, "admin", SECRET));
    Files.delete(secrets.fileFor("prod"));

    assertThatThrownBy(() -> connections.open("prod"))
        .isInstanceOf(SecretNotFoundException.class)
        .hasMessageContaining("'prod'");
  }

  @Test
  void unreadableSecretFileNamesConnection() throws IOException {
    connections.save("prod", HarborConnection.withCredentials(URL, "admin", SECRET));
    Files.delete(secrets.fileFor("prod"));
    Files.createDirectory(secrets.fileFor("prod"));

    assertThatThrownBy(() -> connections.open("prod"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'prod'");
  }

  @Test
  void failedSecretStoreKeepsNoRow() {
    HarborConnections failing = new HarborConnections(database, new FailingSecretStore());

    assertThatThrownBy(() -> failing.save("prod", HarborConnection.withCredentials(URL, "admin", SECRET)))
        .hasMessageContaining("keyring locked");
    assertThat(listQuietly(failing)).isEmpty();
  }

  @Test
  void invalidNamesAreRejected() {
    HarborConnection connection = HarborConnection.withCredentials(URL, "admin", SECRET);

    for (String name : List.of("", "  ", " prod", "prod ", "a\nb", "x".repeat(HarborConnections.MAX_NAME_LENGTH + 1))) {
      assertThatThrownBy(() -> connections.save(name, connection))
          .as("name %s", name)
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }
  }

  @Test
  void secretIsNotInDatabaseFiles() throws IOException {
    saveOpenAndReplaceSeveralTimes();
    Path db = temp.resolve("hullscope.db");
    Path wal = temp.resolve("hullscope.db-wal");
    Path shm = temp.resolve("hullscope.db-shm");
    // WAL mode keeps recent writes in the -wal file until a checkpoint, so it must exist here.
    assertThat(wal).exists();

    for (Path file : List.of(db, wal, shm)) {
      assertNoSecretIn(file);
    }
    assertThat(new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1)
        + new String(Files.readAllBytes(wal), StandardCharsets.ISO_8859_1))
        .as("the settings were written, so the search would have found the secret")
        .contains("harbor.example.com");
  }

  @Test
  void secretIsNotInDatabaseFilesAfterClose() throws IOException {
    saveOpenAndReplaceSeveralTimes();
    database.close();

    try (var files = Files.list(temp)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("hullscope.db")).toList()) {
        assertNoSecretIn(file);
      }
    }
    database = Database.open(temp.resolve("hullscope.db"));
  }

  @Test
  void secretIsNotInLogs() throws IOException {
    saveOpenAndReplaceSeveralTimes();
    collectFailureMessages();

    assertThat(appender.list).isNotEmpty();
    for (ILoggingEvent event : appender.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(SECRET, ROBOT_SECRET, base64(SECRET));
      for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
        assertThat(String.valueOf(proxy.getMessage())).doesNotContain(SECRET, ROBOT_SECRET);
      }
    }
  }

  @Test
  void secretIsNotInExceptions() throws IOException {
    List<String> messages = collectFailureMessages();

    assertThat(messages).hasSizeGreaterThanOrEqualTo(5);
    for (String message : messages) {
      assertThat(message).doesNotContain(SECRET, ROBOT_SECRET, base64(SECRET));
    }
  }

  @Test
  void secretIsNotInToString() throws IOException {
    connections.save("prod", HarborConnection.withCredentials(URL, "admin", SECRET));

    assertThat(connections.open("prod").toString()).doesNotContain(SECRET);
    assertThat(connections.find("prod").orElseThrow().toString()).doesNotContain(SECRET);
    assertThat(connections.list().toString()).doesNotContain(SECRET);
    assertThat(connections.secretStore().toString()).doesNotContain(SECRET);
  }

  @Test
  void migrationCreatesConnectionTable() throws IOException {
    assertThat(database.schemaVersion()).isGreaterThanOrEqualTo(3);
    String columns = database.transaction(sql -> {
      StringBuilder names = new StringBuilder();
      try (var statement = sql.createStatement();
          var rows = statement.executeQuery("PRAGMA table_info(harbor_connection)")) {
        while (rows.next()) {
          names.append(rows.getString("name")).append(' ');
        }
      }
      return names.toString();
    }, "read the columns");

    assertThat(columns).contains("name", "url", "username", "ca_file", "insecure", "robot_prefix");
    assertThat(columns).doesNotContain("secret", "password");
  }

  private void saveOpenAndReplaceSeveralTimes() throws IOException {
    connections.save("prod", HarborConnection.withCredentials(URL, "admin", SECRET));
    connections.save("ci", new HarborConnection(URL, "robot$team+ci", ROBOT_SECRET, null, false, null));
    connections.open("prod");
    connections.open("ci");
    connections.list();
    connections.save("prod", HarborConnection.withCredentials(URL, "alice", SECRET));
    connections.delete("ci");
  }

  /** Forces each failure path that handles a secret and returns every message in the cause chains. */
  private List<String> collectFailureMessages() throws IOException {
    List<Throwable> failures = new ArrayList<>();
    HarborConnections failing = new HarborConnections(database, new FailingSecretStore());
    failures.add(catchFailure(() -> failing.save("locked", HarborConnection.withCredentials(URL, "admin", SECRET))));

    connections.save("gone", HarborConnection.withCredentials(URL, "admin", SECRET));
    Files.delete(secrets.fileFor("gone"));
    failures.add(catchFailure(() -> connections.open("gone")));

    connections.save("shared", HarborConnection.withCredentials(URL, "admin", SECRET));
    Files.setPosixFilePermissions(secrets.fileFor("shared"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    failures.add(catchFailure(() -> connections.open("shared")));

    HarborConnections small = new HarborConnections(database, new FileSecretStore(temp.resolve("small"), 4));
    failures.add(catchFailure(() -> small.save("small", HarborConnection.withCredentials(URL, "admin", SECRET))));

    failures.add(catchFailure(() -> connections.save("bad\tname", HarborConnection.withCredentials(URL, "admin",
        SECRET))));

    Database closed = Database.open(temp.resolve("closed.db"));
    closed.close();
    HarborConnections onClosed = new HarborConnections(closed, secrets);
    failures.add(catchFailure(() -> onClosed.save("closed", HarborConnection.withCredentials(URL, "admin",
        SECRET))));

    List<String> messages = new ArrayList<>();
    for (Throwable failure : failures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        messages.add(t.toString());
        for (StackTraceElement element : t.getStackTrace()) {
          messages.add(element.toString());
        }
      }
    }
    return messages;
  }

  private interface Action {
    void run() throws Exception;
  }

  private static Throwable catchFailure(Action action) {
    try {
      action.run();
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  private static List<SavedHarborConnection> listQuietly(HarborConnections connections) {
    try {
      return connections.list();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertNoSecretIn(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (String secret : List.of(SECRET, ROBOT_SECRET)) {
      for (byte[] form : List.of(secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_16LE),
          base64(secret).getBytes(StandardCharsets.US_ASCII))) {
        assertThat(indexOf(bytes, form)).as("%s in %s", new String(form, StandardCharsets.ISO_8859_1), file)
            .isEqualTo(-1);
      }
    }
  }

  private static String base64(String secret) {
    return Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A secret store whose writes fail, like a locked keyring. */
  private static final class FailingSecretStore implements SecretStore {
    @Override
    public void store(String connectionName, String secret) throws IOException {
      throw new IOException("keyring locked while storing the secret of '" + connectionName + "'");
    }

    @Override
    public String get(String connectionName) throws IOException {
      throw new SecretNotFoundException(connectionName, "no secret for '" + connectionName + "'");
    }

    @Override
    public boolean delete(String connectionName) {
      return false;
    }

    @Override
    public String description() {
      return "a failing store";
    }
  }
}
