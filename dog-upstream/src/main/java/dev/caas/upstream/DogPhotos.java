package dev.caas.upstream;

import dev.caas.contract.SeedDogs;
import dev.caas.contract.SeedDogs.Dog;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The photos the upstream serves: one JPEG per seed dog, drawn by {@link DogPortrait}, encoded once
 * and kept in memory, so serving a photo is only copying bytes to a socket.
 */
final class DogPhotos {
  /**
   * Chosen with the portrait's grain so every seed dog lands near the middle of 30–100 KB (about 55
   * KB).
   */
  private static final float JPEG_QUALITY = 0.80f;

  private final Map<String, byte[]> jpegByFilename;

  private DogPhotos(Map<String, byte[]> jpegByFilename) {
    this.jpegByFilename = jpegByFilename;
  }

  /**
   * The seed dogs' photos, drawn once per JVM (on first use) and shared by every upstream in it.
   */
  static DogPhotos ofSeedDogs() {
    return SeedDogPhotos.PHOTOS;
  }

  static DogPhotos draw(List<Dog> dogs) {
    System.setProperty(
        "java.awt.headless", "true"); // a server has no display, and must not look for one
    var jpegs = new LinkedHashMap<String, byte[]>();
    for (Dog dog : dogs) {
      jpegs.put(dog.filename(), encodeJpeg(DogPortrait.draw(dog)));
    }
    return new DogPhotos(jpegs);
  }

  /** The filenames in the order the dogs were given. */
  List<String> filenames() {
    return List.copyOf(jpegByFilename.keySet());
  }

  /** The cached bytes themselves, not a copy: callers only write them to a response. */
  byte[] jpeg(String filename) {
    return jpegByFilename.get(filename);
  }

  boolean contains(String filename) {
    return jpegByFilename.containsKey(filename);
  }

  private static byte[] encodeJpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    var bytes = new ByteArrayOutputStream(96 * 1024);
    try (var output = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.setOutput(output);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a JPEG in memory", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * Holder idiom: the seed dogs are drawn when first asked for, once, without locking afterwards.
   */
  private static final class SeedDogPhotos {
    static final DogPhotos PHOTOS = draw(SeedDogs.ALL);
  }
}
