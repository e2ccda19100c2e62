package switchboard.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load record classes it was not told to trust (CVE-2024-47561), including our
 * own generated ones when a builder copies a default value. Every entry point that touches records
 * ({@link Topics}, the serdes, the launcher) installs the trust first; tests also set the {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} system property in the build.
 */
public final class RecordTrust {

  private static final String RECORDS_PACKAGE = "switchboard.records";
  private static volatile boolean installed;

  private RecordTrust() {}

  /** Trusts the generated records package and keeps every other default; idempotent. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(),
            type -> type.getPackageName().equals(RECORDS_PACKAGE)));
    installed = true;
  }
}
