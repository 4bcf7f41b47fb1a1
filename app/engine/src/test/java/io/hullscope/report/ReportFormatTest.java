package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ReportFormatTest {

  @ParameterizedTest
  @CsvSource({"md, MARKDOWN", "Markdown, MARKDOWN", "html, HTML", "JSON, JSON", "sarif, SARIF"})
  void parseAcceptsExtensionAndName(String name, ReportFormat expected) {
    assertThat(ReportFormat.parse(name)).isEqualTo(expected);
  }

  @Test
  void parseRejectsUnknownName() {
    assertThatThrownBy(() -> ReportFormat.parse("pdf")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'pdf'").hasMessageContaining("md, html, json or sarif");
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void writerLeavesStreamOpen(ReportFormat format) throws IOException {
    CloseTracking out = new CloseTracking();

    ReportWriters.write(HandMadeReports.full(), format, out);

    assertThat(out.closed).isFalse();
    assertThat(out.size()).isPositive();
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void writeFailureIsIoException(ReportFormat format) {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }
    };

    assertThatThrownBy(() -> ReportWriters.write(HandMadeReports.full(), format, broken))
        .isInstanceOf(IOException.class);
  }

  private static final class CloseTracking extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
