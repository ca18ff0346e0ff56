package dev.caas.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The six variants: three concurrency models times two ways of composing the I/O. The list is
 * written here once; the test kit, the harness and the reports all read it.
 */
public enum Variant {
  SYNC_SEQUENTIAL(Model.SYNC, Composition.SEQUENTIAL, "talk attempt 1"),
  SYNC_GATHERED(Model.SYNC, Composition.GATHERED, ""),
  REACTIVE_SEQUENTIAL(Model.REACTIVE, Composition.SEQUENTIAL, "talk attempt 2"),
  REACTIVE_GATHERED(Model.REACTIVE, Composition.GATHERED, "talk attempt 3"),
  LOOM_SEQUENTIAL(Model.LOOM, Composition.SEQUENTIAL, ""),
  LOOM_GATHERED(Model.LOOM, Composition.GATHERED, "");

  /** The concurrency model, and the Maven module that implements it. */
  public enum Model {
    SYNC("sync-impl"),
    REACTIVE("reactive-impl"),
    LOOM("loom-impl");

    private final String module;

    Model(String module) {
      this.module = module;
    }

    public String module() {
      return module;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How steps 2 and 3 run after step 1: one after the other, or at the same time. */
  public enum Composition {
    SEQUENTIAL,
    GATHERED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Composition parse(String text) {
      return Arrays.stream(values())
          .filter(c -> c.wireName().equalsIgnoreCase(text.trim()))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "unknown composition '" + text + "': expected sequential or gathered"));
    }
  }

  private final Model model;
  private final Composition composition;
  private final String talkLabel;

  Variant(Model model, Composition composition, String talkLabel) {
    this.model = model;
    this.composition = composition;
    this.talkLabel = talkLabel;
  }

  /** The variant's name everywhere: {@code sync-sequential}, {@code reactive-gathered}, … */
  public String wireName() {
    return model.wireName() + "-" + composition.wireName();
  }

  public Model model() {
    return model;
  }

  public Composition composition() {
    return composition;
  }

  /** "talk attempt N" for the rows that reproduce the talk, else empty. */
  public String talkLabel() {
    return talkLabel;
  }

  public static Variant of(Model model, Composition composition) {
    return Arrays.stream(values())
        .filter(v -> v.model == model && v.composition == composition)
        .findFirst()
        .orElseThrow();
  }

  public static Variant parse(String name) {
    return Arrays.stream(values())
        .filter(v -> v.wireName().equalsIgnoreCase(name.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown variant '"
                        + name
                        + "': expected one of "
                        + names(List.of(values()))
                        + " or all"));
  }

  /** Parses {@code all} or a comma-separated list of names. */
  public static List<Variant> parseList(String names) {
    if (names.trim().equalsIgnoreCase("all")) {
      return List.of(values());
    }
    return Arrays.stream(names.split(","))
        .filter(s -> !s.isBlank())
        .map(Variant::parse)
        .distinct()
        .toList();
  }

  public static String names(List<Variant> variants) {
    return variants.stream().map(Variant::wireName).collect(Collectors.joining(", "));
  }
}
