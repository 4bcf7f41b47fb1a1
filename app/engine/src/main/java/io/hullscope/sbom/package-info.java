/**
 * Software bill of materials: the package model and the parsers of operating system package
 * databases (dpkg, apk) and {@code os-release}. Catalogers for other ecosystems, layer
 * attribution and CycloneDX/SPDX export are not built yet.
 */
package io.hullscope.sbom;
