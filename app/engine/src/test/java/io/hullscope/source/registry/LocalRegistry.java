package io.hullscope.source.registry;

import io.hullscope.testing.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker-registry} process on 127.0.0.1 that a test starts with its own config (for
 * example token auth or TLS) and stops again, plus pushing with skopeo.
 */
public final class LocalRegistry implements AutoCloseable {

  private final Process process;
  private final String host;
  private final Path log;

  private LocalRegistry(Process process, String host, Path log) {
    this.process = process;
    this.host = host;
    this.log = log;
  }

  /** Returns true when both {@code docker-registry} and {@code skopeo} run. */
  public static boolean toolsAvailable() {
    return Tools.runs("docker-registry", "--version") && Tools.runs("skopeo", "--version");
  }

  /**
   * Starts a registry storing its data in {@code folder}, with the given YAML lines added under
   * the top level (for example an {@code auth:} block) and under {@code http:} (for example
   * {@code tls:}), and waits until its port accepts connections.
   */
  public static LocalRegistry start(Path folder, List<String> topLevelConfig, List<String> httpConfig)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    List<String> lines = new ArrayList<>(List.of(
        "version: 0.1",
        "log:",
        "  level: warn",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + Files.createDirectories(folder.resolve("data")),
        "http:",
        "  addr: " + host));
    httpConfig.forEach(line -> lines.add("  " + line));
    lines.addAll(topLevelConfig);
    Path config = Files.writeString(folder.resolve("config.yml"), String.join("\n", lines) + "\n");
    Path log = folder.resolve("registry.log");
    Process process = new ProcessBuilder("docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LocalRegistry registry = new LocalRegistry(process, host, log);
    try {
      registry.waitUntilListening(port);
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  /** Returns {@code 127.0.0.1:port}. */
  public String host() {
    return host;
  }

  /** Copies an OCI archive to {@code host/target} with skopeo, without TLS verification. */
  public void push(Path archive, String target, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"));
    command.addAll(List.of(options));
    command.add("oci-archive:" + archive);
    command.add("docker://" + host + "/" + target);
    Process skopeo = new ProcessBuilder(command).redirectErrorStream(true).start();
    skopeo.getOutputStream().close();
    byte[] output = skopeo.getInputStream().readAllBytes();
    if (!skopeo.waitFor(5, TimeUnit.MINUTES) || skopeo.exitValue() != 0) {
      skopeo.destroyForcibly();
      // The options may contain credentials, so only the archive and target are named.
      throw new AssertionError("skopeo copy of " + archive + " to " + target + " failed:\n"
          + new String(output, StandardCharsets.UTF_8));
    }
  }

  /** Stops the registry, forcibly when it has not exited 30 s after the request to stop. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void waitUntilListening(int port) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("docker-registry exited during start-up: " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("docker-registry did not listen on " + host + " within 30 s: " + Files.readString(log));
  }
}
