package io.hullscope.bench;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic names, versions and prose for the package evidence of the benchmark image, drawn from
 * one {@link Random} so the same seed gives the same image.
 */
final class EvidenceText {

  private static final String[] SYLLABLES = {
    "ac", "bel", "cor", "dex", "el", "fon", "gal", "hex", "io", "jun", "kel", "lum", "mor", "nex",
    "or", "pix", "quo", "ras", "sol", "tur", "ul", "vex", "wen", "xy", "yor", "zan", "bri", "cla",
  };
  private static final String[] WORDS = {
    "library", "tool", "parser", "format", "network", "client", "server", "data", "files", "support",
    "runtime", "module", "shared", "utility", "command", "line", "interface", "binding", "stream",
    "protocol", "secure", "fast", "small", "portable", "config", "cache", "index", "image", "layer",
    "with", "for", "the", "and", "of", "to", "a", "in", "is", "that", "this", "package", "provides",
  };

  private final Random random;
  private final Set<String> usedNames = new HashSet<>();

  EvidenceText(Random random) {
    this.random = random;
  }

  Random random() {
    return random;
  }

  /** Returns a lower-case name of two or three syllables that this instance has not returned before. */
  String uniqueName() {
    while (true) {
      StringBuilder name = new StringBuilder();
      int syllables = 2 + random.nextInt(2);
      for (int i = 0; i < syllables; i++) {
        name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
      if (usedNames.add(name.toString())) {
        return name.toString();
      }
    }
  }

  /** Returns a version such as {@code 2.14.3}. */
  String semver() {
    return random.nextInt(5) + "." + random.nextInt(30) + "." + random.nextInt(20);
  }

  /** Returns a Debian version: upstream version, revision, and now and then an epoch or a suffix. */
  String debianVersion() {
    StringBuilder version = new StringBuilder();
    if (random.nextInt(12) == 0) {
      version.append(1 + random.nextInt(3)).append(':');
    }
    version.append(semver());
    if (random.nextInt(8) == 0) {
      version.append("~rc").append(1 + random.nextInt(3));
    }
    version.append('-').append(1 + random.nextInt(6));
    if (random.nextInt(6) == 0) {
      version.append("+deb12u").append(1 + random.nextInt(4));
    }
    return version.toString();
  }

  /** Returns a phrase of {@code words} words without a final period. */
  String phrase(int words) {
    StringBuilder phrase = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        phrase.append(' ');
      }
      phrase.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return phrase.toString();
  }

  /** Returns a capitalized sentence of 6 to 17 words with a final period. */
  String sentence() {
    String phrase = phrase(6 + random.nextInt(12));
    return phrase.substring(0, 1).toUpperCase(Locale.ROOT) + phrase.substring(1) + ".";
  }

  /** Returns {@code sentences} sentences wrapped at about 72 characters a line. */
  String paragraph(int sentences) {
    StringBuilder text = new StringBuilder();
    int lineLength = 0;
    for (int i = 0; i < sentences; i++) {
      for (String word : sentence().split(" ")) {
        if (lineLength > 0 && lineLength + word.length() + 1 > 72) {
          text.append('\n');
          lineLength = 0;
        } else if (lineLength > 0) {
          text.append(' ');
          lineLength++;
        }
        text.append(word);
        lineLength += word.length();
      }
    }
    return text.toString();
  }
}
