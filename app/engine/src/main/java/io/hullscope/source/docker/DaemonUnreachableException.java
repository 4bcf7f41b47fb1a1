package io.hullscope.source.docker;

import io.hullscope.source.docker.DockerHostResolver.DockerEndpoint;
import java.io.IOException;
import java.util.Locale;

/**
 * No usable daemon responds at the Docker endpoint. The message is one short sentence for the
 * user, for example {@code No Docker daemon at unix:///var/run/docker.sock: connection refused.
 * Start Docker or set DOCKER_HOST.}; the transport's exception is kept as the cause.
 */
public final class DaemonUnreachableException extends IOException {

  private DaemonUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }

  static DaemonUnreachableException from(DockerEndpoint endpoint, Throwable failure) {
    return new DaemonUnreachableException(
        "No Docker daemon at " + endpoint.host() + ": " + reason(failure) + ". Start Docker or set DOCKER_HOST.",
        failure);
  }

  /** Turns the transport's error chain into a few words a user recognizes. */
  static String reason(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      chain.append(' ').append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    String text = chain.toString().toLowerCase(Locale.ROOT);
    if (text.contains("refused") || text.contains("errno 111") || text.contains("error code 111")) {
      return "connection refused";
    }
    if (text.contains("no such file") || text.contains("errno 2") || text.contains("error code 2")
        || text.contains("cannot find the file")) {
      return "socket not found";
    }
    if (text.contains("permission denied") || text.contains("errno 13") || text.contains("error code 13")
        || text.contains("access is denied")) {
      return "permission denied (is your user in the docker group?)";
    }
    if (text.contains("timed out") || text.contains("timeout")) {
      return "timed out";
    }
    if (text.contains("unknownhost") || text.contains("unresolved")) {
      return "unknown host";
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
