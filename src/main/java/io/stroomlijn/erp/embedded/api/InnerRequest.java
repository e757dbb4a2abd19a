package io.stroomlijn.erp.embedded.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * A request of a {@code $batch} as a servlet request of its own: its method, path, query, headers
 * and body, and the batch's authenticated user (so the ERP permissions are checked as for a direct
 * request). Attributes are its own, so that handling it leaves the batch request untouched.
 */
final class InnerRequest extends HttpServletRequestWrapper {

  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>();
  private final Map<String, String[]> parameters = new LinkedHashMap<>();
  private final Map<String, Object> attributes = new HashMap<>();
  private final byte[] body;

  /**
   * @param path the path after the context path, not decoded, such as {@code
   *     /api/v2.0/companies(...)/customers}
   * @param query the query string, not decoded, or null
   */
  InnerRequest(
      HttpServletRequest batch,
      String method,
      String path,
      String query,
      Map<String, String> headers,
      byte[] body) {
    super(batch);
    this.method = method;
    this.path = path;
    this.query = query;
    headers.forEach((name, value) -> this.headers.put(name, List.of(value)));
    this.body = body == null ? new byte[0] : body;
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        String[] earlier = parameters.get(name);
        List<String> values = new ArrayList<>(earlier == null ? List.of() : List.of(earlier));
        values.add(value);
        parameters.put(name, values.toArray(String[]::new));
      }
    }
  }

  /** Query values as the servlet container decodes them ({@code +} is a space). */
  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getRequestURI() {
    return getContextPath() + path;
  }

  @Override
  public StringBuffer getRequestURL() {
    HttpServletRequest batch = (HttpServletRequest) getRequest();
    StringBuffer url = new StringBuffer();
    url.append(batch.getScheme()).append("://").append(batch.getServerName());
    int port = batch.getServerPort();
    boolean defaultPort =
        ("http".equals(batch.getScheme()) && port == 80)
            || ("https".equals(batch.getScheme()) && port == 443);
    if (!defaultPort) {
      url.append(':').append(port);
    }
    return url.append(getRequestURI());
  }

  @Override
  public String getServletPath() {
    return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String getPathInfo() {
    return null;
  }

  @Override
  public String getPathTranslated() {
    return null;
  }

  @Override
  public String getQueryString() {
    return query;
  }

  @Override
  public DispatcherType getDispatcherType() {
    return DispatcherType.REQUEST;
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters.get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return Collections.unmodifiableMap(parameters);
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    return parameters.get(name);
  }

  @Override
  public String getHeader(String name) {
    List<String> values = headers.get(name);
    return values == null ? null : values.get(0);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return Collections.enumeration(headers.getOrDefault(name, List.of()));
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return Collections.enumeration(new ArrayList<>(headers.keySet()));
  }

  @Override
  public int getIntHeader(String name) {
    String value = getHeader(name);
    return value == null ? -1 : Integer.parseInt(value.trim());
  }

  @Override
  public long getDateHeader(String name) {
    String value = getHeader(name);
    if (value == null) {
      return -1;
    }
    try {
      SimpleDateFormat format = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
      return format.parse(value).getTime();
    } catch (ParseException e) {
      throw new IllegalArgumentException("Not a date: " + value);
    }
  }

  @Override
  public String getContentType() {
    return getHeader("Content-Type");
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  @Override
  public String getCharacterEncoding() {
    String type = getContentType();
    if (type != null) {
      try {
        Charset charset = MediaType.parseMediaType(type).getCharset();
        if (charset != null) {
          return charset.name();
        }
      } catch (RuntimeException malformed) {
        // the handler reports a malformed Content-Type
      }
    }
    return StandardCharsets.UTF_8.name();
  }

  @Override
  public void setCharacterEncoding(String encoding) {
    // the body's encoding comes with its Content-Type
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        return in.read(buffer, offset, length);
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("A batch request's body is read at once.");
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(
        new InputStreamReader(getInputStream(), Charset.forName(getCharacterEncoding())));
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    return Collections.enumeration(new ArrayList<>(attributes.keySet()));
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  @Override
  public boolean isAsyncStarted() {
    return false;
  }

  @Override
  public boolean isAsyncSupported() {
    return false;
  }
}
