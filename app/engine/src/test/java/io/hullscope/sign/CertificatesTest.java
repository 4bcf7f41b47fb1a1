package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificatesTest {

  private static List<X509Certificate> pem(String relative) throws Exception {
    return PemFiles.certificates(Files.readAllBytes(CosignFixtures.path("cosign-legacy/pki/" + relative)));
  }

  @Test
  void repeatedChainIsNotTrusted() throws Exception {
    List<X509Certificate> intermediates = pem("pki_intermediate_crts.pem");
    List<X509Certificate> loop = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      loop.addAll(intermediates);
    }
    List<X509Certificate> roots = pem("pki_root_crts.pem");

    Certificates.ChainCheck check = Certificates.validate(loop, roots, Instant.now());

    assertThat(check.trusted()).isFalse();
  }

  @Test
  void overlongChainIsMalformed() throws Exception {
    List<X509Certificate> chain = new ArrayList<>(Collections.nCopies(Certificates.MAX_CHAIN_LENGTH + 1,
        pem("pki_intermediate_crts.pem").get(0)));

    Certificates.ChainCheck check = Certificates.validate(chain, pem("pki_root_crts.pem"), Instant.now());

    assertThat(check.problem()).isEqualTo(Verdict.Reason.MALFORMED);
  }

  @Test
  void chainBeforeValidityIsExpired() throws Exception {
    List<X509Certificate> intermediates = pem("pki_intermediate_crts.pem");
    Instant before = intermediates.get(0).getNotBefore().toInstant().minusSeconds(86_400);

    Certificates.ChainCheck check = Certificates.validate(intermediates, pem("pki_root_crts.pem"), before);

    assertThat(check.problem()).isEqualTo(Verdict.Reason.EXPIRED);
  }

  @Test
  void derContentRejectsBadLengths() {
    assertThat(Certificates.derContent(new byte[] {0x04, 0x02, 'a', 'b'}, 0x04)).containsExactly('a', 'b');
    assertThat(Certificates.derContent(new byte[] {0x04, 0x05, 'a'}, 0x04)).isNull();
    assertThat(Certificates.derContent(new byte[] {0x04, (byte) 0x84, 1, 1, 1, 1}, 0x04)).isNull();
    assertThat(Certificates.derContent(new byte[] {0x0C, 0x01, 'a'}, 0x04)).isNull();
    assertThat(Certificates.derContent(new byte[] {0x04}, 0x04)).isNull();
  }

  @Test
  void identityRuleMatchesWholeValue() {
    IdentityRule pattern = new IdentityRule("build@example\\.com", "https://issuer\\.example", true);
    assertThat(pattern.matches("build@example.com", "https://issuer.example")).isTrue();
    assertThat(pattern.matches("build@example.com.evil", "https://issuer.example")).isFalse();

    IdentityRule exact = new IdentityRule("build@example.com", "https://issuer.example", false);
    assertThat(exact.matches("build@example.com", "https://issuer.example")).isTrue();
    assertThat(exact.matches("build@example.com", "https://other.example")).isFalse();
    assertThat(exact.matches(null, "https://issuer.example")).isFalse();
  }
}
