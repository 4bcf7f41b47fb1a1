/**
 * Comparison of two images: config, layers, files, packages, vulnerabilities and hardening
 * findings, with Markdown, HTML and JSON writers. {@link io.hullscope.compare.ImageComparison} is
 * the one result that the CLI's {@code diff} command and the desktop's Compare window read.
 */
package io.hullscope.compare;
