package io.hullscope.source.docker;

/**
 * Connection state of a Docker daemon, for the UI's status line and the CLI.
 *
 * @param reachable true when the daemon responded and speaks a supported API version
 * @param host the endpoint tried, for example {@code unix:///var/run/docker.sock}
 * @param serverVersion the engine version, for example {@code 20.10.24}; null when unreachable
 * @param apiVersion the negotiated API version; null when unreachable or unsupported
 * @param message a short sentence for the user: what is connected, or what failed and what to do
 */
public record DaemonStatus(
    boolean reachable, String host, String serverVersion, String apiVersion, String message) {}
