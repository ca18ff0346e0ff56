/**
 * How the harness writes for people: a time ({@link dev.caas.harness.text.Millis}: {@code 4.2 ms},
 * {@code 45.11 s}), an aligned table in text or Markdown ({@link
 * dev.caas.harness.text.AlignedTable}), text made safe for HTML ({@link
 * dev.caas.harness.text.HtmlEscape}) and the progress lines on the console ({@link
 * dev.caas.harness.text.Progress}). Every room uses it; it uses none.
 */
package dev.caas.harness.text;
