package io.hullscope.ui.sign;

import java.util.Objects;

/**
 * The content of the "Signature" column for one image.
 *
 * @param tooltip the explanation on hover: who signed, or why nothing was found
 */
public record SignatureState(SignatureStatus status, String tooltip) {

  /** The state of an image that has not been looked up. */
  public static final SignatureState UNKNOWN = new SignatureState(SignatureStatus.UNKNOWN,
      "Not looked up yet: open the image to look up its signatures");

  public SignatureState {
    Objects.requireNonNull(status, "status");
    tooltip = tooltip == null ? "" : tooltip;
  }
}
