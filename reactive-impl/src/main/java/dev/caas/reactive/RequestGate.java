package dev.caas.reactive;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.RequestRules;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The contract's {@link RequestRules} in front of the routes: a request no endpoint serves is
 * refused before any of them runs. The blocking kit's {@code RequestGate} applies the same rules on
 * Jetty.
 */
final class RequestGate implements WebFilter {
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    var refusal =
        RequestRules.check(
            request.getMethod().name(),
            http11(exchange),
            request.getHeaders().getFirst(HttpHeaders.HOST) != null);
    if (refusal == null) {
      return chain.filter(exchange);
    }
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.valueOf(refusal.status()));
    refusal.headers().forEach(response.getHeaders()::set);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().set(DogHeaders.X_CONTENT_TYPE_OPTIONS, "nosniff");
    var body = response.bufferFactory().wrap(refusal.json().getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(body));
  }

  private static boolean http11(ServerWebExchange exchange) {
    Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
    return nativeRequest instanceof HttpServerRequest netty
        && netty.version().equals(HttpVersion.HTTP_1_1);
  }
}
