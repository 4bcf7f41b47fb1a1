package io.hullscope.samples;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * File contents shared by the training samples. Everything is generated from fixed seeds, so a
 * rebuild writes the same bytes; the "secrets" are made up here and grant access to nothing.
 */
final class SampleContent {

  private SampleContent() {}

  /**
   * Returns a minimal x86-64 Linux ELF executable that exits with status 0: one ELF header, one
   * loadable program header and three instructions. It stands in for the application binary.
   */
  static byte[] tinyElf() {
    byte[] code = HexFormat.of().parseHex("b83c000000" + "31ff" + "0f05"); // mov eax,60; xor edi,edi; syscall
    int headerSize = 64;
    int programHeaderSize = 56;
    long baseAddress = 0x400000L;
    int total = headerSize + programHeaderSize + code.length;
    ByteBuffer elf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    elf.putShort((short) 2); // ET_EXEC
    elf.putShort((short) 0x3e); // EM_X86_64
    elf.putInt(1);
    elf.putLong(baseAddress + headerSize + programHeaderSize); // entry point
    elf.putLong(headerSize); // program header offset
    elf.putLong(0); // no section headers
    elf.putInt(0);
    elf.putShort((short) headerSize);
    elf.putShort((short) programHeaderSize);
    elf.putShort((short) 1);
    elf.putShort((short) 0);
    elf.putShort((short) 0);
    elf.putShort((short) 0);
    elf.putInt(1); // PT_LOAD
    elf.putInt(5); // readable and executable
    elf.putLong(0);
    elf.putLong(baseAddress);
    elf.putLong(baseAddress);
    elf.putLong(total);
    elf.putLong(total);
    elf.putLong(0x1000);
    elf.put(code);
    return elf.array();
  }

  /** Returns a shell script that stands in for a real shell or tool binary of the same name. */
  static byte[] standIn(String tool) {
    return ("#!/bin/false\n# Stand-in for " + tool + " in a Hullscope training sample. It does nothing.\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Returns an Ed25519 private key in PKCS#8 PEM form, made from a fixed seed. */
  static String ed25519PrivateKeyPem(long seed) {
    byte[] prefix = HexFormat.of().parseHex("302e020100300506032b657004220420");
    byte[] key = new byte[prefix.length + 32];
    System.arraycopy(prefix, 0, key, 0, prefix.length);
    byte[] secret = new byte[32];
    new Random(seed).nextBytes(secret);
    System.arraycopy(secret, 0, key, prefix.length, 32);
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key)
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** Returns {@code length} characters from {@code alphabet}, chosen by a seeded generator. */
  static String token(long seed, String alphabet, int length) {
    Random random = new Random(seed);
    StringBuilder token = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return token.toString();
  }

  /** Returns {@code size} bytes of seeded noise, for files that only take up space. */
  static byte[] noise(long seed, int size) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** Returns one paragraph of a dpkg status file for an installed package. */
  static String dpkgStatus(String name, String source, String version, String architecture, int installedSizeKb, String depends) {
    StringBuilder entry = new StringBuilder();
    entry.append("Package: ").append(name).append('\n');
    entry.append("Status: install ok installed\n");
    entry.append("Priority: optional\n");
    entry.append("Installed-Size: ").append(installedSizeKb).append('\n');
    entry.append("Maintainer: Debian Maintainers <debian-devel@lists.debian.org>\n");
    entry.append("Architecture: ").append(architecture).append('\n');
    if (source != null) {
      entry.append("Source: ").append(source).append('\n');
    }
    entry.append("Version: ").append(version).append('\n');
    if (depends != null) {
      entry.append("Depends: ").append(depends).append('\n');
    }
    entry.append("Description: ").append(name).append(" (package record in a Hullscope training sample)\n");
    return entry.toString();
  }
}
