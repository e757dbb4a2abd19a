package io.stroomlijn.connector.excel;

import io.stroomlijn.connector.ConnectionsProperties;
import io.stroomlijn.connector.ConnectorException;
import io.stroomlijn.connector.UnknownConnectionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The Excel workbooks of {@code stroomlijn.connections.excel}, read and changed one writer at a
 * time: a lock per file within this process and a file lock ({@code <name>.xlsx.lock}) against
 * other processes. A change is written to a temporary file that then replaces the workbook in one
 * atomic move, so a reader or a crash never sees half a workbook, and two flows adding rows at once
 * both keep their row.
 */
@Component
class Workbooks {

  private final ConnectionsProperties connections;
  private final Map<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

  Workbooks(ConnectionsProperties connections) {
    this.connections = connections;
  }

  /** Reads a workbook; null is given to {@code reader} when the file does not exist yet. */
  <T> T read(String name, Function<XSSFWorkbook, T> reader) {
    Path file = path(name);
    return locked(
        name,
        file,
        () -> {
          if (!Files.exists(file)) {
            return reader.apply(null);
          }
          try (XSSFWorkbook workbook = open(file)) {
            return reader.apply(workbook);
          }
        });
  }

  /**
   * Changes a workbook and writes it back. {@code change} gets the workbook, or a new empty one
   * when the file does not exist yet.
   */
  void change(String name, Consumer<XSSFWorkbook> change) {
    Path file = path(name);
    locked(
        name,
        file,
        () -> {
          try (XSSFWorkbook workbook = Files.exists(file) ? open(file) : new XSSFWorkbook()) {
            change.accept(workbook);
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".stroomlijn-", ".xlsx");
            try {
              try (OutputStream out = Files.newOutputStream(temporary)) {
                workbook.write(out);
              }
              Files.move(
                  temporary,
                  file,
                  StandardCopyOption.REPLACE_EXISTING,
                  StandardCopyOption.ATOMIC_MOVE);
            } finally {
              Files.deleteIfExists(temporary);
            }
          }
          return null;
        });
  }

  Path path(String name) {
    ConnectionsProperties.Workbook workbook = connections.excel().get(name);
    if (workbook == null || workbook.path() == null) {
      throw new UnknownConnectionException(
          "Excel", name, "stroomlijn.connections.excel." + name + ".path");
    }
    return workbook.path();
  }

  private interface Work<T> {
    T run() throws IOException;
  }

  private <T> T locked(String name, Path file, Work<T> work) {
    ReentrantLock lock =
        locks.computeIfAbsent(file.toAbsolutePath().normalize(), key -> new ReentrantLock());
    lock.lock();
    try {
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      Files.createDirectories(lockFile.toAbsolutePath().getParent());
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return work.run();
      }
    } catch (IOException e) {
      throw new ConnectorException(
          "Excel connection '" + name + "' (" + file + "): " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private static XSSFWorkbook open(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }
}
