package io.hullscope.samples;

import static io.hullscope.samples.SampleContent.dpkgStatus;
import static io.hullscope.samples.SampleContent.standIn;

import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the training images in {@code samples/images}: one image with the mistakes trainers
 * point out, and one hardened version of the same application.
 *
 * <p>Output is byte-identical on every run (fixed timestamps, fixed entry order, seeded content);
 * {@code SampleImagesTest} proves it and compares with the committed files. Regenerate with
 * {@code mvn -q -f app/engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hullscope.samples.SampleImages -Dexec.args=samples/images}.
 */
public final class SampleImages {

  /** A sample's file name and the code that builds its archive. */
  public record Sample(String fileName, Supplier<byte[]> builder) {}

  public static final List<Sample> SAMPLES =
      List.of(
          new Sample("hygiene-bad.tar", SampleImages::hygieneBad),
          new Sample("hygiene-good.tar", SampleImages::hygieneGood));

  private SampleImages() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "samples/images");
    Files.createDirectories(folder);
    for (Sample sample : SAMPLES) {
      Path file = folder.resolve(sample.fileName());
      Files.write(file, sample.builder().get());
      System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
    }
  }

  /**
   * Builds a web application image with the usual mistakes. It runs as root on an end-of-life
   * Debian release and keeps a shell, a package manager, compilers, an SSH server and apt caches.
   * It bakes secrets into env, files and a deleted layer, and rewrites a large asset in a later
   * layer. Written in the classic docker save layout.
   */
  static byte[] hygieneBad() {
    TestImage image =
        ImageArchiveBuilder.image()
            .reference("hullscope-samples/hygiene-bad:latest")
            .env(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "DB_PASSWORD=" + SampleContent.token(11, "abcdefghijkmnpqrstuvwxyz23456789", 20),
                "API_TOKEN=ghp_" + SampleContent.token(12, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36),
                "APP_ENV=production")
            .cmd("/bin/sh", "-c", "python3 /app/server.py")
            .exposedPort("22/tcp")
            .exposedPort("8080/tcp")
            .workingDir("/app");

    image.layer(badBase(), BlobCompression.NONE)
        .history("/bin/sh -c #(nop) ADD file:4f1a6c8e2b0d3e9c in / ")
        .history("/bin/sh -c #(nop)  CMD [\"bash\"]", true);
    image.layer(badTooling(), BlobCompression.NONE)
        .history("/bin/sh -c apt-get update && apt-get install -y gcc git curl openssh-server sudo python3");
    image.layer(badInstaller(), BlobCompression.NONE)
        .history("/bin/sh -c curl -fsSL https://get.example.com/install.sh | sh");
    image.layer(badApplication(), BlobCompression.NONE)
        .history("/bin/sh -c #(nop) ADD https://downloads.example.com/app-bundle.tar /app/");
    image.layer(badCleanup(), BlobCompression.NONE)
        .history("/bin/sh -c rm /app/certs/deploy-key.pem && npx terser /app/static/bundle.js -o /app/static/bundle.js");
    image.history("/bin/sh -c #(nop)  ENV DB_PASSWORD=... API_TOKEN=...", true)
        .history("/bin/sh -c #(nop)  EXPOSE 22/tcp 8080/tcp", true)
        .history("/bin/sh -c #(nop) WORKDIR /app", true)
        .history("/bin/sh -c #(nop)  CMD [\"/bin/sh\" \"-c\" \"python3 /app/server.py\"]", true);
    return ImageArchiveBuilder.dockerSave(image).toTar();
  }

  /**
   * Builds the same application hardened: a distroless-style base without shell or package manager,
   * a fixed non-root user, OCI labels, a health check and a pinned base image. Written in the
   * OCI layout that docker save has produced since Docker 25, with gzip layers.
   */
  static byte[] hygieneGood() {
    String baseDigest = "sha256:" + SampleContent.token(21, "0123456789abcdef", 64);
    TestImage image =
        ImageArchiveBuilder.image()
            .reference("hullscope-samples/hygiene-good:1.4.2")
            .user("65532:65532")
            .env("PATH=/usr/local/bin:/usr/bin:/bin", "APP_ENV=production")
            .entrypoint("/app/server")
            .cmd("--config", "/app/config.yaml")
            .exposedPort("8080/tcp")
            .workingDir("/app")
            .healthcheck(List.of("CMD", "/app/server", "--healthcheck"),
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(5), 3)
            .label("org.opencontainers.image.source", "https://git.example.com/hullscope-samples/webapp")
            .label("org.opencontainers.image.version", "1.4.2")
            .label("org.opencontainers.image.revision", SampleContent.token(22, "0123456789abcdef", 40))
            .label("org.opencontainers.image.base.name", "gcr.io/distroless/base-debian12:nonroot")
            .label("org.opencontainers.image.base.digest", baseDigest);

    image.layer(goodBase(), BlobCompression.GZIP)
        .history("COPY rootfs / # gcr.io/distroless/base-debian12:nonroot@" + baseDigest);
    image.layer(goodApplication(), BlobCompression.GZIP)
        .history("COPY --from=build --chown=0:0 /out/server /app/server # buildkit");
    image.history("USER 65532:65532", true)
        .history("HEALTHCHECK CMD [\"/app/server\" \"--healthcheck\"]", true)
        .history("ENTRYPOINT [\"/app/server\"]", true);
    return ImageArchiveBuilder.dockerSaveOci(image).toTar();
  }

  private static byte[] badBase() {
    String osRelease =
        """
        PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"
        NAME="Debian GNU/Linux"
        VERSION_ID="11"
        VERSION="11 (bullseye)"
        VERSION_CODENAME=bullseye
        ID=debian
        HOME_URL="https://www.debian.org/"
        """;
    return new TarBuilder()
        .dir("bin").dir("etc").dir("root", 0700).dir("tmp", 01777).dir("usr").dir("usr/bin")
        .dir("var").dir("var/lib").dir("var/lib/dpkg").dir("var/www", 0777)
        .file("bin/sh", standIn("dash"), 0755)
        .file("bin/bash", standIn("bash"), 0755)
        .file("usr/bin/apt-get", standIn("apt-get"), 0755)
        .file("usr/bin/dpkg", standIn("dpkg"), 0755)
        .file("etc/os-release", osRelease)
        .file("etc/passwd",
            "root:x:0:0:root:/root:/bin/bash\n"
                + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                + "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n")
        .file("etc/group", "root:x:0:\ndaemon:x:1:\nwww-data:x:33:\n")
        .file("var/lib/dpkg/status", badBaseStatus())
        .build();
  }

  /** Returns the dpkg status of the bullseye base: what {@code dpkg -l} would list there. */
  private static String badBaseStatus() {
    return String.join("\n",
            dpkgStatus("base-files", null, "11.1+deb11u5", "amd64", 340, null),
            dpkgStatus("bash", null, "5.1-2+deb11u1", "amd64", 6470, "base-files (>= 2.1.12), debianutils (>= 2.15)"),
            dpkgStatus("libc6", "glibc", "2.31-13+deb11u5", "amd64", 12837, null),
            dpkgStatus("libssl1.1", "openssl", "1.1.1n-0+deb11u3", "amd64", 4126, "libc6 (>= 2.25)"),
            dpkgStatus("zlib1g", "zlib", "1:1.2.11.dfsg-2+deb11u1", "amd64", 170, "libc6 (>= 2.14)"),
            dpkgStatus("apt", null, "2.2.4", "amd64", 4337, "libc6 (>= 2.15)"),
            dpkgStatus("dpkg", null, "1.20.12", "amd64", 6628, "tar (>= 1.28-1)"));
  }

  private static byte[] badTooling() {
    // apt-get rewrites the whole status file, so this layer carries the base packages too.
    String status =
        String.join("\n",
            badBaseStatus(),
            dpkgStatus("curl", null, "7.74.0-1.3+deb11u3", "amd64", 415, "libcurl4 (= 7.74.0-1.3+deb11u3)"),
            dpkgStatus("libcurl4", "curl", "7.74.0-1.3+deb11u3", "amd64", 754, "libssl1.1 (>= 1.1.1)"),
            dpkgStatus("gcc-10", "gcc-10", "10.2.1-6", "amd64", 36508, "cpp-10 (= 10.2.1-6)"),
            dpkgStatus("git", null, "1:2.30.2-1+deb11u2", "amd64", 38670, "libcurl3-gnutls (>= 7.56.1)"),
            dpkgStatus("openssh-server", "openssh", "1:8.4p1-5+deb11u1", "amd64", 1485, "libssl1.1 (>= 1.1.1)"),
            dpkgStatus("sudo", null, "1.9.5p2-3+deb11u1", "amd64", 4838, "libpam0g (>= 0.99.7.1)"),
            dpkgStatus("python3.9", null, "3.9.2-1", "amd64", 486, "libpython3.9-stdlib (= 3.9.2-1)"));
    return new TarBuilder()
        .dir("usr/bin").dir("usr/sbin").dir("usr/include")
        .dir("var/cache/apt/archives").dir("var/lib/apt/lists")
        .file("usr/bin/curl", standIn("curl"), 0755)
        .file("usr/bin/gcc-10", standIn("gcc-10"), 0755)
        .symlink("usr/bin/gcc", "gcc-10")
        .file("usr/bin/git", standIn("git"), 0755)
        .file("usr/bin/python3.9", standIn("python3.9"), 0755)
        .symlink("usr/bin/python3", "python3.9")
        .file("usr/bin/sudo", standIn("sudo"), 04755)
        .file("usr/sbin/sshd", standIn("sshd"), 0755)
        .file("usr/include/stdio.h", "/* stand-in C header in a Hullscope training sample */\n")
        .file("var/cache/apt/archives/gcc-10_10.2.1-6_amd64.deb", SampleContent.noise(31, 96 * 1024), 0644)
        .file("var/cache/apt/archives/git_2.30.2-1+deb11u2_amd64.deb", SampleContent.noise(32, 64 * 1024), 0644)
        .file("var/lib/apt/lists/deb.debian.org_debian_dists_bullseye_main_binary-amd64_Packages",
            SampleContent.noise(33, 48 * 1024), 0644)
        .file("var/lib/dpkg/status", status)
        .build();
  }

  private static byte[] badInstaller() {
    return new TarBuilder()
        .dir("tmp", 01777)
        .file("tmp/install.sh", "#!/bin/sh\n# stand-in for an installer fetched with curl and piped to sh\nexit 0\n")
        .file("root/.bash_history", "curl -fsSL https://get.example.com/install.sh | sh\n")
        .build();
  }

  private static byte[] badApplication() {
    String awsKeyId = "AKIA" + SampleContent.token(41, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    String awsSecret = SampleContent.token(42, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
    String dotEnv = "AWS_ACCESS_KEY_ID=" + awsKeyId + "\nAWS_SECRET_ACCESS_KEY=" + awsSecret + "\nDEBUG=true\n";
    String npmrc = "//registry.npmjs.org/:_authToken=npm_" + SampleContent.token(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36) + "\n";
    String server =
        """
        # Minimal web application used by the Hullscope training samples.
        from http.server import BaseHTTPRequestHandler, HTTPServer

        class Hello(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"hello\\n")

        HTTPServer(("0.0.0.0", 8080), Hello).serve_forever()
        """;
    return new TarBuilder()
        .dir("app").dir("app/certs").dir("app/static")
        .file("app/server.py", server)
        .file("app/requirements.txt", "flask==2.0.1\nrequests==2.25.1\n")
        .file("app/.env", dotEnv)
        .file("root/.npmrc", npmrc)
        .file("app/certs/deploy-key.pem", SampleContent.ed25519PrivateKeyPem(44))
        .file("app/static/bundle.js", SampleContent.noise(45, 512 * 1024), 0644)
        .build();
  }

  /** Deletes the key, which stays in the layer below, and rewrites the bundle in place. */
  private static byte[] badCleanup() {
    return new TarBuilder()
        .whiteout("app/certs/deploy-key.pem")
        .file("app/static/bundle.js", SampleContent.noise(46, 384 * 1024), 0644)
        .build();
  }

  private static byte[] goodBase() {
    String osRelease =
        """
        PRETTY_NAME="Distroless"
        NAME="Debian GNU/Linux"
        ID="debian"
        VERSION_ID="12"
        VERSION="Debian GNU/Linux 12 (bookworm)"
        HOME_URL="https://github.com/GoogleContainerTools/distroless"
        """;
    return new TarBuilder()
        .dir("etc").dir("etc/ssl").dir("etc/ssl/certs").dir("home").dir("home/nonroot", 0700)
        .dir("tmp", 01777).dir("var").dir("var/lib").dir("var/lib/dpkg").dir("var/lib/dpkg/status.d")
        .file("etc/os-release", osRelease)
        .file("etc/passwd",
            "root:x:0:0:root:/root:/sbin/nologin\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
                + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
        .file("etc/group", "root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n")
        .file("etc/ssl/certs/ca-certificates.crt", "# stand-in CA bundle in a Hullscope training sample\n")
        .file("var/lib/dpkg/status.d/base-files", statusD("base-files", null, "12.4+deb12u5", 395))
        .file("var/lib/dpkg/status.d/libc6", statusD("libc6", "glibc", "2.36-9+deb12u7", 12904))
        .file("var/lib/dpkg/status.d/libssl3", statusD("libssl3", "openssl", "3.0.13-1~deb12u1", 6234))
        .file("var/lib/dpkg/status.d/ca-certificates", statusD("ca-certificates", null, "20230311", 377))
        .file("var/lib/dpkg/status.d/tzdata", statusD("tzdata", null, "2024a-0+deb12u1", 3153))
        .build();
  }

  /** Returns a distroless {@code status.d} record: a dpkg paragraph without a Status line. */
  private static String statusD(String name, String source, String version, int installedSizeKb) {
    return dpkgStatus(name, source, version, "amd64", installedSizeKb, null)
        .replace("Status: install ok installed\n", "");
  }

  private static byte[] goodApplication() {
    return new TarBuilder()
        .dir("app")
        .file("app/server", SampleContent.tinyElf(), 0755)
        .file("app/config.yaml", "listen: 0.0.0.0:8080\nlog_level: info\n")
        .build();
  }
}
