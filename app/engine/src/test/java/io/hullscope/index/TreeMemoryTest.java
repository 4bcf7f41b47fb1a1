package io.hullscope.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks roughly how much heap an analysis of a 100,000-file image keeps, so that a change that
 * makes nodes much fatter is noticed. The design target is 256 MB for such an image. The bound
 * here is far lower, because the index and the tree alone should need only tens of MB.
 */
class TreeMemoryTest {

  private static final int FILES = 100_000;
  private static final long RETAINED_LIMIT = 96L << 20;

  @Test
  void hundredThousandFilesFitInModestHeap() {
    long before = usedHeapAfterGc();

    LayerIndex layer = syntheticLayer(FILES);
    ImageAnalysis analysis = new ImageAnalysis(new FakeImage(List.of()), List.of(layer));
    FileTree tree = analysis.squashed(0);

    long retained = usedHeapAfterGc() - before;
    assertThat(tree.entryCount()).isGreaterThan(FILES);
    assertThat(retained).as("retained heap in bytes").isLessThan(RETAINED_LIMIT);
  }

  /** Files spread over directories three levels deep, with names that repeat across directories. */
  private static LayerIndex syntheticLayer(int files) {
    List<FileEntry> entries = new ArrayList<>(files);
    for (int i = 0; i < files; i++) {
      String path = "usr/lib/pkg" + (i / 1000) + "/module" + (i / 50 % 20) + "/file" + (i % 50) + ".py";
      entries.add(new FileEntry(path, EntryType.FILE, 1000 + i % 7, 0644, 0, 0, null, 1_700_000_000L));
    }
    Digest diffId = Digest.sha256Of("synthetic".getBytes(StandardCharsets.UTF_8));
    return new LayerIndex(diffId, diffId, entries, List.of(), List.of(), files * 1536L);
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
