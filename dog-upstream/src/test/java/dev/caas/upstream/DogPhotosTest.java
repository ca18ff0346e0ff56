package dev.caas.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.SeedDogs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DogPhotosTest {
  private final DogPhotos photos = DogPhotos.ofSeedDogs();

  @Test
  void has_one_photo_per_seed_dog_in_seed_order() {
    assertThat(photos.filenames())
        .isEqualTo(SeedDogs.ALL.stream().map(SeedDogs.Dog::filename).toList());
  }

  @Test
  void every_photo_is_a_jpeg_that_decodes_to_the_drawn_size() throws IOException {
    for (String filename : photos.filenames()) {
      byte[] jpeg = photos.jpeg(filename);
      assertThat(jpeg).as(filename).startsWith(0xFF, 0xD8).endsWith(0xFF, 0xD9);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
      assertThat(image).as(filename).isNotNull();
      assertThat(image.getWidth()).isEqualTo(DogPortrait.WIDTH);
      assertThat(image.getHeight()).isEqualTo(DogPortrait.HEIGHT);
    }
  }

  @Test
  void every_photo_weighs_between_30_and_100_kilobytes() {
    for (String filename : photos.filenames()) {
      assertThat(photos.jpeg(filename).length).as(filename).isBetween(30 * 1024, 100 * 1024);
    }
  }

  @Test
  void drawing_the_same_dogs_again_gives_the_same_bytes() {
    DogPhotos redrawn = DogPhotos.draw(SeedDogs.ALL);
    for (String filename : photos.filenames()) {
      assertThat(redrawn.jpeg(filename)).as(filename).isEqualTo(photos.jpeg(filename));
    }
  }

  @Test
  void no_two_dogs_share_a_photo() {
    List<String> filenames = photos.filenames();
    var distinct = new HashSet<ByteBuffer>(); // a ByteBuffer's equals compares contents
    filenames.forEach(filename -> distinct.add(ByteBuffer.wrap(photos.jpeg(filename))));
    assertThat(distinct).hasSameSizeAs(filenames);
  }
}
