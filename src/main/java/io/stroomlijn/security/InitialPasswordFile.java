package io.stroomlijn.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The generated password of the first administrator, in a file only its owner can read. */
final class InitialPasswordFile {

  private InitialPasswordFile() {}

  /** Writes the password to a new file, created readable and writable by its owner only. */
  static Path write(Path file, String password) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      // A leftover from an earlier first start (its database since deleted) is replaced.
      Files.deleteIfExists(file);
      if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        // Created with its final permissions, so there is no moment in which others may read it.
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(
          file,
          password + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.TRUNCATE_EXISTING);
      return file;
    } catch (FileAlreadyExistsException raced) {
      throw new IllegalStateException("Another process created " + file + " at the same time");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the administrator's password to " + file, e);
    }
  }
}
