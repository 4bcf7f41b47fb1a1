package io.hullscope.vuln;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Distinct problem sentences of one scan or report. The list is capped, so a huge image or a hostile
 * report cannot flood the result, and it ends with how many sentences were left out.
 */
final class Problems {
  private final int max;
  private final Set<String> messages = new LinkedHashSet<>();
  private int dropped;

  /** @param max how many distinct sentences are kept */
  Problems(int max) {
    this.max = max;
  }

  void add(String message) {
    if (messages.contains(message)) {
      return;
    }
    if (messages.size() < max) {
      messages.add(message);
    } else {
      dropped++;
    }
  }

  List<String> list() {
    List<String> list = new ArrayList<>(messages);
    if (dropped > 0) {
      list.add(dropped + " more problems were left out");
    }
    return list;
  }
}
