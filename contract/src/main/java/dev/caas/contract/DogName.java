package dev.caas.contract;

/**
 * The name a photo is served under: the dog's name from the database, or, for a file the database
 * does not know, a fallback, said so in the {@code X-Dog-Name-Source} header. An unknown file is
 * still a good photo: the answer is a 200 (and billed), not an error.
 *
 * @param name what {@code Content-Disposition} and {@code X-Dog-Name} carry
 * @param fromDatabase false for the fallback
 */
public record DogName(String name, boolean fromDatabase) {
  /** The name of a dog the database does not know. */
  public static final String FALLBACK_NAME = "Good Dog";

  public static DogName known(String name) {
    return new DogName(name, true);
  }

  public static DogName fallback() {
    return new DogName(FALLBACK_NAME, false);
  }

  /** The value of {@code X-Dog-Name-Source}: {@code database} or {@code fallback}. */
  public String source() {
    return fromDatabase ? "database" : "fallback";
  }
}
