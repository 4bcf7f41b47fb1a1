package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NotationCoseVerifierTest {

  private static final Digest IMAGE = Digest.sha256("ab".repeat(32));
  private static final long ES256 = -7;
  private static final long ES384 = -35;
  private static final long PS256 = -37;

  static KeyPair caKey;
  static X509Certificate ca;
  static KeyPair ecKey;
  static X509Certificate ecLeaf;
  static KeyPair rsaKey;
  static X509Certificate rsaLeaf;

  @BeforeAll
  static void createCertificates() throws Exception {
    caKey = TestCertificates.ec("secp256r1");
    ca = TestCertificates.ca("CN=COSE Test Root", caKey);
    Instant now = Instant.now();
    ecKey = TestCertificates.ec("secp256r1");
    ecLeaf = TestCertificates.leaf("CN=COSE EC Signer", ecKey, ca, caKey.getPrivate(), now.minusSeconds(3600),
        now.plusSeconds(86400));
    rsaKey = TestCertificates.rsa();
    rsaLeaf = TestCertificates.leaf("CN=COSE RSA Signer", rsaKey, ca, caKey.getPrivate(), now.minusSeconds(3600),
        now.plusSeconds(86400));
  }

  private static NotationVerifier verifier(List<X509Certificate> roots) {
    TrustPolicy policy = new TrustPolicy(List.of(), roots, List.of(), List.of(), null,
        roots.isEmpty() ? Map.of() : Map.of(roots.get(0), "company-root.pem"));
    return new NotationVerifier(policy, NotationVerifier.DEFAULT_MAX_ENVELOPE, Clock.systemUTC());
  }

  private static SignatureResult verify(byte[] envelope) {
    return verifier(List.of(ca)).verifyCose(envelope, IMAGE, "referrer");
  }

  private static CoseEnvelopes.Builder es256() {
    return new CoseEnvelopes.Builder(ES256, ecKey.getPrivate(), List.of(ecLeaf, ca), IMAGE.toString());
  }

  @Test
  void es256EnvelopeVerifies() throws Exception {
    CoseEnvelopes.Builder builder = es256();

    SignatureResult result = verify(builder.build());

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.kind()).isEqualTo(SignatureKind.NOTATION_COSE);
    assertThat(result.verdict().matchedRule()).contains("company-root.pem").contains("CN=COSE Test Root");
    assertThat(result.signer()).contains("CN=COSE EC Signer");
    assertThat(result.signedAt()).isEqualTo(Instant.ofEpochSecond(builder.signingTime.getEpochSecond()));
  }

  @Test
  void ps256EnvelopeVerifies() throws Exception {
    byte[] envelope = new CoseEnvelopes.Builder(PS256, rsaKey.getPrivate(), List.of(rsaLeaf), IMAGE.toString()).build();

    SignatureResult result = verify(envelope);

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
  }

  @Test
  void tamperedPayloadIsBadSignature() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    // The stored payload keeps the right digest, but the signature covers other bytes.
    builder.signedPayload = (new String(builder.payload(), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);

    assertThat(verify(builder.build()).verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }

  @Test
  void tamperedProtectedHeaderIsBadSignature() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    byte[] signedHeader = builder.protectedHeader();
    byte[] signature = CoseEnvelopes.sign(ES256, ecKey.getPrivate(),
        NotationCoseVerifier.sigStructure(signedHeader, builder.payload()));
    builder.signingTime = builder.signingTime.minusSeconds(600);

    byte[] envelope = builder.envelope(builder.protectedHeader(), builder.payload(), signature);

    assertThat(verify(envelope).verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }

  @Test
  void otherDigestIsWrongDigest() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.digest = Digest.sha256("cd".repeat(32)).toString();

    SignatureResult result = verify(builder.build());

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.WRONG_DIGEST);
    assertThat(result.verdict().detail()).contains("cdcd");
  }

  @Test
  void untrustedRootIsUntrustedChain() throws Exception {
    KeyPair otherKey = TestCertificates.ec("secp256r1");
    X509Certificate other = TestCertificates.ca("CN=Other Root", otherKey);

    SignatureResult result = verifier(List.of(other)).verifyCose(es256().build(), IMAGE, "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.UNTRUSTED_CHAIN);
  }

  @Test
  void noRootsIsNoTrustedKey() throws Exception {
    SignatureResult result = verifier(List.of()).verifyCose(es256().build(), IMAGE, "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.NO_TRUSTED_KEY);
  }

  @Test
  void pastExpiryIsExpired() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.expiry = Instant.now().minusSeconds(30);
    builder.crit.add(NotationVerifier.EXPIRY);

    assertThat(verify(builder.build()).verdict().reason()).isEqualTo(Verdict.Reason.EXPIRED);
  }

  @Test
  void expiredCertificateIsExpired() throws Exception {
    Instant now = Instant.now();
    X509Certificate old = TestCertificates.leaf("CN=Old Signer", ecKey, ca, caKey.getPrivate(),
        now.minusSeconds(7200), now.minusSeconds(3600));
    CoseEnvelopes.Builder builder = new CoseEnvelopes.Builder(ES256, ecKey.getPrivate(), List.of(old),
        IMAGE.toString());
    builder.signingTime = now.minusSeconds(5000);

    assertThat(verify(builder.build()).verdict().reason()).isEqualTo(Verdict.Reason.EXPIRED);
  }

  @Test
  void unlistedExpiryIsMalformed() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.expiry = Instant.now().plusSeconds(3600);

    SignatureResult result = verify(builder.build());

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
    assertThat(result.verdict().detail()).contains("crit");
  }

  @Test
  void unknownCriticalHeaderIsMalformed() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.crit.add("io.example.unknown");

    assertThat(verify(builder.build()).verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
  }

  @Test
  void disallowedAlgorithmIsUnsupported() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.algorithm = -8; // EdDSA
    byte[] protectedBytes = builder.protectedHeader();
    byte[] signature = CoseEnvelopes.sign(ES256, ecKey.getPrivate(),
        NotationCoseVerifier.sigStructure(protectedBytes, builder.payload()));

    SignatureResult result = verify(builder.envelope(protectedBytes, builder.payload(), signature));

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.UNSUPPORTED);
    assertThat(result.verdict().detail()).contains("-8");
  }

  @Test
  void algorithmKeyMismatchIsBadSignature() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.algorithm = ES384;
    byte[] protectedBytes = builder.protectedHeader();
    byte[] signature = CoseEnvelopes.sign(ES256, ecKey.getPrivate(),
        NotationCoseVerifier.sigStructure(protectedBytes, builder.payload()));

    SignatureResult result = verify(builder.envelope(protectedBytes, builder.payload(), signature));

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
    assertThat(result.verdict().detail()).contains("384-bit curve");
  }

  @Test
  void otherSigningSchemeIsUnsupported() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.scheme = "notary.x509.signingAuthority";

    assertThat(verify(builder.build()).verdict().reason()).isEqualTo(Verdict.Reason.UNSUPPORTED);
  }

  @Test
  void wrongContentTypeIsMalformed() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.contentType = "application/json";

    assertThat(verify(builder.build()).verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
  }

  @Test
  void everyTruncationIsMalformed() throws Exception {
    byte[] envelope = es256().build();

    for (int length = 0; length < envelope.length; length += 7) {
      SignatureResult result = verify(Arrays.copyOf(envelope, length));

      assertThat(result.verdict().reason()).as("length " + length).isEqualTo(Verdict.Reason.MALFORMED);
    }
  }

  @Test
  void deepNestingIsMalformed() {
    byte[] nested = new byte[200_000];
    Arrays.fill(nested, (byte) 0x81);
    nested[0] = (byte) 0xd2;

    SignatureResult result = verify(nested);

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
    assertThat(result.verdict().detail()).contains("nested");
  }

  @Test
  void oversizedEnvelopeIsMalformed() {
    SignatureResult result = verify(new byte[NotationVerifier.DEFAULT_MAX_ENVELOPE + 1]);

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
    assertThat(result.verdict().detail()).contains("more than");
  }

  @Test
  void wrongTypesAreMalformed() {
    List<Object> cases = List.of(
        List.of(1L, 2L, 3L, 4L),
        new Cbor.Tagged(18, List.of(new byte[0], Map.of(), new byte[0])),
        new Cbor.Tagged(18, List.of("text", Map.of(), new byte[0], new byte[0])),
        new Cbor.Tagged(18, List.of(new byte[0], List.of(), new byte[0], new byte[0])),
        new Cbor.Tagged(18, List.of(CoseEnvelopes.encode(List.of()), Map.of(), new byte[0], new byte[0])),
        new Cbor.Tagged(18, List.of(new byte[0], Map.of(33L, "not a certificate"), new byte[0], new byte[0])),
        new Cbor.Tagged(18, List.of(new byte[0], Map.of(33L, new byte[] {1, 2, 3}), new byte[0], new byte[0])));
    for (Object value : cases) {
      SignatureResult result = verify(CoseEnvelopes.encode(value));

      assertThat(result.verdict().reason()).as(value.toString()).isEqualTo(Verdict.Reason.MALFORMED);
    }
  }

  @Test
  void randomGarbageIsMalformed() {
    Random random = new Random(11);
    for (int i = 0; i < 500; i++) {
      byte[] data = new byte[1 + random.nextInt(200)];
      random.nextBytes(data);

      assertThat(verify(data).verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
    }
  }

  @Test
  void timestampIsReportedNotVerified() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.timestamp = timestampToken("20260101120000.5Z", ecLeaf);

    SignatureResult result = verify(builder.build());

    assertThat(result.verdict().isVerified()).isTrue();
    assertThat(result.notes()).anySatisfy(note -> assertThat(note)
        .contains("timestamped by CN=COSE EC Signer at 2026-01-01T12:00:00.500Z").contains("not verified"));
  }

  @Test
  void unreadableTimestampIsNoted() throws Exception {
    CoseEnvelopes.Builder builder = es256();
    builder.timestamp = HexFormat.of().parseHex("3003020101");

    SignatureResult result = verify(builder.build());

    assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("cannot be read"));
  }

  /** Builds the DER of an RFC 3161 token (ContentInfo, SignedData, TSTInfo) without a signer info. */
  static byte[] timestampToken(String genTime, X509Certificate certificate) throws Exception {
    ASN1EncodableVector tstInfo = new ASN1EncodableVector();
    tstInfo.add(new ASN1Integer(1));
    tstInfo.add(new ASN1ObjectIdentifier("1.2.3.4"));
    tstInfo.add(new DERSequence(new ASN1EncodableVector()));
    tstInfo.add(new ASN1Integer(42));
    tstInfo.add(new ASN1GeneralizedTime(genTime));
    ASN1EncodableVector encapsulated = new ASN1EncodableVector();
    encapsulated.add(new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.1.4"));
    encapsulated.add(new DERTaggedObject(true, 0, new DEROctetString(new DERSequence(tstInfo).getEncoded())));
    ASN1EncodableVector signedData = new ASN1EncodableVector();
    signedData.add(new ASN1Integer(3));
    signedData.add(new DERSet());
    signedData.add(new DERSequence(encapsulated));
    signedData.add(new DERTaggedObject(false, 0, new DERSet(
        org.bouncycastle.asn1.x509.Certificate.getInstance(certificate.getEncoded()))));
    signedData.add(new DERSet());
    ASN1EncodableVector contentInfo = new ASN1EncodableVector();
    contentInfo.add(new ASN1ObjectIdentifier("1.2.840.113549.1.7.2"));
    contentInfo.add(new DERTaggedObject(true, 0, new DERSequence(signedData)));
    return new DERSequence(contentInfo).getEncoded();
  }
}
