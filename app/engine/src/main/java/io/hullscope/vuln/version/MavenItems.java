package io.hullscope.vuln.version;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/** The item tree of a Maven version and its ordering; see {@link MavenVersion} for the rules. */
final class MavenItems {

  /**
   * Maximum nesting of lists. Comparison recurses into nested lists, so this bounds the stack depth;
   * real versions nest a handful of levels.
   */
  static final int MAX_DEPTH = 200;

  private MavenItems() {}

  /** One component of a version. A null item is the padding of a shorter list. */
  sealed interface Item permits NumberItem, QualifierItem, CombinationItem, ListItem {

    /** Compares with another item, or with the padding when {@code other} is null. */
    int compareTo(Item other);

    /** Returns whether the item equals the padding, so that it can be dropped at a list's end. */
    boolean isPadding();
  }

  /** A run of digits, kept without leading zeros so that numbers of any size compare. */
  record NumberItem(String digits) implements Item {

    static NumberItem of(String text) {
      int start = 0;
      while (start < text.length() - 1 && text.charAt(start) == '0') {
        start++;
      }
      return new NumberItem(text.substring(start));
    }

    @Override
    public int compareTo(Item other) {
      if (other == null) {
        return isPadding() ? 0 : 1;
      }
      if (other instanceof NumberItem number) {
        return VersionText.compareDigits(digits, number.digits);
      }
      return 1;
    }

    @Override
    public boolean isPadding() {
      return digits.equals("0");
    }
  }

  /** A word, ranked as a known qualifier or after all of them. */
  record QualifierItem(String word, int rank) implements Item {

    private static final String[] ORDER = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};
    private static final int RELEASE = 5;

    static QualifierItem of(String word, boolean followedByDigit) {
      if (followedByDigit && word.length() == 1) {
        switch (word) {
          case "a" -> word = "alpha";
          case "b" -> word = "beta";
          case "m" -> word = "milestone";
          default -> { }
        }
      }
      switch (word) {
        case "ga", "final", "release" -> word = "";
        case "cr" -> word = "rc";
        default -> { }
      }
      for (int i = 0; i < ORDER.length; i++) {
        if (ORDER[i].equals(word)) {
          return new QualifierItem(word, i);
        }
      }
      return new QualifierItem(word, ORDER.length);
    }

    @Override
    public int compareTo(Item other) {
      if (other == null) {
        return Integer.signum(Integer.compare(rank, RELEASE));
      }
      if (other instanceof QualifierItem qualifier) {
        return compareQualifiers(qualifier);
      }
      if (other instanceof CombinationItem combination) {
        int result = compareQualifiers(combination.qualifier());
        return result != 0 ? result : -1;
      }
      return -1;
    }

    int compareQualifiers(QualifierItem other) {
      if (rank != other.rank) {
        return rank < other.rank ? -1 : 1;
      }
      return rank == ORDER.length ? Integer.signum(word.compareTo(other.word)) : 0;
    }

    @Override
    public boolean isPadding() {
      return rank == RELEASE;
    }
  }

  /** A word directly followed by digits, such as {@code rc1}: the word ranks first, then the number. */
  record CombinationItem(QualifierItem qualifier, NumberItem number) implements Item {

    @Override
    public int compareTo(Item other) {
      if (other == null) {
        int result = qualifier.compareTo(null);
        return result != 0 ? result : number.compareTo(null);
      }
      if (other instanceof CombinationItem combination) {
        int result = qualifier.compareQualifiers(combination.qualifier);
        return result != 0 ? result : number.compareTo(combination.number);
      }
      if (other instanceof QualifierItem word) {
        return -word.compareTo(this);
      }
      return -1;
    }

    @Override
    public boolean isPadding() {
      return false;
    }
  }

  /** A list of items; nested lists start at {@code -} and where digits turn into letters. */
  static final class ListItem implements Item {
    private final List<Item> items = new ArrayList<>();

    @Override
    public int compareTo(Item other) {
      if (other == null) {
        return items.isEmpty() ? 0 : items.get(0).compareTo(null);
      }
      if (other instanceof NumberItem) {
        return -1;
      }
      if (!(other instanceof ListItem list)) {
        return 1;
      }
      int size = Math.max(items.size(), list.items.size());
      for (int i = 0; i < size; i++) {
        Item left = i < items.size() ? items.get(i) : null;
        Item right = i < list.items.size() ? list.items.get(i) : null;
        int result;
        if (left != null) {
          result = left.compareTo(right);
        } else {
          result = -right.compareTo(null);
        }
        if (result != 0) {
          return result;
        }
      }
      return 0;
    }

    @Override
    public boolean isPadding() {
      return items.isEmpty();
    }

    /** Drops trailing padding, looking past nested lists that are not padding themselves. */
    private void normalize() {
      for (int i = items.size() - 1; i >= 0; i--) {
        Item item = items.get(i);
        if (item.isPadding()) {
          items.remove(i);
        } else if (!(item instanceof ListItem)) {
          break;
        }
      }
    }

    @Override
    public String toString() {
      return items.toString();
    }
  }

  /**
   * Builds the item tree of a version string.
   *
   * @throws InvalidVersionException when lists nest deeper than {@link #MAX_DEPTH}
   */
  static ListItem parse(String original) {
    String version = original.toLowerCase(Locale.ROOT);
    ListItem root = new ListItem();
    ListItem list = root;
    Deque<ListItem> lists = new ArrayDeque<>();
    lists.push(root);
    boolean digits = false;
    boolean combination = false;
    boolean wordAfterDigits = false;
    int start = 0;
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c == '.' || c == '-') {
        list.items.add(i == start ? new NumberItem("0") : item(version.substring(start, i), digits, combination));
        combination = false;
        wordAfterDigits = false;
        start = i + 1;
        if (c == '-') {
          list = nested(list, lists, original);
        }
      } else if (Character.isDigit(c)) {
        if (!digits && i > start) {
          if (wordAfterDigits) {
            // Digits, a word and digits, as in "1b2": the word and the number are separate
            // items, like "1-beta-2".
            list.items.add(QualifierItem.of(version.substring(start, i), true));
            start = i;
            list = nested(list, lists, original);
            wordAfterDigits = false;
          } else {
            // A word directly followed by digits, as in "rc1", is one item in a list of its own.
            combination = true;
            if (!list.items.isEmpty()) {
              list = nested(list, lists, original);
            }
          }
        }
        digits = true;
      } else {
        if (digits && i > start) {
          list.items.add(item(version.substring(start, i), true, combination));
          start = i;
          list = nested(list, lists, original);
          combination = false;
          wordAfterDigits = true;
        }
        digits = false;
      }
    }

    if (version.length() > start) {
      // A trailing word after a dot is treated like one after a hyphen: 1.0.0.x1 < 1.0.0-x2.
      if (!digits && !list.items.isEmpty()) {
        list = nested(list, lists, original);
      }
      list.items.add(item(version.substring(start), digits, combination));
    }

    while (!lists.isEmpty()) {
      lists.pop().normalize();
    }
    return root;
  }

  private static ListItem nested(ListItem parent, Deque<ListItem> lists, String version) {
    if (lists.size() >= MAX_DEPTH) {
      throw new InvalidVersionException(
          "maven",
          VersionText.printable(version),
          "more than " + MAX_DEPTH + " nested parts (each '-' or change from digits to letters starts one)");
    }
    ListItem child = new ListItem();
    parent.items.add(child);
    lists.push(child);
    return child;
  }

  private static Item item(String text, boolean digits, boolean combination) {
    if (combination) {
      String compact = text.replace("-", "");
      int split = 0;
      while (split < compact.length() && !Character.isDigit(compact.charAt(split))) {
        split++;
      }
      return new CombinationItem(
          QualifierItem.of(compact.substring(0, split), true), NumberItem.of(toAsciiDigits(compact.substring(split))));
    }
    if (digits) {
      return NumberItem.of(toAsciiDigits(text));
    }
    return QualifierItem.of(text, false);
  }

  /** Maps every Unicode decimal digit to its ASCII digit, because Maven reads them as numbers. */
  private static String toAsciiDigits(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : c);
    }
    return out.toString();
  }
}
