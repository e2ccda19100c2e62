package switchboard.launcher.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import switchboard.matcher.policy.Durations;

/**
 * A point in time as an operator types it: an instant ({@code 2026-11-28T10:00:00Z}), a UTC date
 * and time ({@code 2026-11-28T10:00}), a UTC date ({@code 2026-11-28}), or an age ({@code 90m},
 * {@code 2h}, {@code 7d}: that long before now).
 */
final class TimeSpec {

  private TimeSpec() {}

  /** The instant {@code text} names, relative to {@code now}; empty when it names none. */
  static Optional<Instant> parse(String text, Instant now) {
    String value = text.strip();
    Optional<java.time.Duration> age = Durations.parse(value).filter(d -> !value.matches("\\d+"));
    if (age.isPresent()) {
      return Optional.of(now.minus(age.get()));
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException notAnInstant) {
      // try the next form
    }
    try {
      return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notADateTime) {
      // try the next form
    }
    try {
      return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  /** Kept as text by picocli and read against the clock when the command runs. */
  static final class Checked implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (parse(value, Instant.EPOCH.plusSeconds(10L * 365 * 86_400)).isEmpty()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a time: use 2026-11-28T10:00:00Z, 2026-11-28T10:00, 2026-11-28, or an"
                + " age such as 90m, 2h, 7d");
      }
      return value;
    }
  }
}
