/** How late a select with a millisecond timeout, then a park for the rest, wakes on this machine: 50 rounds of 100 ms. Usage: java TimerProbe.java */
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;
import java.util.Arrays;
public class TimerProbe { public static void main(String[] a) throws Exception {
  Selector s = Selector.open(); int n = 50; long[] over = new long[n], sel = new long[n];
  for (int i = 0; i < n; i++) { long t0 = System.nanoTime(), due = t0 + 100_000_000L;
    s.select(99); long t1 = System.nanoTime(); sel[i] = t1 - (t0 + 99_000_000L);
    long w; while ((w = due - System.nanoTime()) > 0) LockSupport.parkNanos(w);
    over[i] = System.nanoTime() - due; }
  Arrays.sort(over); Arrays.sort(sel);
  System.out.printf("select(99) late median %.3f ms; after park late median %.3f p90 %.3f ms%n", sel[n/2]/1e6, over[n/2]/1e6, over[(int)(n*.9)]/1e6);
}}
