package switchboard.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * CPU time, heap and resident memory of this process over one measured window. CPU is split by
 * thread into the parts that share the JVM, because only one of them is what is measured (the
 * Switchboard pipeline, or the baseline's relays): the load generator and the StackStorm double
 * would be other processes in production, the broker another machine, and the JIT compiler's work
 * is a warm-up cost that a long-running process pays once.
 *
 * <p>Java threads are measured through {@link ThreadMXBean} and told apart by the names their
 * owners give them; the JVM's own garbage collector and compiler threads, which are not Java
 * threads, through {@code /proc/self/task} on Linux.
 */
final class ProcessMeter implements AutoCloseable {

  static final String PIPELINE = "pipeline";
  static final String BROKER = "Kafka broker";
  static final String STACKSTORM = "StackStorm double";
  static final String GENERATOR = "load generator";
  static final String GC = "GC";
  static final String JIT = "JIT";
  static final String JVM_OTHER = "JVM, other";

  /** Parts in report order. */
  static final List<String> PARTS =
      List.of(PIPELINE, BROKER, STACKSTORM, GENERATOR, GC, JIT, JVM_OTHER);

  /**
   * CPU used per part, heap and resident set, over a window; and the CPU other processes used
   * meanwhile (in cores), which tells a run on a busy machine from a clean one.
   */
  record Usage(
      double wallSeconds,
      Map<String, Double> cpuSecondsByPart,
      double cpuSeconds,
      long heapMaxBytes,
      long residentMaxBytes,
      double otherProcessesCores) {}

  private static final Pattern GENERATOR_THREADS = Pattern.compile("^bench-|\\| bench-");
  private static final Pattern STACKSTORM_THREADS =
      Pattern.compile("^(st2-double|HTTP-Dispatcher$|idle-timeout-task$)");
  private static final Pattern BROKER_THREADS =
      Pattern.compile(
          "^(data-plane-kafka|kafka-\\d+-|kafka-scheduler|kafka-log-cleaner|group-coordinator"
              + "|executor-|share-|ShareGroup|PersisterStateManager|ExpirationReaper"
              + "|transaction-log-manager|TxnMarkerSenderThread|AddPartitionsToTxnSenderThread"
              + "|raft-|quorum-controller|controller-\\d|broker-\\d|LogDirFailureHandler"
              + "|client-metrics-reaper|metrics-meter-tick-thread|SensorExpiryThread)");

  /** Linux task names of HotSpot's collector and compiler threads (cut to 15 characters). */
  private static final Pattern GC_TASKS = Pattern.compile("^(GC Thread|G1 |Parallel GC|VM Thread)");

  private static final Pattern JIT_TASKS = Pattern.compile("^C[12] CompilerThre");

  private static final Path PROC_STATUS = Path.of("/proc/self/status");
  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final Path PROC_TASKS = Path.of("/proc/self/task");

  /** USER_HZ: the unit of /proc's CPU times on every Linux architecture Java runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-meter");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong heapMax = new AtomicLong();
  private final AtomicLong residentMax = new AtomicLong();
  private final long startNanos;
  private final long startCpu;
  private final Map<Long, Long> startThreadCpu;
  private final Map<String, Long> startJvmTasks;
  private final long startMachineBusy;

  private ProcessMeter() {
    this.startNanos = System.nanoTime();
    this.startCpu = os.getProcessCpuTime();
    this.startThreadCpu = threadCpu(new HashMap<>());
    this.startJvmTasks = jvmTaskCpu();
    this.startMachineBusy = machineBusyNanos();
    sampler.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
  }

  /** Starts measuring now. */
  static ProcessMeter start() {
    return new ProcessMeter();
  }

  /** What was used from the start until now. */
  Usage usage() {
    sample();
    long cpu = os.getProcessCpuTime() - startCpu;
    double wall = (System.nanoTime() - startNanos) / 1e9;
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> now = threadCpu(names);
    Map<String, Double> byPart = new LinkedHashMap<>();
    PARTS.forEach(p -> byPart.put(p, 0.0));
    long accounted = 0;
    for (Map.Entry<Long, Long> thread : now.entrySet()) {
      long used = thread.getValue() - startThreadCpu.getOrDefault(thread.getKey(), 0L);
      accounted += used;
      byPart.merge(partOf(names.get(thread.getKey())), used / 1e9, Double::sum);
    }
    for (Map.Entry<String, Long> task : jvmTaskCpu().entrySet()) {
      long used = task.getValue() - startJvmTasks.getOrDefault(task.getKey(), 0L);
      accounted += used;
      byPart.merge(JIT_TASKS.matcher(task.getKey()).find() ? JIT : GC, used / 1e9, Double::sum);
    }
    // The JVM's other threads, and threads that ended within the window.
    byPart.merge(JVM_OTHER, Math.max(0, cpu - accounted) / 1e9, Double::sum);
    return new Usage(
        wall,
        byPart,
        cpu / 1e9,
        heapMax.get(),
        residentMax.get(),
        Math.max(0, machineBusyNanos() - startMachineBusy - cpu) / 1e9 / wall);
  }

  /**
   * The part a Java thread belongs to, by the names its owners give their threads: the generator's
   * threads and clients all start with {@code bench-}, the double's pools with {@code st2-double}
   * (besides the JDK HTTP server's own two), and the broker's threads carry Kafka's server-side
   * names. Everything else, clients included, is the pipeline's.
   */
  static String partOf(String threadName) {
    if (threadName == null) {
      return JVM_OTHER;
    }
    if (GENERATOR_THREADS.matcher(threadName).find()) {
      return GENERATOR;
    }
    if (STACKSTORM_THREADS.matcher(threadName).find()) {
      return STACKSTORM;
    }
    if (BROKER_THREADS.matcher(threadName).find()) {
      return BROKER;
    }
    return PIPELINE;
  }

  private void sample() {
    heapMax.accumulateAndGet(
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    residentMax.accumulateAndGet(residentBytes(), Math::max);
  }

  /** VmRSS of this process, or 0 where {@code /proc} does not exist. */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(PROC_STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /**
   * CPU time every process on the machine has used (user, nice, system, irq, softirq, steal), from
   * the first line of {@code /proc/stat}; 0 where it does not exist.
   */
  static long machineBusyNanos() {
    try {
      String[] cpu = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
      long ticks = 0;
      for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
        ticks += Long.parseLong(cpu[field]);
      }
      return ticks * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * CPU time of each garbage collector and compiler thread, by task id and name, from {@code
   * /proc/self/task}; empty where it does not exist.
   */
  private static Map<String, Long> jvmTaskCpu() {
    Map<String, Long> cpu = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC_TASKS)) {
      for (Path task : tasks) {
        String stat = readOrEmpty(task.resolve("stat"));
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
          continue;
        }
        String name = stat.substring(open + 1, close);
        if (GC_TASKS.matcher(name).find() || JIT_TASKS.matcher(name).find()) {
          // Fields after the name: state is the 1st, utime the 12th and stime the 13th.
          String[] fields = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          cpu.put(name + "#" + task.getFileName(), ticks * NANOS_PER_TICK);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return cpu;
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      // The thread ended between listing and reading.
      return "";
    }
  }

  private Map<Long, Long> threadCpu(Map<Long, String> names) {
    Map<Long, Long> cpu = new HashMap<>();
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long used = threads.getThreadCpuTime(ids[i]);
      if (infos[i] != null && used >= 0) {
        cpu.put(ids[i], used);
        names.put(ids[i], infos[i].getThreadName());
      }
    }
    return cpu;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
