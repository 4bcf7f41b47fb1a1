package io.hullscope.vuln;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Groups items that share an identifier, directly or through others: when A and B share a CVE id
 * and B and C share a GHSA id, all three are one group. Advisories of one flaw reach a scanner
 * under several ids, and this is how every reader of them reports the flaw once.
 */
final class IdGroups {

  private IdGroups() {}

  /**
   * Returns the groups (connected components over shared ids) in the order of their first item;
   * items keep their order within a group.
   */
  static <T> List<List<T>> of(List<T> items, Function<T, Collection<String>> ids) {
    int[] parent = new int[items.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      for (String id : ids.apply(items.get(i))) {
        Integer other = owner.putIfAbsent(id, i);
        if (other != null) {
          parent[root(parent, i)] = root(parent, other);
        }
      }
    }
    Map<Integer, List<T>> groups = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      groups.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(items.get(i));
    }
    return new ArrayList<>(groups.values());
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
