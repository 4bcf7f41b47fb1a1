package io.hullscope.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws a horizontal bar chart as inline SVG: one row per bar with its label on the left and its
 * value after the bar. Colours come from the page's CSS classes, so the chart prints with the page.
 */
final class BarChart {

  private static final int WIDTH = 460;
  private static final int LABEL_WIDTH = 130;
  private static final int VALUE_WIDTH = 40;
  private static final int ROW_HEIGHT = 26;
  private static final int BAR_HEIGHT = 16;

  private BarChart() {}

  /** Returns the SVG element; {@code title} is its accessible name. */
  static String svg(String title, List<HtmlReportWriter.Bar> bars) {
    int max = bars.stream().mapToInt(HtmlReportWriter.Bar::value).max().orElse(0);
    int height = Math.max(1, bars.size()) * ROW_HEIGHT + 4;
    int barArea = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\">\n");
    svg.append("<title>").append(HtmlReportWriter.escape(title)).append("</title>\n");
    if (bars.isEmpty()) {
      svg.append("<text x=\"0\" y=\"18\" class=\"chart-label\">nothing to show</text>\n");
    }
    for (int i = 0; i < bars.size(); i++) {
      HtmlReportWriter.Bar bar = bars.get(i);
      int y = i * ROW_HEIGHT + 4;
      int length = max == 0 ? 0 : (int) Math.round((double) bar.value() / max * barArea);
      int textY = y + BAR_HEIGHT - 3;
      svg.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(textY)
          .append("\" text-anchor=\"end\" class=\"chart-label\">").append(HtmlReportWriter.escape(shorten(bar.label())))
          .append("</text>\n");
      svg.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
          .append(Math.max(length, bar.value() > 0 ? 2 : 0)).append("\" height=\"").append(BAR_HEIGHT)
          .append("\" rx=\"2\" class=\"").append(cssClass(bar.cssClass())).append("\"/>\n");
      svg.append("<text x=\"").append(LABEL_WIDTH + length + 6).append("\" y=\"").append(textY)
          .append("\" class=\"chart-value\">").append(bar.value()).append("</text>\n");
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** Keeps long family names inside the label column. */
  private static String shorten(String label) {
    return label.length() <= 18 ? label : label.substring(0, 17) + "…";
  }

  /** Class names come from our code, but are reduced to safe characters all the same. */
  private static String cssClass(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
  }
}
