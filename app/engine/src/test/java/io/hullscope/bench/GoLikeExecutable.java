package io.hullscope.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A stand-in for a statically linked Go executable: a 64-bit little-endian ELF header with two
 * loadable segments, code (random bytes) and data, where the data starts with Go build information
 * in the layout of Go 1.18 and later. It does not run. A cataloger that scans the file up to the
 * build information reads as much of it as of a real binary of this size, because real binaries
 * also keep that information at the start of their writable data, after the code.
 *
 * <p>The layout is the one Go's {@code debug/buildinfo} package reads: a 32-byte header at a
 * 16-byte aligned offset, made of the magic {@code "\xff Go buildinf:"}, the pointer size, flags
 * (bit 1: strings inline), and zero padding. The Go version and the module text follow, each as
 * an unsigned varint length and its bytes. The module text is wrapped in two 16-byte sentinels
 * (the values {@code cmd/go} writes), and the byte before the end sentinel is a newline.
 */
final class GoLikeExecutable {

  private static final long BASE_ADDRESS = 0x400000;
  private static final int PAGE = 0x1000;
  private static final int ELF_HEADER_SIZE = 64;
  private static final int PROGRAM_HEADER_SIZE = 56;
  private static final int DATA_SIZE = 64 * 1024;
  private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] MODULE_START = HexFormat.of().parseHex("3077af0c9274080241e1c107e6d618e6");
  private static final byte[] MODULE_END = HexFormat.of().parseHex("f932433186182072008242104116d8f2");

  private GoLikeExecutable() {}

  /**
   * Returns an executable of about {@code size} bytes built from module {@code mainModule} with the
   * given dependency modules, whose versions come from {@code random}.
   */
  static byte[] build(Random random, int size, String mainModule, List<String> dependencies) {
    int codeSize = Math.max(PAGE, (size - DATA_SIZE) / PAGE * PAGE);
    ByteBuffer file = ByteBuffer.allocate(codeSize + DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    byte[] code = new byte[codeSize];
    random.nextBytes(code);
    file.put(code);

    file.position(0);
    file.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    file.putShort((short) 2); // ET_EXEC
    file.putShort((short) 0x3e); // EM_X86_64
    file.putInt(1);
    file.putLong(BASE_ADDRESS + PAGE);
    file.putLong(ELF_HEADER_SIZE);
    file.putLong(0); // no section headers
    file.putInt(0);
    file.putShort((short) ELF_HEADER_SIZE);
    file.putShort((short) PROGRAM_HEADER_SIZE);
    file.putShort((short) 2);
    file.putShort((short) 64);
    file.putShort((short) 0);
    file.putShort((short) 0);
    putLoadSegment(file, 5, 0, codeSize); // read and execute
    putLoadSegment(file, 6, codeSize, DATA_SIZE); // read and write

    file.position(codeSize);
    file.put(buildInfo(random, mainModule, dependencies));
    return file.array();
  }

  private static void putLoadSegment(ByteBuffer file, int flags, long offset, long size) {
    file.putInt(1); // PT_LOAD
    file.putInt(flags);
    file.putLong(offset);
    file.putLong(BASE_ADDRESS + offset);
    file.putLong(BASE_ADDRESS + offset);
    file.putLong(size);
    file.putLong(size);
    file.putLong(PAGE);
  }

  private static byte[] buildInfo(Random random, String mainModule, List<String> dependencies) {
    StringBuilder modules = new StringBuilder();
    modules.append("path\t").append(mainModule).append('\n');
    modules.append("mod\t").append(mainModule).append("\t(devel)\t\n");
    for (String dependency : dependencies) {
      modules.append("dep\t").append(dependency).append("\tv0.").append(random.nextInt(30)).append('.')
          .append(random.nextInt(10)).append("\th1:").append("A".repeat(43)).append("=\n");
    }
    modules.append("build\t-compiler=gc\n");
    modules.append("build\tCGO_ENABLED=0\n");
    modules.append("build\tGOARCH=amd64\n");
    modules.append("build\tGOOS=linux\n");
    ByteArrayOutputStream moduleText = new ByteArrayOutputStream();
    moduleText.writeBytes(MODULE_START);
    moduleText.writeBytes(modules.toString().getBytes(StandardCharsets.UTF_8));
    moduleText.writeBytes(MODULE_END);

    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.writeBytes(MAGIC);
    info.write(8); // pointer size
    info.write(2); // strings inline, little-endian
    info.writeBytes(new byte[16]);
    writeString(info, "go1.22.5".getBytes(StandardCharsets.US_ASCII));
    writeString(info, moduleText.toByteArray());
    return info.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, byte[] value) {
    long length = value.length;
    while (length >= 0x80) {
      out.write((int) (length & 0x7f) | 0x80);
      length >>>= 7;
    }
    out.write((int) length);
    out.writeBytes(value);
  }
}
