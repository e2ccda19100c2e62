package switchboard.launcher.admin;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a listing prints: a table for people, or JSON for scripts. */
public enum OutputFormat {
  TABLE,
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code table} or {@code json}, in any case. */
  public static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.name().equalsIgnoreCase(value.strip())) {
          return format;
        }
      }
      throw new TypeConversionException("expected table or json, not '" + value + "'");
    }
  }
}
