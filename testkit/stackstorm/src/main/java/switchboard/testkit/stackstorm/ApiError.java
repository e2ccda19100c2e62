package switchboard.testkit.stackstorm;

import java.util.Map;

/**
 * An HTTP error answer in st2's shape: a status and {@code {"faultstring": ...}} (contract §4.5,
 * {@code st2common/middleware/error_handling.py}). Thrown by handlers, written by the router.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final Map<String, String> headers;

  ApiError(int status, String faultstring) {
    this(status, faultstring, Map.of());
  }

  ApiError(int status, String faultstring, Map<String, String> headers) {
    super(faultstring, null, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  static ApiError badRequest(String faultstring) {
    return new ApiError(400, faultstring);
  }

  static ApiError notFound(String faultstring) {
    return new ApiError(404, faultstring);
  }

  int status() {
    return status;
  }

  String faultstring() {
    return getMessage();
  }

  Map<String, String> headers() {
    return headers;
  }
}
