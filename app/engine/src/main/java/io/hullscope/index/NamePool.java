package io.hullscope.index;

/**
 * A pool that gives equal names one shared {@link String}, so a tree of many files called
 * {@code index.js} keeps that name once. A name is looked up as a region of a longer path, so
 * looking up a name that is already pooled allocates nothing.
 */
final class NamePool {

  private String[] table = new String[1024];
  private int size;

  /** Returns the pooled string equal to {@code text.substring(start, end)}, adding it when new. */
  String intern(String text, int start, int end) {
    int slot = slotOf(text, start, end);
    if (table[slot] != null) {
      return table[slot];
    }
    String name = text.substring(start, end);
    table[slot] = name;
    if (++size * 2 > table.length) {
      grow();
    }
    return name;
  }

  /** Returns the pooled string equal to {@code text.substring(start, end)}, or null when it is not pooled. */
  String find(String text, int start, int end) {
    return table[slotOf(text, start, end)];
  }

  /** Returns the slot that contains the region's name, or the empty slot where it would go. */
  private int slotOf(String text, int start, int end) {
    int length = end - start;
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + text.charAt(i); // String.hashCode() of the region
    }
    int mask = table.length - 1;
    int slot = spread(hash) & mask;
    for (String pooled = table[slot]; pooled != null; pooled = table[slot]) {
      if (pooled.length() == length && text.regionMatches(start, pooled, 0, length)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Returns the pooled string equal to {@code name}, adding it when new. */
  String intern(String name) {
    return intern(name, 0, name.length());
  }

  private void grow() {
    String[] old = table;
    table = new String[old.length * 2];
    int mask = table.length - 1;
    for (String name : old) {
      if (name != null) {
        int slot = spread(name.hashCode()) & mask;
        while (table[slot] != null) {
          slot = (slot + 1) & mask;
        }
        table[slot] = name;
      }
    }
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
