package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.AccountDatabase.GroupEntry;
import io.hullscope.check.AccountDatabase.PasswdEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountFilesTest {

  @Test
  void passwdKeepsValidLinesInOrder() {
    List<String> warnings = new ArrayList<>();

    List<PasswdEntry> users = AccountFiles.parsePasswd("etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\r\n# a comment\n\napp:x:1000:1001::/home/app:/bin/sh\n", warnings);

    assertThat(users).extracting(PasswdEntry::name).containsExactly("root", "app");
    assertThat(users.get(1).uid()).isEqualTo(1000);
    assertThat(users.get(1).gid()).isEqualTo(1001);
    assertThat(users.get(1).lineNumber()).isEqualTo(4);
    assertThat(users.get(0).line()).isEqualTo("root:x:0:0:root:/root:/bin/bash");
    assertThat(warnings).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "app",
      "app:x:1000",
      ":x:1000:1000::/:/bin/sh",
      "app:x:abc:1000::/:/bin/sh",
      "app:x:1000:-1::/:/bin/sh",
      "app:x:4294967295:1000::/:/bin/sh",
      "app:x:99999999999:1000::/:/bin/sh",
      "app:x: 1000:1000::/:/bin/sh",
      "app:x::1000::/:/bin/sh"})
  void passwdSkipsMalformedLineWithWarning(String line) {
    List<String> warnings = new ArrayList<>();

    List<PasswdEntry> users =
        AccountFiles.parsePasswd("etc/passwd", "root:x:0:0::/root:/bin/sh\n" + line + "\n", warnings);

    assertThat(users).extracting(PasswdEntry::name).containsExactly("root");
    assertThat(warnings).singleElement().asString().startsWith("/etc/passwd line 2 ");
  }

  @Test
  void passwdAcceptsLineWithOnlyFourFields() {
    List<String> warnings = new ArrayList<>();

    List<PasswdEntry> users = AccountFiles.parsePasswd("etc/passwd", "svc:x:70:71", warnings);

    assertThat(users).extracting(PasswdEntry::uid).containsExactly(70L);
    assertThat(warnings).isEmpty();
  }

  @Test
  void groupSkipsMalformedLines() {
    List<String> warnings = new ArrayList<>();

    List<GroupEntry> groups =
        AccountFiles.parseGroup("etc/group", "root:x:0:\nstaff:x\nweb:x:www:\napp:x:1000:alice,bob\n", warnings);

    assertThat(groups).extracting(GroupEntry::name).containsExactly("root", "app");
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).startsWith("/etc/group line 2 is invalid");
    assertThat(warnings.get(1)).contains("line 3", "'web'", "GID 'www'");
  }

  @Test
  void decodeRejectsNulBytes() {
    List<String> warnings = new ArrayList<>();

    String text = AccountFiles.decode("etc/passwd", new byte[] {'r', 'o', 0, 't'}, warnings);

    assertThat(text).isNull();
    assertThat(warnings).singleElement().asString().contains("/etc/passwd", "NUL");
  }

  @Test
  void decodeRejectsInvalidUtf8() {
    List<String> warnings = new ArrayList<>();

    String text = AccountFiles.decode("etc/group", new byte[] {'a', (byte) 0xc3, ':', 'x'}, warnings);

    assertThat(text).isNull();
    assertThat(warnings).singleElement().asString().contains("/etc/group", "UTF-8");
  }

  @Test
  void decodeKeepsUtf8Names() {
    List<String> warnings = new ArrayList<>();

    String text = AccountFiles.decode("etc/passwd", "jürgen:x:1000:1000::/:/bin/sh".getBytes(StandardCharsets.UTF_8),
        warnings);

    assertThat(AccountFiles.parsePasswd("etc/passwd", text, warnings)).extracting(PasswdEntry::name)
        .containsExactly("jürgen");
    assertThat(warnings).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "+5", "1e3", "0x10", "4294967295", "12345678901", " 1"})
  void parseIdRejectsNonIds(String text) {
    assertThat(AccountFiles.parseId(text)).isNull();
  }

  @Test
  void parseIdAcceptsRange() {
    assertThat(AccountFiles.parseId("0")).isZero();
    assertThat(AccountFiles.parseId("007")).isEqualTo(7L);
    assertThat(AccountFiles.parseId("4294967294")).isEqualTo(4_294_967_294L);
  }
}
