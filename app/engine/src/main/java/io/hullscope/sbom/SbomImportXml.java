package io.hullscope.sbom;

import java.io.ByteArrayInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks a CycloneDX XML document before the CycloneDX parser reads it: no document type
 * declaration, bounded element depth and text length, well-formed, and a root {@code bom} element
 * in a CycloneDX
 * namespace, whose version it returns.
 *
 * <p>A DTD is rejected outright, because CycloneDX XML never needs one and it is the way in for
 * external entities (XXE) and entity expansion. The check runs with DTD support and external
 * entities switched off, so the declaration is seen as an event and nothing is resolved.
 */
final class SbomImportXml {

  private static final Pattern NAMESPACE = Pattern.compile("http://cyclonedx\\.org/schema/bom/(1\\.[0-9])");

  private SbomImportXml() {}

  /** Returns the CycloneDX version from the root element's namespace, for example {@code 1.6}. */
  static String checkAndFindVersion(String name, byte[] content, int maxDepth, int maxTextLength)
      throws SbomImportException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    String version = null;
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new ByteArrayInputStream(content));
      int depth = 0;
      long textLength = 0;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          // A parser may report one text node in several chunks, so the chunks are added up.
          textLength += reader.getTextLength();
          if (textLength > maxTextLength) {
            throw new SbomImportException("failed to import SBOM " + name + ": an XML text is longer than the limit of "
                + maxTextLength + " characters");
          }
          continue;
        }
        textLength = 0;
        if (event == XMLStreamConstants.DTD) {
          throw new SbomImportException("failed to import SBOM " + name
              + ": the XML has a document type declaration (DTD), which CycloneDX does not use and which is"
              + " rejected because it can pull in external entities");
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
          throw new SbomImportException("failed to import SBOM " + name + ": the XML refers to the undeclared entity '"
              + reader.getLocalName() + "'");
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth > maxDepth) {
            throw new SbomImportException("failed to import SBOM " + name + ": XML elements are nested deeper than "
                + maxDepth + " levels");
          }
          if (depth == 1) {
            version = rootVersion(name, reader);
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
      throw new SbomImportException("failed to import SBOM " + name + ": invalid XML" + where + ": "
          + firstLine(e.getMessage()), e);
    } finally {
      close(reader);
    }
    if (version == null) {
      throw new SbomImportException("failed to import SBOM " + name + ": the XML has no root element");
    }
    return version;
  }

  private static String rootVersion(String name, XMLStreamReader reader) throws SbomImportException {
    String namespace = reader.getNamespaceURI();
    if (!"bom".equals(reader.getLocalName())) {
      throw new SbomImportException("failed to import SBOM " + name + ": the XML root element is '"
          + reader.getLocalName() + "', but a CycloneDX document starts with 'bom'");
    }
    Matcher matcher = NAMESPACE.matcher(namespace == null ? "" : namespace);
    if (!matcher.matches()) {
      throw new SbomImportException("failed to import SBOM " + name + ": the XML namespace '" + namespace
          + "' is not a CycloneDX namespace such as http://cyclonedx.org/schema/bom/1.6");
    }
    String version = matcher.group(1);
    if (version.compareTo("1.7") > 0) {
      throw new SbomImportException("failed to import SBOM " + name + ": CycloneDX " + version
          + " is not supported; versions 1.0 to 1.7 are");
    }
    return version;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static void close(XMLStreamReader reader) {
    if (reader == null) {
      return;
    }
    try {
      reader.close();
    } catch (XMLStreamException e) {
      // Closing a reader over a byte array releases nothing that could fail in a way worth reporting.
    }
  }
}
