package io.hullscope.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamePoolTest {

  @Test
  void equalNamesShareOneString() {
    NamePool pool = new NamePool();

    String first = pool.intern("usr/lib/index.js", 8, 16);
    String second = pool.intern("app/index.js", 4, 12);

    assertThat(first).isEqualTo("index.js").isSameAs(second);
  }

  @ParameterizedTest
  @CsvSource({"a/b, 0, 1, a", "a/b, 2, 3, b", "ab/abc, 3, 6, abc", "caf\u00e9/\u00fc\u00df, 5, 7, \u00fc\u00df"})
  void regionIsReturnedAsItsText(String path, int start, int end, String expected) {
    NamePool pool = new NamePool();
    pool.intern("ab");

    assertThat(pool.intern(path, start, end)).isEqualTo(expected);
  }

  @Test
  void findReturnsOnlyPooledNames() {
    NamePool pool = new NamePool();
    String pooled = pool.intern("lib");

    assertThat(pool.find("usr/lib/x", 4, 7)).isSameAs(pooled);
    assertThat(pool.find("usr/lib/x", 0, 3)).isNull();
  }

  @Test
  void namesStayDistinctWhileThePoolGrows() {
    NamePool pool = new NamePool();
    for (int i = 0; i < 5000; i++) {
      pool.intern("dir/file" + i, 4, 4 + ("file" + i).length());
    }

    for (int i = 0; i < 5000; i++) {
      assertThat(pool.intern("file" + i)).isEqualTo("file" + i);
    }
    assertThat(pool.intern("file42")).isSameAs(pool.intern("x/file42", 2, 8));
  }
}
