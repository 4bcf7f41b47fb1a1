package io.hullscope.report;

/** The inline style sheet of the HTML report, with rules for print. */
final class HtmlStyle {

  private HtmlStyle() {}

  /** System fonts only: the report loads nothing from elsewhere. */
  static final String CSS = """
      :root { --critical: #8b1a1a; --high: #c2410c; --medium: #b58100; --low: #2563eb; --info: #6b7280;
        --line: #d9dce1; --muted: #5b6270; --paper: #ffffff; --ink: #1d232b; }
      * { box-sizing: border-box; }
      body { margin: 0 auto; max-width: 1100px; padding: 24px 32px; background: var(--paper); color: var(--ink);
        font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
        font-size: 0.9em; overflow-wrap: anywhere; }
      h1 { margin: 0; font-size: 26px; }
      h2 { margin: 28px 0 10px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
      h3 { margin: 22px 0 8px; font-size: 17px; }
      h4 { margin: 0 0 4px; font-size: 15px; }
      header { display: flex; gap: 24px; align-items: flex-start; }
      .heading p { margin: 2px 0; }
      .image { font-size: 18px; font-weight: 600; overflow-wrap: anywhere; }
      .digest { color: var(--muted); }
      .grade { flex: none; width: 96px; height: 96px; border-radius: 12px; color: #fff; font-size: 60px;
        font-weight: 700; line-height: 96px; text-align: center; }
      .grade-a { background: #15803d; } .grade-b { background: #4d7c0f; } .grade-c { background: #b58100; }
      .grade-d { background: #c2410c; } .grade-f { background: #8b1a1a; }
      .counts { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 10px 0 0; }
      .counts li { border: 1px solid var(--line); border-left-width: 6px; border-radius: 4px; padding: 2px 10px; }
      .counts .count { font-weight: 700; }
      .counts .sev-critical { border-left-color: var(--critical); } .counts .sev-high { border-left-color: var(--high); }
      .counts .sev-medium { border-left-color: var(--medium); } .counts .sev-low { border-left-color: var(--low); }
      .counts .sev-info { border-left-color: var(--info); }
      .charts { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 24px; }
      figure { flex: 1 1 380px; margin: 0; padding: 12px 16px; border: 1px solid var(--line); border-radius: 6px; }
      figcaption { font-weight: 600; margin-bottom: 6px; }
      .chart { display: block; max-width: 100%; height: auto; }
      .chart-label, .chart-value { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
        fill: var(--ink); }
      .bar-critical { fill: var(--critical); } .bar-high { fill: var(--high); } .bar-medium { fill: var(--medium); }
      .bar-low { fill: var(--low); } .bar-info { fill: var(--info); } .bar-family { fill: #475569; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
      th { background: #f3f4f6; }
      .num { text-align: right; width: 5em; font-variant-numeric: tabular-nums; }
      tr.total td { font-weight: 700; border-bottom: none; }
      .points code { overflow-wrap: normal; white-space: nowrap; }
      .pill { display: inline-block; min-width: 5.5em; text-align: center; border-radius: 999px; padding: 0 8px;
        color: #fff; font-size: 12px; font-weight: 600; text-transform: uppercase; vertical-align: 1px; }
      .pill.sev-critical { background: var(--critical); } .pill.sev-high { background: var(--high); }
      .pill.sev-medium { background: var(--medium); } .pill.sev-low { background: var(--low); }
      .pill.sev-info { background: var(--info); }
      .finding { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: 10px 14px;
        margin: 10px 0; }
      .finding.sev-critical { border-left-color: var(--critical); } .finding.sev-high { border-left-color: var(--high); }
      .finding.sev-medium { border-left-color: var(--medium); } .finding.sev-low { border-left-color: var(--low); }
      .finding.sev-info { border-left-color: var(--info); }
      .meta { margin: 0 0 6px; color: var(--muted); font-size: 13px; }
      dl { display: grid; grid-template-columns: 11em 1fr; gap: 4px 12px; margin: 0; }
      dt { font-weight: 600; color: var(--muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      ul.evidence { margin: 0; padding-left: 18px; }
      footer { margin-top: 32px; color: var(--muted); font-size: 13px; }
      @media print {
        @page { size: A4; margin: 14mm; }
        body { max-width: none; padding: 0; font-size: 10.5pt; }
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        h2, h3 { break-after: avoid; }
        .finding, figure, tr, header { break-inside: avoid; }
        .charts { gap: 12px; flex-wrap: nowrap; }
        .charts figure { flex: 1 1 0; min-width: 0; }
      }
      """;
}
