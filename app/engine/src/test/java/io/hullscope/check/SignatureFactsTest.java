package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.sign.SignatureKind;
import io.hullscope.sign.SignatureResult;
import io.hullscope.sign.Verdict;
import io.hullscope.sign.Verdict.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureFactsTest {

  private static SignatureResult result(SignatureKind kind, String signer, String predicate, Verdict verdict) {
    return new SignatureResult(kind, "sha256-ab.sig layer 0", signer, null, predicate, verdict, List.of());
  }

  @Test
  void countsSignaturesButNotAttestations() {
    SignatureFacts facts = SignatureFacts.of(List.of(
        result(SignatureKind.COSIGN_SIMPLE_SIGNING, "SHA256:key", null, Verdict.verified("key cosign.pub", null)),
        result(SignatureKind.NOTATION_JWS, "CN=alpine", null, Verdict.rejected(Reason.UNTRUSTED_CHAIN, "no root")),
        result(SignatureKind.ATTESTATION, "SHA256:key", "https://slsa.dev/provenance/v1",
            Verdict.verified("key cosign.pub", null))));

    assertThat(facts.signatures()).isEqualTo(2);
    assertThat(facts.verified()).isEqualTo(1);
    assertThat(facts.signers()).containsExactly("SHA256:key", "CN=alpine");
    assertThat(facts.problems()).singleElement().asString().contains("UNTRUSTED_CHAIN").contains("no root");
    assertThat(facts.sbomAttached()).isFalse();
  }

  @Test
  void spdxAttestationIsAnAttachedSbom() {
    SignatureFacts facts = SignatureFacts.of(List.of(result(SignatureKind.ATTESTATION, null,
        "https://spdx.dev/Document", Verdict.rejected(Reason.NO_TRUSTED_KEY, null))));

    assertThat(facts.signatures()).isZero();
    assertThat(facts.sbomAttached()).isTrue();
  }

  @Test
  void nothingFoundMeansUnsigned() {
    SignatureFacts facts = SignatureFacts.of(List.of());

    assertThat(facts.signatures()).isZero();
    assertThat(facts.verified()).isZero();
    assertThat(facts.sbomAttached()).isFalse();
  }
}
