package io.hullscope.ui.vuln;

import io.hullscope.vuln.VulnSeverity;

/** How many vulnerabilities of a scan have one severity, for the summary bars. */
public record SeverityCount(VulnSeverity severity, int count) {}
