package io.hullscope.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs Docker credential helpers ({@code docker-credential-<name> get}) as the Docker CLI does:
 * the registry goes to standard input, and the helper prints
 * {@code {"ServerURL": ..., "Username": ..., "Secret": ...}}. A user name of {@code <token>}
 * marks the secret as an identity token. See
 * https://github.com/docker/docker-credential-helpers.
 */
public final class CredentialHelpers {

  private static final Pattern HELPER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String TOKEN_USERNAME = "<token>";
  private static final int MAX_OUTPUT_BYTES = 64 * 1024;
  private static final int MAX_ERROR_CHARS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Path> searchPath;
  private final Duration timeout;

  /**
   * @param searchPath folders searched for {@code docker-credential-<name>}, in order
   * @param timeout time a helper may take before it is killed
   */
  public CredentialHelpers(List<Path> searchPath, Duration timeout) {
    this.searchPath = List.copyOf(searchPath);
    this.timeout = timeout;
  }

  /** Searches the folders of the {@code PATH} environment variable, with a 30 s timeout per call. */
  public static CredentialHelpers fromSystemPath() {
    String path = System.getenv("PATH");
    List<Path> folders = new ArrayList<>();
    if (path != null) {
      for (String folder : path.split(Pattern.quote(File.pathSeparator))) {
        if (!folder.isBlank()) {
          folders.add(Path.of(folder));
        }
      }
    }
    // 30 s leaves time for a keychain prompt that the user must answer.
    return new CredentialHelpers(folders, Duration.ofSeconds(30));
  }

  /**
   * Asks helper {@code name} for the credentials of {@code serverUrl}.
   *
   * @return empty when the helper has no credentials for it
   * @throws IOException when the helper is missing, fails, times out or prints something invalid
   */
  public Optional<Credentials> get(String name, String serverUrl) throws IOException {
    String program = "docker-credential-" + name;
    if (!HELPER_NAME.matcher(name).matches()) {
      throw new IOException("invalid credential helper name '" + name + "' in the Docker config");
    }
    Result result = run(find(program), program, serverUrl);

    String outputText = new String(result.output(), StandardCharsets.UTF_8).strip();
    if (result.exitCode() != 0) {
      // The helper protocol reports a missing entry as this text with a non-zero exit code.
      if (outputText.contains("credentials not found")) {
        return Optional.empty();
      }
      String detail = new String(result.errors(), StandardCharsets.UTF_8).strip();
      if (detail.isEmpty()) {
        detail = outputText;
      }
      throw new IOException(program + " get failed with exit code " + result.exitCode() + " for " + serverUrl + ": "
          + abbreviate(detail));
    }
    return parse(result.output(), program, serverUrl);
  }

  /** Exit code and captured output of one helper run. */
  private record Result(int exitCode, byte[] output, byte[] errors) {}

  private Result run(Path executable, String program, String serverUrl) throws IOException {
    Process process = new ProcessBuilder(executable.toString(), "get").start();
    CompletableFuture<byte[]> stdout = readAsync(process.getInputStream());
    CompletableFuture<byte[]> stderr = readAsync(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // A helper may exit without reading its input; its exit code shows what happened.
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(program + " timed out after " + timeout.toMillis() + " ms for " + serverUrl
            + "; check that its keychain or password store is unlocked");
      }
      return new Result(process.exitValue(), stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
          stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for " + program);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("could not read the output of " + program + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Credentials> parse(byte[] output, String program, String serverUrl) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(output);
    } catch (IOException e) {
      // The output contains the secret and Jackson quotes input in its messages, so the cause is dropped.
      throw new IOException(program + " printed invalid JSON for " + serverUrl);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(program + " printed no JSON object for " + serverUrl);
    }
    String username = root.path("Username").asText("");
    String secret = root.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    if (username.equals(TOKEN_USERNAME)) {
      return Optional.of(Credentials.identityToken(null, secret));
    }
    if (username.isEmpty()) {
      throw new IOException(program + " returned a secret without a user name for " + serverUrl);
    }
    return Optional.of(Credentials.basic(username, secret));
  }

  private Path find(String program) throws IOException {
    for (Path folder : searchPath) {
      Path candidate = folder.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IOException("the Docker config names credential helper " + program
        + ", but it is not installed in any folder of the search path " + searchPath);
  }

  private static CompletableFuture<byte[]> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        byte[] bytes = in.readNBytes(MAX_OUTPUT_BYTES);
        in.transferTo(OutputStream.nullOutputStream());
        return bytes;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static String abbreviate(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > MAX_ERROR_CHARS ? line.substring(0, MAX_ERROR_CHARS) + "..." : line;
  }
}
