package io.hullscope.sbom;

import io.hullscope.image.Descriptor;
import io.hullscope.image.ImageManifest;
import io.hullscope.image.ManifestParser;
import io.hullscope.source.harbor.HarborClient;
import io.hullscope.source.harbor.HarborModel.Accessory;
import io.hullscope.source.registry.RegistryClient;
import io.hullscope.source.registry.RegistryManifest;
import io.hullscope.source.registry.RegistrySource;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Reads the SBOM Harbor generated for an artifact. Harbor stores it as an accessory of type
 * {@code sbom.harbor}: an OCI artifact in the same repository whose first layer is the SBOM
 * document (SPDX or CycloneDX JSON). The artifact is read through Harbor's registry endpoint with
 * the connection's credentials and imported with {@link SbomImporter}.
 */
public final class HarborSbomFetcher {

  /** The accessory type of an SBOM that Harbor generated. */
  public static final String ACCESSORY_TYPE = "sbom.harbor";

  private final HarborClient client;
  private final SbomImporter importer;

  public HarborSbomFetcher(HarborClient client, SbomImporter importer) {
    this.client = client;
    this.importer = importer;
  }

  /**
   * Returns Harbor's SBOM of an artifact, or empty when Harbor has generated none.
   *
   * @param repositoryName the full repository name, for example {@code library/app}
   * @param artifactDigest the artifact's manifest digest
   * @throws IOException when the accessory cannot be read or is not an SBOM this program reads
   */
  public Optional<SbomImport> fetch(String repositoryName, String artifactDigest) throws IOException {
    List<Accessory> accessories = client.accessories(repositoryName, artifactDigest);
    Optional<Accessory> sbom = accessories.stream().filter(a -> ACCESSORY_TYPE.equals(a.type())).findFirst();
    if (sbom.isEmpty()) {
      return Optional.empty();
    }
    String image = client.registryHost() + "/" + repositoryName + "@" + sbom.get().digest();
    try (RegistrySource source = client.registrySource(repositoryName)) {
      RegistryClient registry = source.client(client.registryHost());
      RegistryManifest manifest = registry.fetchManifest(repositoryName, sbom.get().digest());
      ImageManifest parsed = ManifestParser.parseManifest(manifest.bytes(), image, "SBOM manifest");
      if (parsed.layers().isEmpty()) {
        throw new PackageDatabaseException("Harbor's SBOM " + image + " has no layer holding the document");
      }
      Descriptor document = parsed.layers().get(0);
      if (document.size() > SbomImporter.DEFAULT_MAX_BYTES) {
        throw new PackageDatabaseException("Harbor's SBOM " + image + " has " + document.size()
            + " bytes, more than the limit of " + SbomImporter.DEFAULT_MAX_BYTES);
      }
      byte[] bytes;
      // The stream checks the size and digest when it reaches its end, so it is read to the end.
      try (InputStream in = registry.openBlob(repositoryName, document.digest(), document.size(), image, null)) {
        bytes = in.readAllBytes();
      }
      return Optional.of(importer.read("Harbor SBOM of " + repositoryName + "@" + artifactDigest, bytes));
    }
  }
}
