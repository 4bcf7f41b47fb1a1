package io.hullscope.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps secrets in the freedesktop Secret Service (GNOME Keyring, KeePassXC and others) through the
 * {@code secret-tool} command from libsecret. Each secret carries the attributes {@code application
 * hullscope} and {@code connection NAME}.
 *
 * <p>The secret travels only on the standard input and output of {@code secret-tool}, never in its
 * argument list, because any local user can read a process's arguments. Use {@link #isAvailable()}
 * before choosing this store: the command may be missing, or present without a running Secret
 * Service (no D-Bus session, for example over SSH).
 */
public final class SecretToolStore implements SecretStore {

  /** The default command name, looked up on the {@code PATH}. */
  public static final String DEFAULT_COMMAND = "secret-tool";
  /** Default time one {@code secret-tool} run may take, long because unlocking a keyring can show a prompt. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(SecretToolStore.class);
  private static final String APPLICATION = "hullscope";
  /** Upper bound on what is read from the command's output, far above any Harbor secret. */
  private static final int MAX_OUTPUT_BYTES = 64 * 1024;
  private static final int MAX_ERROR_CHARS = 500;

  private final String command;
  private final Duration timeout;

  /** Creates a store that runs {@value #DEFAULT_COMMAND} with the default timeout. */
  public SecretToolStore() {
    this(DEFAULT_COMMAND, DEFAULT_TIMEOUT);
  }

  /** Creates a store that runs {@code command} (a name on the PATH or a file path) with {@code timeout} per run. */
  public SecretToolStore(String command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
  }

  /**
   * Returns true when {@code secret-tool} runs and reaches a Secret Service. It looks up an
   * attribute that no secret has: exit code 0, or 1 with nothing on standard error, means the
   * service replied. A missing command, a D-Bus error or a timeout means it is not usable.
   */
  public boolean isAvailable() {
    try {
      Result result = run(List.of(command, "lookup", "--", "application", APPLICATION, "probe", "availability"),
          null);
      boolean available = result.exitCode() == 0 || (result.exitCode() == 1 && result.error().isBlank());
      if (!available) {
        log.info("secret-tool cannot reach a Secret Service (exit code {}): {}", result.exitCode(),
            result.error().strip());
      }
      return available;
    } catch (IOException e) {
      log.info("secret-tool is not usable: {}", e.getMessage());
      return false;
    }
  }

  @Override
  public void store(String connectionName, String secret) throws IOException {
    Result result = run(storeCommand(connectionName), secret);
    if (result.exitCode() != 0) {
      throw new IOException("secret-tool failed to store the secret of connection '" + connectionName
          + "' (exit code " + result.exitCode() + "): " + redact(result.error(), secret));
    }
    log.debug("Stored the secret of connection '{}' with secret-tool", connectionName);
  }

  @Override
  public String get(String connectionName) throws IOException {
    Result result = run(lookupCommand(connectionName), null);
    if (result.exitCode() == 1 && result.error().isBlank()) {
      throw new SecretNotFoundException(connectionName, "No secret is stored in the Secret Service for connection '"
          + connectionName + "'; enter the secret again");
    }
    if (result.exitCode() != 0) {
      throw new IOException("secret-tool failed to read the secret of connection '" + connectionName
          + "' (exit code " + result.exitCode() + "): " + redact(result.error(), result.output()));
    }
    // The output is the secret exactly: secret-tool (libsecret tool/secret-tool.c) adds a newline only
    // when standard output is a terminal, and here it is a pipe.
    return result.output();
  }

  @Override
  public boolean delete(String connectionName) throws IOException {
    // secret-tool clear exits with 0 whether or not a secret matched (libsecret tool/secret-tool.c), so a
    // lookup comes first.
    boolean existed;
    try {
      get(connectionName);
      existed = true;
    } catch (SecretNotFoundException e) {
      existed = false;
    }
    Result result = run(clearCommand(connectionName), null);
    if (result.exitCode() != 0) {
      throw new IOException("secret-tool failed to delete the secret of connection '" + connectionName
          + "' (exit code " + result.exitCode() + "): " + result.error().strip());
    }
    return existed;
  }

  @Override
  public String description() {
    return "the Secret Service through " + command;
  }

  @Override
  public String toString() {
    return "SecretToolStore[" + command + "]";
  }

  // Each command puts "--" before the attributes, so that GLib's option parser reads a connection
  // name that starts with "-" as a value and not as an option.
  // NOTE: these commands have run only against a fake secret-tool script, not the real libsecret one.

  /** Returns the arguments that store a secret read from standard input. */
  List<String> storeCommand(String connectionName) {
    return List.of(command, "store", "--label=Hullscope connection " + connectionName, "--",
        "application", APPLICATION, "connection", connectionName);
  }

  /** Returns the arguments that print a stored secret on standard output. */
  List<String> lookupCommand(String connectionName) {
    return List.of(command, "lookup", "--", "application", APPLICATION, "connection", connectionName);
  }

  /** Returns the arguments that delete a stored secret. */
  List<String> clearCommand(String connectionName) {
    return List.of(command, "clear", "--", "application", APPLICATION, "connection", connectionName);
  }

  private record Result(int exitCode, String output, String error) {}

  /** Runs {@code arguments}, writes {@code input} (if any) to its standard input, and waits at most the timeout. */
  private Result run(List<String> arguments, String input) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(arguments).start();
    } catch (IOException e) {
      throw new IOException("Cannot run " + command + ": " + e.getMessage()
          + "; install libsecret-tools or let Hullscope keep secrets in files", e);
    }
    CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAtMost(process.getInputStream()));
    CompletableFuture<byte[]> error = CompletableFuture.supplyAsync(() -> readAtMost(process.getErrorStream()));
    try (OutputStream stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // The command may exit before reading its input; its exit code and error output show why.
      log.debug("Writing to the standard input of {} failed: {}", command, e.getMessage());
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(command + " " + arguments.get(1) + " timed out after " + timeout.toMillis()
            + " ms; a keyring may be waiting to be unlocked");
      }
      return new Result(process.exitValue(),
          new String(output.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8),
          truncate(new String(error.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8)));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for " + command, e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("Cannot read the output of " + command + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readAtMost(InputStream in) {
    try (in) {
      byte[] bytes = in.readNBytes(MAX_OUTPUT_BYTES);
      // Read and discard the rest, so that the command does not block on a full pipe.
      in.transferTo(OutputStream.nullOutputStream());
      return bytes;
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
  }

  /** Removes the secret from command error output before it goes into a message. */
  private static String redact(String error, String secret) {
    String text = error.strip();
    return secret == null || secret.isEmpty() ? text : text.replace(secret, "<secret>");
  }
}
