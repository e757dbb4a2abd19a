package io.stroomlijn.erp.embedded.api;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * The answer to a request of a {@code $batch}, kept in memory: status, headers and body. Nothing
 * reaches the batch's own response.
 */
final class BufferedResponse extends HttpServletResponseWrapper {

  private final Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int status = SC_OK;
  private String characterEncoding;
  private PrintWriter writer;
  private ServletOutputStream stream;
  private Locale locale = Locale.getDefault();

  BufferedResponse(HttpServletResponse batch) {
    super(batch);
  }

  /** The headers, with the body's content type among them. */
  Map<String, List<String>> headers() {
    return headers;
  }

  byte[] body() {
    if (writer != null) {
      writer.flush();
    }
    return body.toByteArray();
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void setStatus(int status) {
    this.status = status;
  }

  @Override
  public void sendError(int status) {
    sendError(status, null);
  }

  @Override
  public void sendError(int status, String message) {
    this.status = status;
    body.reset();
  }

  @Override
  public void sendRedirect(String location) {
    status = SC_FOUND;
    setHeader("Location", location);
  }

  @Override
  public boolean containsHeader(String name) {
    return headers.containsKey(name);
  }

  @Override
  public String getHeader(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public Collection<String> getHeaders(String name) {
    return new ArrayList<>(headers.getOrDefault(name, List.of()));
  }

  @Override
  public Collection<String> getHeaderNames() {
    return new ArrayList<>(headers.keySet());
  }

  @Override
  public void setHeader(String name, String value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.put(name, new ArrayList<>(List.of(value)));
    }
  }

  @Override
  public void addHeader(String name, String value) {
    headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
  }

  @Override
  public void setIntHeader(String name, int value) {
    setHeader(name, Integer.toString(value));
  }

  @Override
  public void addIntHeader(String name, int value) {
    addHeader(name, Integer.toString(value));
  }

  @Override
  public void setDateHeader(String name, long date) {
    setHeader(name, java.time.Instant.ofEpochMilli(date).toString());
  }

  @Override
  public void addDateHeader(String name, long date) {
    addHeader(name, java.time.Instant.ofEpochMilli(date).toString());
  }

  @Override
  public void addCookie(Cookie cookie) {
    // the ERP API sets no cookies
  }

  @Override
  public void setContentType(String type) {
    if (type == null) {
      headers.remove("Content-Type");
      return;
    }
    setHeader("Content-Type", type);
    try {
      Charset charset = MediaType.parseMediaType(type).getCharset();
      if (charset != null) {
        characterEncoding = charset.name();
      }
    } catch (RuntimeException malformed) {
      // kept as given
    }
  }

  @Override
  public String getContentType() {
    return getHeader("Content-Type");
  }

  @Override
  public void setCharacterEncoding(String encoding) {
    characterEncoding = encoding;
  }

  @Override
  public String getCharacterEncoding() {
    return characterEncoding == null ? StandardCharsets.UTF_8.name() : characterEncoding;
  }

  @Override
  public void setContentLength(int length) {
    // computed from the buffered body
  }

  @Override
  public void setContentLengthLong(long length) {
    // computed from the buffered body
  }

  @Override
  public ServletOutputStream getOutputStream() {
    if (stream == null) {
      stream =
          new ServletOutputStream() {
            @Override
            public void write(int b) {
              body.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
              body.write(bytes, offset, length);
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
              throw new UnsupportedOperationException("A batch response is buffered.");
            }
          };
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() {
    if (writer == null) {
      writer =
          new PrintWriter(
              new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
    }
    return writer;
  }

  @Override
  public void flushBuffer() {
    if (writer != null) {
      writer.flush();
    }
  }

  @Override
  public boolean isCommitted() {
    return false;
  }

  @Override
  public void reset() {
    resetBuffer();
    headers.clear();
    status = SC_OK;
  }

  @Override
  public void resetBuffer() {
    if (writer != null) {
      writer.flush();
    }
    body.reset();
  }

  @Override
  public void setBufferSize(int size) {
    // unbounded
  }

  @Override
  public int getBufferSize() {
    return Integer.MAX_VALUE;
  }

  @Override
  public void setLocale(Locale locale) {
    this.locale = locale;
  }

  @Override
  public Locale getLocale() {
    return locale;
  }
}
