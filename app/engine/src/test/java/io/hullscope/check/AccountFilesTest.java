package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.AccountDatabase.GroupEntry;
import io.hullscope.check.AccountDatabase.PasswdEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "app                               | app | 0    | 0",
      "app:x:1000                        | app | 1000 | 0",
      "app:x:1000:1000                   | app | 1000 | 1000",
      "app:x:abc:1000::/:/bin/sh         | app | 0    | 1000",
      "app:x:1000:-1::/:/bin/sh          | app | 1000 | -1",
      "app:x:2147483648:1000::/:/bin/sh  | app | 2147483648 | 1000",
      "app:x:99999999999999999999:1::/:/ | app | 0    | 1",
      "app:x::1000::/:/bin/sh            | app | 0    | 1000",
      "':x:1000:1000::/:/bin/sh'         | ''  | 1000 | 1000"})
  void passwdReadsMalformedLineLikeRuntime(String line, String name, long uid, long gid) {
    List<String> warnings = new ArrayList<>();

    List<PasswdEntry> users =
        AccountFiles.parsePasswd("etc/passwd", "root:x:0:0::/root:/bin/sh\n" + line + "\n", warnings);

    assertThat(users).hasSize(2);
    assertThat(users.get(1).name()).isEqualTo(name);
    assertThat(users.get(1).uid()).isEqualTo(uid);
    assertThat(users.get(1).gid()).isEqualTo(gid);
    assertThat(warnings).singleElement().asString()
        .startsWith("/etc/passwd line 2 is malformed")
        .endsWith("the runtime reads it as user '" + name + "' with UID " + uid + " and GID " + gid);
  }

  @Test
  void passwdTrimsSpacesLikeRuntime() {
    List<String> warnings = new ArrayList<>();

    List<PasswdEntry> users = AccountFiles.parsePasswd("etc/passwd", "  svc:x:70:71::/:/bin/sh  ", warnings);

    assertThat(users).extracting(PasswdEntry::uid).containsExactly(70L);
    assertThat(warnings).isEmpty();
  }

  @Test
  void groupReadsMalformedLines() {
    List<String> warnings = new ArrayList<>();

    List<GroupEntry> groups =
        AccountFiles.parseGroup("etc/group", "root:x:0:\nstaff:x\nweb:x:www:\napp:x:1000:alice,bob\n", warnings);

    assertThat(groups).extracting(GroupEntry::name).containsExactly("root", "staff", "web", "app");
    assertThat(groups).extracting(GroupEntry::gid).containsExactly(0L, 0L, 0L, 1000L);
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).startsWith("/etc/group line 2 is malformed");
    assertThat(warnings.get(1)).startsWith("/etc/group line 3 is malformed").endsWith("group 'web' with GID 0");
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
  @ValueSource(strings = {"", "+", "-", "1e3", "0x10", " 1", "1 ", "app", "99999999999999999999"})
  void parseNumberRejectsNonNumbers(String text) {
    assertThat(AccountFiles.parseNumber(text)).isNull();
  }

  @Test
  void parseNumberAcceptsSignsLikeAtoi() {
    assertThat(AccountFiles.parseNumber("0")).isZero();
    assertThat(AccountFiles.parseNumber("007")).isEqualTo(7L);
    assertThat(AccountFiles.parseNumber("+1000")).isEqualTo(1000L);
    assertThat(AccountFiles.parseNumber("-1")).isEqualTo(-1L);
    assertThat(AccountFiles.parseNumber("4294967295")).isEqualTo(4_294_967_295L);
  }

  @Test
  void inRangeStopsAtRuntimeMaximum() {
    assertThat(AccountFiles.inRange(0)).isTrue();
    assertThat(AccountFiles.inRange(2_147_483_647L)).isTrue();
    assertThat(AccountFiles.inRange(2_147_483_648L)).isFalse();
    assertThat(AccountFiles.inRange(-1)).isFalse();
  }
}
