/**
 * Software bill of materials: catalogers for OS package databases and language ecosystems, the
 * collector that builds an image's SBOM during indexing with each package attributed to its
 * layers, CycloneDX and SPDX export and import, and the comparison of two SBOMs.
 */
package io.hullscope.sbom;
