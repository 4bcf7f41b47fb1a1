package io.hullscope.ui.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.index.EntryType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileModesTest {

  @ParameterizedTest
  @CsvSource({
      "FILE, 0644, -rw-r--r--",
      "DIRECTORY, 0755, drwxr-xr-x",
      "FILE, 04755, -rwsr-xr-x",
      "FILE, 04644, -rwSr--r--",
      "FILE, 02755, -rwxr-sr-x",
      "DIRECTORY, 01777, drwxrwxrwt",
      "DIRECTORY, 01770, drwxrwx--T",
      "SYMLINK, 0777, lrwxrwxrwx",
      "CHAR_DEVICE, 0666, crw-rw-rw-",
      "BLOCK_DEVICE, 0660, brw-rw----",
      "FIFO, 0600, prw-------",
      "HARDLINK, 0400, -r--------",
  })
  void modeFormatsLikeLs(EntryType type, String octal, String expected) {
    assertThat(FileModes.format(type, Integer.parseInt(octal, 8))).isEqualTo(expected);
  }
}
