package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JarFileNameTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "commons-compress-1.28.0.jar                                    | commons-compress             | 1.28.0                   | -",
        "lib/foo-bar-1.2.3-SNAPSHOT.jar                                 | foo-bar                      | 1.2.3-SNAPSHOT           | -",
        "guava-33.0.0-jre.jar                                           | guava                        | 33.0.0-jre               | -",
        "log4j-1.2-api-2.20.0.jar                                       | log4j-1.2-api                | 2.20.0                   | -",
        "bcprov-jdk18on-1.82.jar                                        | bcprov-jdk18on               | 1.82                     | -",
        "spring-core-5.3.30.RELEASE.jar                                 | spring-core                  | 5.3.30.RELEASE           | -",
        "netty-transport-native-epoll-4.1.100.Final-linux-x86_64.jar    | netty-transport-native-epoll | 4.1.100.Final            | linux-x86_64",
        "commons-io-2.16.1-sources.jar                                  | commons-io                   | 2.16.1                   | sources",
        "app-1.0-20240101.123456-3.jar                                  | app                          | 1.0-20240101.123456-3    | -",
        "app-1.0-20240101.123456-3-tests.jar                            | app                          | 1.0-20240101.123456-3    | tests",
        "zstd-jni-1.5.7-9.jar                                           | zstd-jni                     | 1.5.7-9                  | -",
        "plexus-utils-2.0-alpha-1.jar                                   | plexus-utils                 | 2.0-alpha-1              | -",
        "javafx-base-21.0.11-linux.jar                                  | javafx-base                  | 21.0.11                  | linux",
        "javax.inject-1.jar                                             | javax.inject                 | 1                        | -",
        "app.jar                                                        | app                          | -                        | -",
        "log4j-slf4j2-impl.jar                                          | log4j-slf4j2-impl            | -                        | -",
        "-1.0.jar                                                       | -1.0                         | -                        | -",
        "WEB-INF/lib/shop.war                                           | shop                         | -                        | -",
      })
  void fileNameGivesCoordinates(String path, String artifactId, String version, String classifier) {
    JarFileName name = JarFileName.of(path);

    assertThat(name.artifactId()).isEqualTo(artifactId);
    assertThat(name.version()).isEqualTo(version);
    assertThat(name.classifier()).isEqualTo(classifier);
  }

  @ParameterizedTest
  @CsvSource({
    "a.jar, true",
    "dir/a.WAR, true",
    "a.Ear, true",
    "plugins/x.hpi, true",
    "plugins/x.jpi, true",
    "deploy/x.sar, true",
    "deploy/x.par, true",
    "a.zip, false",
    "a.rar, false",
    "jar, false",
    ".jar, false",
    "dir/.jar, false",
    "a.jarx, false",
    "a.jar/b, false",
  })
  void archiveExtensionsAreRecognised(String path, boolean expected) {
    assertThat(JarFileName.hasArchiveExtension(path)).isEqualTo(expected);
  }
}
