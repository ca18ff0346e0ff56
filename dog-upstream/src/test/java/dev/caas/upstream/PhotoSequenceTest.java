package dev.caas.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.SeedDogs;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PhotoSequenceTest {
  private static final List<String> FILENAMES =
      SeedDogs.ALL.stream().map(SeedDogs.Dog::filename).toList();

  @Test
  void the_same_seed_gives_the_same_sequence() {
    assertThat(firstPhotos(new PhotoSequence(42, FILENAMES), 50))
        .isEqualTo(firstPhotos(new PhotoSequence(42, FILENAMES), 50));
  }

  @Test
  void another_seed_gives_another_sequence() {
    assertThat(firstPhotos(new PhotoSequence(42, FILENAMES), 50))
        .isNotEqualTo(firstPhotos(new PhotoSequence(43, FILENAMES), 50));
  }

  @Test
  void the_nth_photo_depends_only_on_the_seed_and_n() {
    var sequence = new PhotoSequence(7, FILENAMES);
    assertThat(firstPhotos(sequence, 20))
        .isEqualTo(
            LongStream.range(0, 20).mapToObj(new PhotoSequence(7, FILENAMES)::filenameAt).toList());
  }

  @Test
  void every_dog_turns_up_within_a_few_hundred_requests() {
    assertThat(firstPhotos(new PhotoSequence(42, FILENAMES), 300)).containsAll(FILENAMES);
  }

  private static List<String> firstPhotos(PhotoSequence sequence, int count) {
    return LongStream.range(0, count).mapToObj(n -> sequence.next()).toList();
  }
}
