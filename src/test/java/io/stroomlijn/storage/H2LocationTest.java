package io.stroomlijn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class H2LocationTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:h2:file:./data/stroomlijn;DB_CLOSE_ON_EXIT=FALSE | FILE",
        "jdbc:h2:./data/stroomlijn                           | FILE",
        "jdbc:h2:~/stroomlijn                                | FILE",
        "jdbc:h2:/srv/stroomlijn/db;RETENTION_TIME=0         | FILE",
        "jdbc:h2:nio:./data/stroomlijn                       | FILE",
        "jdbc:h2:split:./data/stroomlijn                     | FILE",
        "jdbc:h2:file:./data/x;AUTO_SERVER=TRUE              | FILE",
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1                  | MEMORY",
        "jdbc:h2:mem:                                        | MEMORY",
        "jdbc:h2:memFS:test                                  | MEMORY",
        "jdbc:h2:nioMemLZF:test                              | MEMORY",
        "jdbc:h2:tcp://localhost:9092/~/stroomlijn           | SERVER",
        "jdbc:h2:ssl://db.example.com/stroomlijn             | SERVER",
        "jdbc:postgresql://localhost:5432/stroomlijn         | OTHER"
      })
  void readsAnH2UrlAsH2Does(String url, H2Location location) {
    assertThat(H2Location.of(url)).isEqualTo(location);
  }
}
