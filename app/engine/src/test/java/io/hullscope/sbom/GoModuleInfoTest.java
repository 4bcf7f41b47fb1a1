package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoModuleInfoTest {

  @Test
  void sentinelsAreStripped() {
    GoModuleInfo info = GoModuleInfo.parse(GoBuildInfoFixtures.withSentinels(GoBuildInfoFixtures.MODULE_TEXT));

    assertThat(info.path()).isEqualTo("example.org/tool/cmd/tool");
    assertThat(info.main()).isEqualTo(new GoModuleInfo.Module("example.org/tool", "v1.4.0", "h1:abc=", null));
    assertThat(info.dependencies()).extracting(GoModuleInfo.Module::path)
        .containsExactly("github.com/pkg/errors", "golang.org/x/net");
    assertThat(info.settings()).containsEntry("GOARCH", "arm64").containsEntry("-compiler", "gc");
  }

  @Test
  void textWithoutSentinelsIsReadAsIs() {
    GoModuleInfo info = GoModuleInfo.parse(bytes("path\tx/cmd\nmod\tx\tv0.1.0\t\n"));

    assertThat(info.main().path()).isEqualTo("x");
    assertThat(info.main().sum()).isNull();
  }

  @Test
  void replacementAppliesToLineBefore() {
    GoModuleInfo info = GoModuleInfo.parse(bytes(
        "mod\tm\t(devel)\t\n=>\t../m\t(devel)\t\ndep\ta\tv1.0.0\t\ndep\tb\tv2.0.0\t\n=>\tc\tv2.0.1\th1:x=\n"));

    assertThat(info.main().replacement().path()).isEqualTo("../m");
    assertThat(info.dependencies().get(0).replacement()).isNull();
    assertThat(info.dependencies().get(1).replacement()).isEqualTo(new GoModuleInfo.Module("c", "v2.0.1", "h1:x=", null));
  }

  @Test
  void malformedAndUnknownLinesAreIgnored() {
    GoModuleInfo info = GoModuleInfo.parse(bytes(
        "=>\torphan\tv1\t\ndep\ndep\t\tv1\nbuild\tnoequals\nbuild\t=empty\nfuture\tline\ndep\tok\tv1.2.3\n"));

    assertThat(info.main()).isNull();
    assertThat(info.dependencies()).extracting(GoModuleInfo.Module::path).containsExactly("ok");
    assertThat(info.settings()).isEmpty();
  }

  @Test
  void emptyTextHasNoModules() {
    GoModuleInfo info = GoModuleInfo.parse(new byte[0]);

    assertThat(info.path()).isNull();
    assertThat(info.main()).isNull();
    assertThat(info.dependencies()).isEmpty();
  }

  @Test
  void stdlibVersionDropsPrefixAndSuffix() {
    assertThat(GoBinaryCataloger.standardLibraryVersion("go1.21.3")).isEqualTo("1.21.3");
    assertThat(GoBinaryCataloger.standardLibraryVersion("go1.21.3 X:boringcrypto")).isEqualTo("1.21.3");
    assertThat(GoBinaryCataloger.standardLibraryVersion("devel +abc")).isEqualTo("devel +abc");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
