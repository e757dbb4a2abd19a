package io.stroomlijn.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * A disk for H2 that keeps a log of what reached it: H2 opens {@code recorded:/path/file} through
 * its pluggable file systems, and every write and {@code force} on that file passes through here.
 * It can make the images of the file that a crash would leave behind:
 *
 * <ul>
 *   <li>after a killed process, the file as written so far (the operating system keeps every write,
 *       forced or not);
 *   <li>after a power cut, the file as last forced plus the unforced writes the disk may have kept
 *       anyway: the worst case keeps the unforced writes into space that already existed when it
 *       was forced (the disk reorders freely), loses the appends, and tears the write in progress.
 * </ul>
 */
final class RecordedDisk {

  static final String SCHEME = "recorded";

  /** Two copies of the file each: a test that needs more is writing gigabytes. */
  private static final int MAX_IMAGES = 200;

  private static final Map<String, RecordedDisk> DISKS = new ConcurrentHashMap<>();

  static {
    FilePath.register(new RecordedPath());
  }

  private final Path file;
  private final List<Write> unforced = new ArrayList<>();
  private byte[] forced = new byte[0];
  private int forces;
  private Supplier<String> imageOnWrite;
  private Path imageFolder;
  private final List<Image> images = new ArrayList<>();

  private RecordedDisk(Path file) {
    this.file = file;
  }

  /** The disk of {@code file}; H2 opens it as {@link #url()}. */
  static RecordedDisk of(Path file) {
    return DISKS.computeIfAbsent(file.toAbsolutePath().toString(), f -> new RecordedDisk(file));
  }

  String url() {
    return SCHEME + ":" + file.toAbsolutePath();
  }

  synchronized int forces() {
    return forces;
  }

  /** Bytes written since the file was last forced. */
  synchronized long unforcedBytes() {
    return unforced.stream().mapToLong(w -> w.bytes.length).sum();
  }

  /**
   * From now on, takes an image of the file after each write for which {@code label} returns a text
   * (the label says what the image must hold); the images go to {@code folder}.
   */
  synchronized void imageOnEachWrite(Path folder, Supplier<String> label) {
    this.imageFolder = folder;
    this.imageOnWrite = label;
  }

  synchronized List<Image> images() {
    return List.copyOf(images);
  }

  /** A crash image and what was true when it was taken. */
  record Image(Path killedProcess, Path powerCut, String label) {}

  private synchronized void written(long position, byte[] bytes) {
    Write write = new Write(position, bytes);
    unforced.add(write);
    String label = imageOnWrite == null ? null : imageOnWrite.get();
    if (label != null) {
      try {
        if (images.size() >= MAX_IMAGES) {
          throw new IllegalStateException("more than " + MAX_IMAGES + " crash images");
        }
        int n = images.size();
        Path killed = imageFolder.resolve("killed-" + n + ".mv.db");
        Files.copy(file, killed);
        Path cut = imageFolder.resolve("powercut-" + n + ".mv.db");
        Files.write(cut, powerCut(write));
        images.add(new Image(killed, cut, label));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The forced file, the unforced overwrites inside it, and the last write torn in half. */
  private byte[] powerCut(Write last) {
    byte[] image = forced.clone();
    for (Write write : unforced) {
      int length = write == last ? write.bytes.length / 2 : write.bytes.length;
      for (int i = 0; i < length; i++) {
        long at = write.position + i;
        if (at < image.length) {
          image[(int) at] = write.bytes[i];
        }
      }
    }
    return image;
  }

  private synchronized void forced() throws IOException {
    forces++;
    unforced.clear();
    forced = Files.readAllBytes(file);
  }

  private record Write(long position, byte[] bytes) {}

  /** H2's entry point: {@code recorded:} paths. */
  public static final class RecordedPath extends FilePathWrapper {

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
      FileChannel channel = getBase().open(mode);
      RecordedDisk disk = DISKS.get(getBase().toString());
      return disk == null ? channel : new RecordedChannel(channel, disk);
    }
  }

  private static final class RecordedChannel extends FileChannel {

    private final FileChannel base;
    private final RecordedDisk disk;

    RecordedChannel(FileChannel base, RecordedDisk disk) {
      this.base = base;
      this.disk = disk;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      ByteBuffer copy = src.duplicate();
      int n = base.write(src, position);
      byte[] bytes = new byte[n];
      copy.get(bytes);
      disk.written(position, bytes);
      return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      long position = base.position();
      return write(src, position);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long total = 0;
      for (int i = offset; i < offset + length; i++) {
        total += write(srcs[i]);
      }
      return total;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      base.force(metaData);
      disk.forced();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return base.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return base.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return base.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return base.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      base.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return base.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      base.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return base.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException("H2 does not write this way");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return base.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return base.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return base.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      base.close();
    }
  }
}
