package io.stroomlijn.storage;

import java.util.List;
import org.h2.engine.ConnectionInfo;

/**
 * Where an H2 JDBC URL keeps its data, as H2 itself reads the URL. {@code jdbc:h2:./data/x}, {@code
 * jdbc:h2:~/x}, {@code jdbc:h2:/srv/x}, {@code jdbc:h2:nio:x} are files as much as {@code
 * jdbc:h2:file:x}; only the prefix decides, so the URL is handed to H2's own parser.
 */
enum H2Location {
  /** A database file this process opens itself: commits are made durable here. */
  FILE,
  /**
   * {@code mem:} or an in-memory file system ({@code memFS:}, ...): nothing survives the process.
   */
  MEMORY,
  /** {@code tcp:} or {@code ssl:}: the H2 server process writes the file, not this one. */
  SERVER,
  /** Not an H2 URL. */
  OTHER;

  private static final List<String> IN_MEMORY_FILE_SYSTEMS =
      List.of("memFS:", "memLZF:", "nioMemFS:", "nioMemLZF:");

  static H2Location of(String url) {
    if (url == null || !url.startsWith("jdbc:h2:")) {
      return OTHER;
    }
    ConnectionInfo info = new ConnectionInfo(url, null, null, null);
    if (info.isRemote()) {
      return SERVER;
    }
    if (!info.isPersistent()) {
      return MEMORY;
    }
    String name = url.substring("jdbc:h2:".length()).split(";", 2)[0];
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
    }
    return IN_MEMORY_FILE_SYSTEMS.stream().anyMatch(name::startsWith) ? MEMORY : FILE;
  }
}
