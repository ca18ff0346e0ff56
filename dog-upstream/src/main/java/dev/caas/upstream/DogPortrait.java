package dev.caas.upstream;

import dev.caas.contract.SeedDogs.Dog;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws one dog: a cartoon head and body in the coat colour on the background colour, captioned
 * with the dog's name and breed. Fur strokes and film grain give a JPEG encoder real detail to
 * keep, so the photo weighs about what a small real one does. All randomness comes from a generator
 * seeded by the filename, so the same dog is drawn the same, pixel for pixel, every time.
 */
final class DogPortrait {
  static final int WIDTH = 640;
  static final int HEIGHT = 480;

  /** Largest brightness change of the film grain, per pixel, out of 255. */
  private static final int GRAIN = 9;

  private static final int FUR_STROKES = 2500;
  private static final Set<String> POINTY_EARED = Set.of("husky", "corgi", "shepherd");

  private DogPortrait() {}

  static BufferedImage draw(Dog dog) {
    var random = new SplittableRandom(dog.filename().hashCode());
    var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      drawBackground(g, new Color(dog.backgroundRgb()), random);
      drawDog(g, dog, random);
      drawCaption(g, dog);
    } finally {
      g.dispose();
    }
    addGrain(image, random);
    return image;
  }

  private static void drawBackground(Graphics2D g, Color background, SplittableRandom random) {
    g.setPaint(new GradientPaint(0, 0, tint(background, 0.25), 0, HEIGHT, shade(background, 0.75)));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    // Out-of-focus blobs, like lights behind the subject.
    for (int i = 0; i < 40; i++) {
      int size = 20 + random.nextInt(90);
      g.setColor(withAlpha(tint(background, random.nextDouble(0.1, 0.6)), 60));
      g.fill(
          new Ellipse2D.Double(
              random.nextInt(WIDTH) - size / 2.0, random.nextInt(HEIGHT) - size / 2.0, size, size));
    }
  }

  private static void drawDog(Graphics2D g, Dog dog, SplittableRandom random) {
    Color coat = new Color(dog.coatRgb());
    Shape body = new Ellipse2D.Double(140, 340, 360, 260);
    Shape head = new Ellipse2D.Double(190, 110, 260, 240);
    List<Shape> ears = POINTY_EARED.contains(dog.breed()) ? pointyEars() : floppyEars();

    g.setColor(shade(coat, 0.85));
    g.fill(body);
    g.setColor(shade(coat, 0.7));
    ears.forEach(g::fill);
    g.setColor(coat);
    g.fill(head);

    var furry = new Area(body);
    furry.add(new Area(head));
    ears.forEach(ear -> furry.add(new Area(ear)));
    drawFur(g, furry, coat, random);

    g.setColor(tint(coat, 0.35));
    g.fill(new Ellipse2D.Double(250, 240, 140, 100)); // muzzle
    for (int eyeX : new int[] {270, 370}) {
      g.setColor(Color.WHITE);
      g.fill(circle(eyeX, 205, 22));
      g.setColor(new Color(0x2B1A0E));
      g.fill(circle(eyeX + 3, 208, 12));
      g.setColor(Color.WHITE);
      g.fill(circle(eyeX + 7, 203, 4)); // the catch-light that makes an eye look alive
    }
    g.setColor(new Color(0x1E1E1E));
    g.fill(new Ellipse2D.Double(297, 252, 46, 32)); // nose
    g.setStroke(new BasicStroke(4, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    var mouth = new Path2D.Double();
    mouth.moveTo(320, 284);
    mouth.lineTo(320, 300);
    mouth.quadTo(302, 316, 288, 302);
    mouth.moveTo(320, 300);
    mouth.quadTo(338, 316, 352, 302);
    g.draw(mouth);
    g.setColor(new Color(0xE06677));
    g.fill(new Ellipse2D.Double(308, 304, 24, 30)); // tongue
  }

  private static List<Shape> floppyEars() {
    var left =
        AffineTransform.getRotateInstance(Math.toRadians(20), 205, 200)
            .createTransformedShape(new Ellipse2D.Double(165, 120, 80, 170));
    var right =
        AffineTransform.getRotateInstance(Math.toRadians(-20), 435, 200)
            .createTransformedShape(new Ellipse2D.Double(395, 120, 80, 170));
    return List.of(left, right);
  }

  private static List<Shape> pointyEars() {
    var left = new Path2D.Double();
    left.moveTo(200, 190);
    left.lineTo(215, 50);
    left.lineTo(300, 140);
    left.closePath();
    var right = new Path2D.Double();
    right.moveTo(440, 190);
    right.lineTo(425, 50);
    right.lineTo(340, 140);
    right.closePath();
    return List.of(left, right);
  }

  /** Short strokes in lighter and darker shades of the coat, only where the dog is. */
  private static void drawFur(Graphics2D g, Area furry, Color coat, SplittableRandom random) {
    Shape previousClip = g.getClip();
    g.clip(furry);
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    var bounds = furry.getBounds();
    for (int i = 0; i < FUR_STROKES; i++) {
      double x = bounds.x + random.nextDouble() * bounds.width;
      double y = bounds.y + random.nextDouble() * bounds.height;
      double angle = Math.PI / 2 + random.nextDouble(-0.6, 0.6);
      double length = 6 + random.nextDouble() * 10;
      double lightness = random.nextDouble(0.75, 1.25);
      g.setColor(lightness < 1 ? shade(coat, lightness) : tint(coat, lightness - 1));
      g.draw(new Line2D.Double(x, y, x + Math.cos(angle) * length, y + Math.sin(angle) * length));
    }
    g.setClip(previousClip);
  }

  private static void drawCaption(Graphics2D g, Dog dog) {
    g.setColor(new Color(0, 0, 0, 140));
    g.fillRect(0, 392, WIDTH, HEIGHT - 392);
    g.setColor(Color.WHITE);
    PixelFont.draw(g, dog.name(), 24, 402, 5);
    g.setColor(new Color(0xDDDDDD));
    PixelFont.draw(g, dog.breed() + " - " + dog.filename(), 24, 448, 3);
  }

  /**
   * Film grain: the same brightness change on R, G and B, so it reads as grain rather than colour
   * noise.
   */
  private static void addGrain(BufferedImage image, SplittableRandom random) {
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < pixels.length; i++) {
      int delta = random.nextInt(-GRAIN, GRAIN + 1);
      int rgb = pixels[i];
      pixels[i] =
          clamp((rgb >> 16 & 0xFF) + delta) << 16
              | clamp((rgb >> 8 & 0xFF) + delta) << 8
              | clamp((rgb & 0xFF) + delta);
    }
  }

  private static Ellipse2D circle(double centerX, double centerY, double radius) {
    return new Ellipse2D.Double(centerX - radius, centerY - radius, 2 * radius, 2 * radius);
  }

  /** Darker: each channel times {@code factor} (0–1). */
  private static Color shade(Color color, double factor) {
    return new Color(
        clamp((int) (color.getRed() * factor)),
        clamp((int) (color.getGreen() * factor)),
        clamp((int) (color.getBlue() * factor)));
  }

  /** Lighter: each channel moved {@code amount} (0–1) of the way to white. */
  private static Color tint(Color color, double amount) {
    return new Color(
        clamp((int) (color.getRed() + (255 - color.getRed()) * amount)),
        clamp((int) (color.getGreen() + (255 - color.getGreen()) * amount)),
        clamp((int) (color.getBlue() + (255 - color.getBlue()) * amount)));
  }

  private static Color withAlpha(Color color, int alpha) {
    return new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
  }

  private static int clamp(int channel) {
    return Math.max(0, Math.min(255, channel));
  }
}
