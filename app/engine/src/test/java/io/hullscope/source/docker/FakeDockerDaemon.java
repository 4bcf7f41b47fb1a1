package io.hullscope.source.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal Docker Engine API on a Unix socket in a temp folder: fixed responses per request
 * path, HTTP/1.1 with keep-alive and Content-Length. It lets tests play daemons this machine does
 * not have, such as Docker 27 with the containerd image store.
 */
final class FakeDockerDaemon implements AutoCloseable {

  /** A canned response. */
  record Reply(int status, String contentType, byte[] body) {
    static Reply json(String json) {
      return new Reply(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static Reply tar(byte[] tar) {
      return new Reply(200, "application/x-tar", tar);
    }

    static Reply error(int status, String message) {
      return new Reply(status, "application/json",
          ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }
  }

  private final Path socket;
  private final ServerSocketChannel server;
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  FakeDockerDaemon(Path socket) throws IOException {
    this.socket = socket;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    acceptor = new Thread(this::acceptLoop, "fake-dockerd");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns the {@code unix://} host of this daemon. */
  String host() {
    return "unix://" + socket;
  }

  /** Sends {@code reply} for each {@code GET path} request (path without query). */
  FakeDockerDaemon on(String path, Reply reply) {
    replies.put(path, reply);
    return this;
  }

  /** Returns the request paths received so far, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        Thread handler = new Thread(() -> serve(client), "fake-dockerd-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(SocketChannel client) {
    try (client; InputStream in = Channels.newInputStream(client); OutputStream out = Channels.newOutputStream(client)) {
      String requestLine;
      while ((requestLine = readLine(in)) != null) {
        long contentLength = 0;
        String header;
        while ((header = readLine(in)) != null && !header.isEmpty()) {
          if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            contentLength = Long.parseLong(header.substring(header.indexOf(':') + 1).strip());
          }
        }
        in.skipNBytes(contentLength);
        String target = requestLine.split(" ")[1];
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        requests.add(path);
        Reply reply = replies.getOrDefault(path, Reply.error(404, "no such path in the fake daemon: " + path));
        String head = "HTTP/1.1 " + reply.status() + " X\r\nContent-Type: " + reply.contentType()
            + "\r\nContent-Length: " + reply.body().length + "\r\nApi-Version: 1.47\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(reply.body());
        out.flush();
      }
    } catch (IOException clientGone) {
      // The client closed the connection, possibly in the middle of a save stream.
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }
}
