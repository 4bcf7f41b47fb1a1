package io.hullscope.index;

import java.util.List;

/**
 * A path whose bytes an image stores but never shows, because a later entry overwrote them or a
 * later layer deleted them.
 *
 * @param path normalized path
 * @param wastedBytes bytes of the versions that are not visible in the final image
 * @param layers every layer that contains a version of the path, ascending, including the layer of
 *     the visible version when there is one
 */
public record WastedFile(String path, long wastedBytes, List<Integer> layers) {

  public WastedFile {
    layers = List.copyOf(layers);
  }
}
