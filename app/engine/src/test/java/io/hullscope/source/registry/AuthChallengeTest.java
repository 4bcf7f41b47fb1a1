package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void bearerChallengeWithQuotedParameters() {
    List<AuthChallenge> challenges = AuthChallenge.parse(List.of(
        "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:a/b:pull,push\""));

    assertThat(challenges).containsExactly(new AuthChallenge("bearer", Map.of(
        "realm", "https://auth.example.com/token",
        "service", "registry.example.com",
        "scope", "repository:a/b:pull,push")));
  }

  @Test
  void severalChallengesInOneHeader() {
    List<AuthChallenge> challenges = AuthChallenge.parse(List.of("Basic realm=\"r\", Bearer realm=\"https://t\", error=invalid_token"));

    assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer");
    assertThat(challenges.get(1).parameter("error")).isEqualTo("invalid_token");
  }

  @Test
  void escapedQuoteInValue() {
    List<AuthChallenge> challenges = AuthChallenge.parse(List.of("Basic realm=\"say \\\"hi\\\"\""));

    assertThat(challenges.get(0).parameter("realm")).isEqualTo("say \"hi\"");
  }

  @Test
  void garbageDoesNotLoop() {
    assertThat(AuthChallenge.parse(List.of("\u0000\u0001===,,,\"unterminated"))).allSatisfy(c -> assertThat(c.scheme()).isNotEmpty());
    assertThat(AuthChallenge.parse(List.of(""))).isEmpty();
  }

  @Test
  void unterminatedQuoteKeepsTheRest() {
    List<AuthChallenge> challenges = AuthChallenge.parse(List.of("Bearer realm=\"https://t"));

    assertThat(challenges.get(0).parameter("realm")).isEqualTo("https://t");
  }
}
