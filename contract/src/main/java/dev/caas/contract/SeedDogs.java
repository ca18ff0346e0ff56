package dev.caas.contract;

import java.util.List;

/**
 * The dogs the upstream serves and the database knows: one list, so the two can never disagree. The
 * upstream draws each photo from its entry (the coat colours), so nothing is downloaded.
 */
public final class SeedDogs {

  /** One dog: the file the upstream serves, its name, and what the generated photo looks like. */
  public record Dog(String filename, String name, String breed, int coatRgb, int backgroundRgb) {}

  public static final List<Dog> ALL =
      List.of(
          new Dog("beagle-01.jpg", "Biscuit", "beagle", 0xB5773A, 0x6FA8DC),
          new Dog("labrador-02.jpg", "Bella", "labrador", 0xE8C37E, 0x93C47D),
          new Dog("dachshund-03.jpg", "Oscar", "dachshund", 0x6B3A1E, 0xF6B26B),
          new Dog("husky-04.jpg", "Luna", "husky", 0x9AA0A6, 0x3D85C6),
          new Dog("poodle-05.jpg", "Coco", "poodle", 0xF4F1EA, 0xC27BA0),
          new Dog("corgi-06.jpg", "Winston", "corgi", 0xD9822B, 0x76A5AF),
          new Dog("collie-07.jpg", "Lassie", "collie", 0x8E5B2E, 0xB6D7A8),
          new Dog("boxer-08.jpg", "Rocky", "boxer", 0xA0522D, 0xFFE599),
          new Dog("terrier-09.jpg", "Toto", "terrier", 0x3B3B3B, 0xEA9999),
          new Dog("shepherd-10.jpg", "Rex", "shepherd", 0x5C4033, 0xA4C2F4),
          new Dog("retriever-11.jpg", "Buddy", "retriever", 0xDAA520, 0x8FCE00),
          new Dog("greyhound-12.jpg", "Daisy", "greyhound", 0x808080, 0xD5A6BD),
          new Dog("spaniel-13.jpg", "Molly", "spaniel", 0x7B3F00, 0x9FC5E8),
          new Dog("pug-14.jpg", "Max", "pug", 0xC8A165, 0xB4A7D6));

  private SeedDogs() {}
}
