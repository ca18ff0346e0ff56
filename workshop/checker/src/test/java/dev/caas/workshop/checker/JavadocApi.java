package dev.caas.workshop.checker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A "what you can call" block of the workshop's guide, made from a source file's Javadoc: the
 * type's name and its first paragraph, then each named public member's signature and its
 * documentation. The guide holds what the code says, so the two cannot drift ({@link
 * WorkshopReadmeTest} compares them).
 *
 * <p>A small reader, not a Java parser: it finds a member as a {@code public} declaration at the
 * type's member indentation (two spaces), with the {@code /** … *}{@code /} comment right above it
 * and any annotations between.
 */
final class JavadocApi {
  private static final Pattern MEMBER =
      Pattern.compile(
          "(?:^  (/\\*\\*(?:[^*]|\\*(?!/))*\\*/)\\n)?(?:^  @\\w+\\n)*^  public ([^;{=]*?\\))[^;{]*[{;]",
          Pattern.MULTILINE);
  private static final Pattern TYPE =
      Pattern.compile(
          "(/\\*\\*(?:[^*]|\\*(?!/))*\\*/)\\s*\\n(?:@\\w+\\s*\\n)*public (?:final |abstract )*(?:class|interface|record|enum) (\\w+)");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final int WIDTH = 100;

  private JavadocApi() {}

  /**
   * The block for {@code file} (from the project root) and the members named, in the file's order.
   */
  static String of(Path root, String file, Set<String> members) throws IOException {
    String source = Files.readString(root.resolve(file));
    Matcher pack = PACKAGE.matcher(source);
    Matcher type = TYPE.matcher(source);
    if (!pack.find() || !type.find()) {
      throw new IllegalArgumentException(file + ": no documented public type");
    }
    var lines = new ArrayList<String>();
    lines.add(pack.group(1) + "." + type.group(2));
    wrap(text(firstParagraph(type.group(1))), "    ", lines);
    var found = new ArrayList<String>();
    Matcher member = MEMBER.matcher(source);
    while (member.find()) {
      String signature = signature(member.group(2));
      String name = name(signature);
      if (!members.contains(name)) {
        continue;
      }
      found.add(name);
      lines.add("  " + signature);
      if (member.group(1) != null) {
        wrap(text(member.group(1)), "      ", lines);
      }
    }
    if (!found.containsAll(members)) {
      throw new IllegalArgumentException(
          file + ": no public member " + members + " (found " + found + ")");
    }
    return String.join("\n", lines) + "\n";
  }

  /** {@code <T> T time(Step step, Supplier<T> work)}: modifiers dropped, spaces collapsed. */
  private static String signature(String declaration) {
    return declaration.replaceAll("\\s+", " ").replaceAll("\\b(final|synchronized) ", "").strip();
  }

  private static String name(String signature) {
    String head = signature.substring(0, signature.indexOf('('));
    return head.substring(head.lastIndexOf(' ') + 1);
  }

  /** The comment as prose: no stars, no tags, {@code {@code x}} as {@code x}. */
  static String text(String comment) {
    String body = comment.substring(3, comment.length() - 2);
    var prose = new StringBuilder();
    for (String line : body.split("\n")) {
      String stripped = line.strip();
      stripped = stripped.startsWith("*") ? stripped.substring(1).strip() : stripped;
      if (stripped.startsWith("@")) {
        break;
      }
      prose.append(stripped).append(' ');
    }
    return prose
        .toString()
        .replaceAll("\\{@(?:code|literal) ([^{}]*(?:\\{[^{}]*}[^{}]*)*)}", "$1")
        .replaceAll("\\{@link(?:plain)? #(\\w+)[^}]*}", "$1")
        .replaceAll("\\{@link(?:plain)? (\\w+)#(\\w+)[^}]*}", "$1.$2")
        .replaceAll("\\{@link(?:plain)? ([\\w.]+)[^}]*}", "$1")
        .replaceAll("</?(p|b|i|em|ul|li)>", " ")
        .replaceAll("\\s+", " ")
        .strip();
  }

  /** A type's comment up to its second paragraph: what the type is, not how it works. */
  private static String firstParagraph(String comment) {
    int second = comment.indexOf("<p>");
    return second < 0 ? comment : comment.substring(0, second) + "*/";
  }

  private static void wrap(String text, String indent, List<String> lines) {
    var line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > indent.length()) {
      lines.add(line.toString());
    }
  }
}
