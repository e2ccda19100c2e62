package switchboard.matcher.catalog;

import java.io.IOException;

/** An alias or test-case file that is readable but not in the expected shape; says where. */
public final class AliasCatalogException extends IOException {

  public AliasCatalogException(String message) {
    super(message);
  }
}
