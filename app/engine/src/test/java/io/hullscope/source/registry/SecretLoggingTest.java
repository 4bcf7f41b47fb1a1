package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.hullscope.image.ProgressListener;
import io.hullscope.image.Image;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the registry flows that handle secrets with every log level on, and checks that no log
 * line and no exception message contains a password, token or identity token.
 */
class SecretLoggingTest {

  private static final String PASSWORD = "pw-7f3a9c1e-secret";
  private static final String TOKEN = "tok-5b2d8e4f-secret";
  private static final String IDENTITY_TOKEN = "idt-9c4e1a7b-secret";
  private static final String HELPER_SECRET = "helper-2e8f6d3c-secret";

  @TempDir Path temp;

  private FakeRegistry registry;
  private Logger logger;
  private Level previousLevel;
  private ListAppender<ILoggingEvent> appender;
  private final List<String> exceptionMessages = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    registry = new FakeRegistry();
    registry.password = PASSWORD;
    registry.token = TOKEN;
    registry.identityToken = IDENTITY_TOKEN;
    registry.push("team/app", "1.0", ImageArchiveBuilder.image().layer(new TarBuilder().file("a", "b").build()));
    logger = (Logger) LoggerFactory.getLogger("io.hullscope");
    previousLevel = logger.getLevel();
    logger.setLevel(Level.TRACE);
    // Keep the debug lines out of the console; the appender below still receives them.
    logger.setAdditive(false);
    appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void tearDown() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
    logger.setAdditive(true);
    registry.close();
  }

  @Test
  void secretsNeverReachLogsOrMessages() throws Exception {
    // Bearer flow with a password, opening and indexing an image.
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.tokenNeedsCredentials = true;
    RegistryOptions withPassword = registry.options().withCredentialStore(
        CredentialStore.of(java.util.Map.of(registry.host(), Credentials.basic("alice", PASSWORD))));
    RegistrySource source = new RegistrySource(registry.host(), List.of("team/app"), withPassword);
    try (Image image = source.open("team/app:1.0", null, ProgressListener.NONE)) {
      RegistrySourceTest.treeListing(image);
    }
    source.listImages();

    // Identity token posted to the token endpoint.
    RegistryOptions withIdentityToken = registry.options().withCredentialStore(
        CredentialStore.of(java.util.Map.of(registry.host(), Credentials.identityToken(null, IDENTITY_TOKEN))));
    RegistryClient.create(registry.host(), withIdentityToken).fetchManifest("team/app", "1.0");

    // Wrong password: the failure message must not echo what was sent.
    RegistryOptions wrongPassword = registry.options().withCredentialStore(
        CredentialStore.of(java.util.Map.of(registry.host(), Credentials.basic("alice", PASSWORD + "-wrong"))));
    capture(() -> RegistryClient.create(registry.host(), wrongPassword).fetchManifest("team/app", "1.0"));

    // A token the registry rejects.
    registry.override("/token", exchange -> FakeRegistry.send(exchange, 200, "application/json",
        ("{\"token\":\"" + TOKEN + "-stale\"}").getBytes(StandardCharsets.UTF_8)));
    capture(() -> RegistryClient.create(registry.host(), withPassword).fetchManifest("team/app", "1.0"));

    // Basic auth with credentials from a credential helper.
    registry.auth = FakeRegistry.Auth.BASIC;
    registry.password = HELPER_SECRET;
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Path helper = bin.resolve("docker-credential-test");
    Files.writeString(helper, "#!/bin/sh\necho '{\"Username\":\"alice\",\"Secret\":\"" + HELPER_SECRET + "\"}'\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    Path config = temp.resolve("config.json");
    Files.writeString(config, "{\"credsStore\":\"test\"}");
    RegistryOptions withHelper = registry.options().withCredentialStore(
        new DockerConfigCredentials(config, new CredentialHelpers(List.of(bin), Duration.ofSeconds(10))));
    RegistryClient.create(registry.host(), withHelper).fetchManifest("team/app", "1.0");
    registry.password = "changed";
    capture(() -> RegistryClient.create(registry.host(), withHelper).fetchManifest("team/app", "1.0"));

    List<String> logged = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      logged.add(event.getFormattedMessage());
      for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
        logged.add(proxy.getMessage());
      }
    }
    assertThat(logged).as("debug logging ran").isNotEmpty();
    assertThat(exceptionMessages).hasSize(3);
    for (String secret : secretForms()) {
      assertThat(logged).noneMatch(line -> line != null && line.contains(secret));
      assertThat(exceptionMessages).noneMatch(message -> message.contains(secret));
    }
  }

  private List<String> secretForms() {
    List<String> forms = new ArrayList<>(List.of(PASSWORD, TOKEN, IDENTITY_TOKEN, HELPER_SECRET));
    for (String secret : List.of(PASSWORD, HELPER_SECRET)) {
      forms.add(Base64.getEncoder().encodeToString(("alice:" + secret).getBytes(StandardCharsets.UTF_8)));
    }
    return forms;
  }

  private void capture(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(RegistryAuthException.class).satisfies(e -> {
      for (Throwable t = e; t != null; t = t.getCause()) {
        exceptionMessages.add(String.valueOf(t.getMessage()));
      }
    });
  }
}
