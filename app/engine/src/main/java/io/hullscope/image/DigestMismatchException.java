package io.hullscope.image;

/** Content did not hash to the digest that a manifest or config promised. */
public class DigestMismatchException extends ImageReadException {

  public DigestMismatchException(String image, String layer, String entry, Digest expected, Digest actual) {
    super(image, layer, entry,
        "content digest is " + actual + " but " + expected
            + " was expected; the file is corrupt or was changed after it was written");
  }
}
