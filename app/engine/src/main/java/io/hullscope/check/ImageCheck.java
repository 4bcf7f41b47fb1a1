package io.hullscope.check;

import io.hullscope.index.FileInterest;
import java.io.IOException;
import java.util.List;

/**
 * A family of hardening checks that turn what is known about one image into findings.
 *
 * <p>A check that needs file contents (secrets, for example) returns {@link FileInterest}s from
 * {@link #interests()}; they are registered with the indexer, so the files are read in the same
 * single pass over the layers as everything else, and the check reads what they collected when
 * {@link #run} is called. Such a check is therefore used for one image only.
 */
public interface ImageCheck {

  /** The checks this family can report, in the order docs/checks.md lists them. */
  List<CheckDefinition> definitions();

  /** File interests to register with the indexer before the image is analysed; none by default. */
  default List<FileInterest> interests() {
    return List.of();
  }

  /**
   * Returns the findings for one image. Every finding's id is one of {@link #definitions()}.
   *
   * @throws IOException when a file the check needs cannot be read again from its layer
   */
  List<Finding> run(ImageFacts facts, CheckSettings settings) throws IOException;
}
