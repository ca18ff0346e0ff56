package dev.caas.reactive;

/**
 * Builds the request handler of a variant from its parts, once, when the variant starts. {@link
 * DogApp} does the rest (server, pools, routes, errors, /health), so a workshop exercise writes
 * only this:
 *
 * <pre>{@code
 * DogApp.start(options, parts -> request -> myOwnHandler(parts, request));
 * }</pre>
 */
@FunctionalInterface
public interface HandlerFactory {
  PhotoHandler create(DogParts parts);
}
