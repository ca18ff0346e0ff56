package dev.caas.upstream;

import java.awt.Graphics2D;
import java.util.Locale;

/**
 * A 5×7 bitmap font for the captions on the photos. Drawing text with Java2D's fonts would tie the
 * JPEG bytes to whatever fonts the machine has installed (and slim headless containers often have
 * none); these glyphs are part of the code, so a photo comes out the same wherever it is drawn.
 */
final class PixelFont {
  private static final int GLYPH_WIDTH = 5;
  private static final int GLYPH_HEIGHT = 7;

  private PixelFont() {}

  /** Width in image pixels of {@code text} at {@code scale} image pixels per font pixel. */
  static int width(String text, int scale) {
    return text.isEmpty() ? 0 : (text.length() * (GLYPH_WIDTH + 1) - 1) * scale;
  }

  static int height(int scale) {
    return GLYPH_HEIGHT * scale;
  }

  /** Draws {@code text} in upper case with its top-left corner at (x, y), in the current colour. */
  static void draw(Graphics2D g, String text, int x, int y, int scale) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (int i = 0; i < upper.length(); i++) {
      String[] rows = glyph(upper.charAt(i)).split(" ");
      int left = x + i * (GLYPH_WIDTH + 1) * scale;
      for (int row = 0; row < GLYPH_HEIGHT; row++) {
        for (int column = 0; column < GLYPH_WIDTH; column++) {
          if (rows[row].charAt(column) == '1') {
            g.fillRect(left + column * scale, y + row * scale, scale, scale);
          }
        }
      }
    }
  }

  /** Seven rows of five pixels, top to bottom; characters without a glyph are drawn as a space. */
  private static String glyph(char c) {
    return switch (c) {
      case 'A' -> "01110 10001 10001 11111 10001 10001 10001";
      case 'B' -> "11110 10001 10001 11110 10001 10001 11110";
      case 'C' -> "01110 10001 10000 10000 10000 10001 01110";
      case 'D' -> "11100 10010 10001 10001 10001 10010 11100";
      case 'E' -> "11111 10000 10000 11110 10000 10000 11111";
      case 'F' -> "11111 10000 10000 11110 10000 10000 10000";
      case 'G' -> "01110 10001 10000 10111 10001 10001 01111";
      case 'H' -> "10001 10001 10001 11111 10001 10001 10001";
      case 'I' -> "01110 00100 00100 00100 00100 00100 01110";
      case 'J' -> "00111 00010 00010 00010 00010 10010 01100";
      case 'K' -> "10001 10010 10100 11000 10100 10010 10001";
      case 'L' -> "10000 10000 10000 10000 10000 10000 11111";
      case 'M' -> "10001 11011 10101 10101 10001 10001 10001";
      case 'N' -> "10001 10001 11001 10101 10011 10001 10001";
      case 'O' -> "01110 10001 10001 10001 10001 10001 01110";
      case 'P' -> "11110 10001 10001 11110 10000 10000 10000";
      case 'Q' -> "01110 10001 10001 10001 10101 10010 01101";
      case 'R' -> "11110 10001 10001 11110 10100 10010 10001";
      case 'S' -> "01111 10000 10000 01110 00001 00001 11110";
      case 'T' -> "11111 00100 00100 00100 00100 00100 00100";
      case 'U' -> "10001 10001 10001 10001 10001 10001 01110";
      case 'V' -> "10001 10001 10001 10001 10001 01010 00100";
      case 'W' -> "10001 10001 10001 10101 10101 10101 01010";
      case 'X' -> "10001 10001 01010 00100 01010 10001 10001";
      case 'Y' -> "10001 10001 10001 01010 00100 00100 00100";
      case 'Z' -> "11111 00001 00010 00100 01000 10000 11111";
      case '0' -> "01110 10001 10011 10101 11001 10001 01110";
      case '1' -> "00100 01100 00100 00100 00100 00100 01110";
      case '2' -> "01110 10001 00001 00010 00100 01000 11111";
      case '3' -> "11111 00010 00100 00010 00001 10001 01110";
      case '4' -> "00010 00110 01010 10010 11111 00010 00010";
      case '5' -> "11111 10000 11110 00001 00001 10001 01110";
      case '6' -> "00110 01000 10000 11110 10001 10001 01110";
      case '7' -> "11111 00001 00010 00100 01000 01000 01000";
      case '8' -> "01110 10001 10001 01110 10001 10001 01110";
      case '9' -> "01110 10001 10001 01111 00001 00010 01100";
      case '-' -> "00000 00000 00000 11111 00000 00000 00000";
      case '.' -> "00000 00000 00000 00000 00000 01100 01100";
      default -> "00000 00000 00000 00000 00000 00000 00000";
    };
  }
}
