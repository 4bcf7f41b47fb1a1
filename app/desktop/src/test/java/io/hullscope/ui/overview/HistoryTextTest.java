package io.hullscope.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryTextTest {

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2 APP_ENV=production => ENV DB_PASSWORD=******** APP_ENV=production",
      "ENV API_TOKEN=\"a b c\" PATH=/usr/bin => ENV API_TOKEN=******** PATH=/usr/bin",
      "ENV GITHUB_TOKEN ghp_abc def => ENV GITHUB_TOKEN ********",
      "ENV APP_HOME /srv/app => ENV APP_HOME /srv/app",
      "|1 NPM_TOKEN=abc123 /bin/sh -c npm ci => |1 NPM_TOKEN=******** /bin/sh -c npm ci",
      "/bin/sh -c mysql --password=hunter2 -e 'select 1' => /bin/sh -c mysql --password=******** -e 'select 1'",
      "/bin/sh -c curl -H X-Api-Key=k1 https://example.com => /bin/sh -c curl -H X-Api-Key=******** https://example.com",
      "/bin/sh -c #(nop) COPY file:ab12 in /app/ => COPY file:ab12 in /app/",
      "/bin/sh -c apt-get install -y curl=7.74.0-1.3 => /bin/sh -c apt-get install -y curl=7.74.0-1.3",
      "ENV SECRET_KEY='x y' => ENV SECRET_KEY=********",
  })
  void masksSecretValues(String createdBy, String shown) {
    assertThat(HistoryText.masked(createdBy)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2 => ENV DB_PASSWORD=hunter2",
      "/bin/sh -c echo hello => /bin/sh -c echo hello",
  })
  void readableKeepsValues(String createdBy, String shown) {
    assertThat(HistoryText.readable(createdBy)).isEqualTo(shown);
  }
}
