package io.hullscope.index;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves symlinks inside a squashed tree, in every component of a path, as the kernel would
 * inside a container: absolute targets start at the image root and {@code ..} never leaves it.
 */
final class SymlinkResolver {

  /** Most symlinks followed for one path, as Linux allows (MAXSYMLINKS). */
  static final int MAX_LINKS = 40;

  /** A path could not be resolved. The message gives the reason. */
  static final class ResolutionException extends Exception {
    ResolutionException(String message) {
      super(message);
    }
  }

  private SymlinkResolver() {}

  /** Returns the normalized path that {@code path} leads to after following every symlink. */
  static String resolve(FileTree tree, String path) throws ResolutionException {
    Deque<String> pending = new ArrayDeque<>(components(path));
    List<String> resolved = new ArrayList<>();
    List<String> chain = new ArrayList<>();
    while (!pending.isEmpty()) {
      String name = pending.pollFirst();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      String candidate = resolved.isEmpty() ? name : String.join("/", resolved) + "/" + name;
      TreeNode node = tree.find(candidate).orElseThrow(() -> new ResolutionException(
          "'" + EntryNames.display(candidate) + "' does not exist" + via(chain)));
      FileEntry entry = node.entry();
      if (entry != null && entry.type() == EntryType.SYMLINK) {
        chain.add(candidate + " -> " + entry.linkTarget());
        if (chain.size() > MAX_LINKS) {
          throw new ResolutionException("more than " + MAX_LINKS + " symlinks, probably a loop" + via(chain));
        }
        if (entry.linkTarget().startsWith("/")) {
          resolved.clear();
        }
        List<String> target = components(entry.linkTarget());
        for (int i = target.size() - 1; i >= 0; i--) {
          pending.addFirst(target.get(i));
        }
        continue;
      }
      if (!pending.isEmpty() && !node.isDirectory()) {
        throw new ResolutionException("'" + EntryNames.display(candidate) + "' is not a directory" + via(chain));
      }
      resolved.add(name);
    }
    return String.join("/", resolved);
  }

  private static List<String> components(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static String via(List<String> chain) {
    if (chain.isEmpty()) {
      return "";
    }
    List<String> shown = chain.size() <= 6 ? chain : chain.subList(chain.size() - 6, chain.size());
    return " (following " + EntryNames.display(String.join(", ", shown)) + ")";
  }
}
