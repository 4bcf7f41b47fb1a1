package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The files {@link SecretFiles} requests from the indexer, and the bounds on what it reads. */
class SecretFilesTest {

  @ParameterizedTest
  @CsvSource({
      "app/.env, 120, true",
      "srv/api/.env.production, 120, true",
      "root/.npmrc, 80, true",
      "usr/local/etc/npmrc, 80, true",
      "home/dev/.pypirc, 80, true",
      "root/.netrc, 80, true",
      "root/.docker/config.json, 300, true",
      "root/.git-credentials, 60, true",
      "root/.aws/credentials, 200, true",
      "root/.kube/config, 5000, true",
      "etc/kubernetes/admin.conf, 5000, true",
      "root/.ssh/id_rsa, 2600, true",
      "etc/ssh/ssh_host_ed25519_key, 400, true",
      "app/certs/deploy-key.pem, 300, true",
      "opt/app/tls/server.key, 1700, true",
      "app/config/settings.yaml, 2000, true",
      "etc/app/app.conf, 2000, true",
      "root/.bash_history, 2000, true",
      "app/server.py, 2000, true",
      "var/www/html/wp-config.php, 3000, true",
      "root/.ssh/id_rsa.pub, 400, false",
      "etc/ssl/certs/ca-certificates.crt, 200000, false",
      "app/node_modules/lodash/config.json, 300, false",
      "usr/lib/python3/dist-packages/x/settings.py, 300, false",
      "app/vendor/lib/config.php, 300, false",
      "usr/share/doc/tool/copyright, 2000, false",
      "usr/bin/python3, 4000000, false",
      "app/static/bundle.js, 524288, false",
      "app/static/logo.png, 2000, false",
      "app/.env, 0, false",
      "root/.docker/config.json, 2147483648, false"})
  void candidateFilesAreChosenByNameAndPlace(String path, long size, boolean wanted) {
    assertThat(new SecretFiles().wants(0, file(path, size))).isEqualTo(wanted);
  }

  @Test
  void candidateTextFilesPerLayerAreBounded() {
    SecretFiles files = new SecretFiles(1 << 20, 64 * 1024, 3, SecretScanCache.NONE);

    List<Boolean> wanted = java.util.stream.IntStream.range(0, 5)
        .mapToObj(i -> files.wants(0, file("app/conf" + i + ".yaml", 100))).toList();

    assertThat(wanted).containsExactly(true, true, true, false, false);
    assertThat(files.wants(0, file("app/.env", 100))).as("credential files are always read").isTrue();
    assertThat(files.wants(1, file("app/conf.yaml", 100))).as("the bound is per layer").isTrue();
  }

  @Test
  void overlongStreamIsReadUpToLimit() throws IOException {
    SecretFiles files = new SecretFiles(64, 64, 10, SecretScanCache.NONE);
    byte[] line = ("GITHUB_TOKEN=ghp_" + SecretTokensTest.random(36) + "\n").getBytes(StandardCharsets.US_ASCII);
    long[] read = {0};
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return line[(int) (read[0]++ % line.length)];
      }
    };

    // The header claims 60 bytes, but the stream never ends; the collector must stop at its limit.
    files.accept(0, file("app/.env", 60), endless);

    assertThat(read[0]).isLessThanOrEqualTo(65);
    assertThat(files).extracting("streamed").asInstanceOf(InstanceOfAssertFactories.MAP).isEmpty();
  }

  @Test
  void fileWithinLimitIsScanned() throws IOException {
    SecretFiles files = new SecretFiles();
    byte[] content = ("GITHUB_TOKEN=ghp_" + SecretTokensTest.random(36) + "\n").getBytes(StandardCharsets.US_ASCII);

    files.accept(2, file("app/.env", content.length), new ByteArrayInputStream(content));

    assertThat(files).extracting("streamed").asInstanceOf(InstanceOfAssertFactories.MAP).containsOnlyKeys(2);
  }

  private static FileEntry file(String path, long size) {
    return new FileEntry(path, EntryType.FILE, size, 0644, 0, 0, null, 0);
  }
}
