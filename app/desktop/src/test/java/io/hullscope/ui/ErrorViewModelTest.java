package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorViewModelTest {

  @Test
  void messageNamesActionAndReason() {
    ErrorViewModel error = new ErrorViewModel();

    error.show("Opening app:1 failed", new IOException("layer 2 is truncated"));

    assertThat(error.messageProperty().get()).isEqualTo("Opening app:1 failed: layer 2 is truncated");
    assertThat(error.visibleProperty().get()).isTrue();
  }

  @Test
  void detailsListCausesWithoutStackFrames() {
    ErrorViewModel error = new ErrorViewModel();

    error.show("Opening app:1 failed", new IOException("read failed", new IllegalStateException("bad header")));

    assertThat(error.detailsProperty().get()).isEqualTo(
        "java.io.IOException: read failed\ncaused by java.lang.IllegalStateException: bad header");
    assertThat(error.detailsProperty().get()).doesNotContain("\tat ");
  }

  @Test
  void summarySkipsWrapperWithoutOwnMessage() {
    assertThat(ErrorViewModel.summary(new RuntimeException(new IOException("disk full")))).isEqualTo("disk full");
  }

  @Test
  void dismissHidesBanner() {
    ErrorViewModel error = new ErrorViewModel();
    error.show("Opening failed", new IOException("x"));

    error.dismiss();

    assertThat(error.visibleProperty().get()).isFalse();
    assertThat(error.messageProperty().get()).isEmpty();
  }

  @Test
  void copyTextHasMessageCausesAndStackTrace() {
    ErrorViewModel error = new ErrorViewModel();
    error.show("Opening app:1 failed", new IOException("read failed", new IllegalStateException("bad header")));

    String copied = error.copyText();

    assertThat(copied).startsWith("Opening app:1 failed: read failed\n\njava.io.IOException: read failed\n");
    assertThat(copied).contains("caused by java.lang.IllegalStateException: bad header");
    assertThat(copied).contains("Stack trace:\njava.io.IOException: read failed");
    assertThat(copied).contains("\tat io.hullscope.ui.ErrorViewModelTest.copyTextHasMessageCausesAndStackTrace");
  }

  @Test
  void copyTextEmptyAfterDismiss() {
    ErrorViewModel error = new ErrorViewModel();
    error.show("Opening failed", new IOException("x"));

    error.dismiss();

    assertThat(error.copyText()).isEmpty();
  }
}
