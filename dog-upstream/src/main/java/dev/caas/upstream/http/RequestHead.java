package dev.caas.upstream.http;

/**
 * What the upstream reads of a request: its line and the two headers that decide how the connection
 * continues. Any body is skipped unread (the upstream's requests carry none that matter).
 *
 * @param method e.g. {@code GET}
 * @param path the request target without its query string
 * @param bodyLength the request's {@code Content-Length}, 0 without one
 * @param keepAlive whether the client wants the connection kept for another request: the HTTP/1.1
 *     default unless it says {@code Connection: close}; HTTP/1.0 only with {@code keep-alive}
 */
public record RequestHead(String method, String path, long bodyLength, boolean keepAlive) {}
