package io.hullscope.image;

/** Reading stopped because a configured {@link Limits} value was exceeded. */
public class LimitExceededException extends ImageReadException {

  public LimitExceededException(String image, String layer, String entry, String limitName, long limit) {
    super(image, layer, entry,
        limitName + " exceeds the limit of " + limit
            + "; raise the limit in the settings if this image is trusted");
  }
}
