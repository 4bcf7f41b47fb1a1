/** Checks that turn what Hullscope knows into findings with evidence and concrete fixes. */
package io.hullscope.check;
