package io.hullscope.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the evidence of one finding up to a maximum, so that a check that fires on thousands of
 * files still yields one finding of bounded size. Items past the maximum are counted, and
 * {@link #items()} ends with one item that gives how many were left out.
 */
final class EvidenceList {

  /** Default number of items kept per finding. */
  static final int DEFAULT_MAX_ITEMS = 20;

  private final int maxItems;
  private final List<Evidence> items = new ArrayList<>();
  private int total;

  EvidenceList(int maxItems) {
    if (maxItems < 1) {
      throw new IllegalArgumentException("an evidence list must keep at least one item, not " + maxItems);
    }
    this.maxItems = maxItems;
  }

  void add(Evidence evidence) {
    total++;
    if (items.size() < maxItems) {
      items.add(evidence);
    }
  }

  boolean isEmpty() {
    return total == 0;
  }

  /** Number of items added, including those left out. */
  int total() {
    return total;
  }

  /** The kept items, followed by a note on how many more there were when some were left out. */
  List<Evidence> items() {
    if (total <= items.size()) {
      return List.copyOf(items);
    }
    List<Evidence> capped = new ArrayList<>(items);
    Evidence.Kind kind = items.get(items.size() - 1).kind();
    capped.add(Evidence.of(kind, "and " + (total - items.size()) + " more not listed"));
    return capped;
  }

  /** The texts of the kept items joined by "; ", with the count of those left out. */
  String summary() {
    StringBuilder text = new StringBuilder();
    for (Evidence item : items) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(item.path() != null ? "/" + item.path() + (item.text().isEmpty() ? "" : " (" + item.text() + ")")
          : item.text());
    }
    if (total > items.size()) {
      text.append("; and ").append(total - items.size()).append(" more");
    }
    return text.toString();
  }
}
