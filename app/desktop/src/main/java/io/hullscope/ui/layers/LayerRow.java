package io.hullscope.ui.layers;

/**
 * One row of the layer list.
 *
 * @param storedSize size of the blob as stored, or -1 when the source does not know it
 * @param uncompressedSize size of the layer tar
 * @param command the history command that created the layer, or an empty string
 */
public record LayerRow(int index, long storedSize, long uncompressedSize, int entries, String command) {

  private static final int SHORT_COMMAND_LENGTH = 80;
  private static final String NOP_PREFIX = "/bin/sh -c #(nop) ";

  /** Returns the command on one line, without the {@code #(nop)} marker, cut to 80 characters. */
  public String shortCommand() {
    String text = command.replaceAll("\\s+", " ").strip();
    if (text.startsWith(NOP_PREFIX)) {
      text = text.substring(NOP_PREFIX.length()).strip();
    }
    return text.length() <= SHORT_COMMAND_LENGTH ? text : text.substring(0, SHORT_COMMAND_LENGTH - 3) + "...";
  }
}
