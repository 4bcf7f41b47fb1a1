package io.hullscope.sbom;

/** One paragraph of a package database is invalid; parsers skip it unless no paragraph is valid. */
final class MalformedParagraphException extends Exception {

  MalformedParagraphException(String message) {
    super(message);
  }
}
