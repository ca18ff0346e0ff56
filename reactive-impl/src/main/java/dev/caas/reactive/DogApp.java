package dev.caas.reactive;

import dev.caas.contract.ExtraCpu;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.contract.VariantOptions;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * Wiring of the reactive variants: Spring Boot starts Reactor Netty and the R2DBC pool from
 * properties that this class derives from the shared command line; the beans below build the
 * request's parts from the same options.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class DogApp {

  public static void main(String[] args) {
    var app = start(VariantOptions.fromCommandLine("reactive-impl", args));
    System.out.println("reactive-impl listening on port " + port(app));
  }

  /** Starts a variant with the real {@link DogHandler}; closing the returned context stops it. */
  public static ConfigurableApplicationContext start(VariantOptions options) {
    return start(options, DogHandler.factory(options.composition()));
  }

  /**
   * Starts a variant whose requests {@code handlers} serves, for workshop exercises that write
   * their own handler: server, pools, routes, errors and /health are the real variant's. Closing
   * the context stops it.
   */
  public static ConfigurableApplicationContext start(
      VariantOptions options, HandlerFactory handlers) {
    var app = new SpringApplication(DogApp.class);
    app.setBannerMode(Banner.Mode.OFF);
    app.setWebApplicationType(WebApplicationType.REACTIVE);
    // The command line is the only configuration: added first, so no application.properties or
    // SPRING_*
    // environment variable can change what the harness asked for.
    var commandLine = new MapPropertySource("caas-options", springProperties(options));
    app.addInitializers(
        context -> {
          context.getEnvironment().getPropertySources().addFirst(commandLine);
          context.getBeanFactory().registerSingleton("variantOptions", options);
          context.getBeanFactory().registerSingleton("handlerFactory", handlers);
        });
    return app.run();
  }

  /** The port the server listens on (the one picked when {@code --port 0}). */
  public static int port(ConfigurableApplicationContext app) {
    return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  private static Map<String, Object> springProperties(VariantOptions options) {
    var properties = new LinkedHashMap<String, Object>();
    properties.put("server.address", options.host());
    properties.put("server.port", options.port());
    // The schema belongs to whoever starts the database (the testbed, the harness), never to a
    // variant.
    properties.put("spring.sql.init.mode", "never");
    properties.putAll(Database.springProperties(options));
    return properties;
  }

  /**
   * Opens every database connection before the server takes its first request (latency comes
   * later); from then on, replaces connections broken by a fault, once a second, so the pool
   * returns to its size.
   */
  @Bean
  AutoCloseable databasePoolKeeper(ConnectionPool pool, VariantOptions options) {
    Database.fill(pool, options.dbPool(), Database.openTimeout(options));
    return Database.keepFull(pool, Duration.ofSeconds(1), Database.openTimeout(options))::dispose;
  }

  /** The idle timeout and the header deadline of every connection. */
  @Bean
  NettyServerCustomizer wireDeadlines(VariantOptions options) {
    return WireDeadlines.of(options);
  }

  /** Malformed requests refused before any route runs, as in every model. */
  @Bean
  WebFilter requestGate() {
    return new RequestGate();
  }

  @Bean
  CanineUpstream canineUpstream(VariantOptions options) {
    return new CanineUpstream(
        options.upstreamUrl(), options.deadline(), options.upstreamConnections());
  }

  @Bean
  BillingLedger billingLedger(ConnectionPool pool, VariantOptions options) {
    return new BillingLedger(pool, Database.reportingPool(options));
  }

  @Bean
  DogNames dogNames(ConnectionPool pool, VariantOptions options) {
    return new DogNames(pool);
  }

  @Bean
  Compensations compensations(BillingLedger ledger, VariantOptions options) {
    return new Compensations(ledger, options.deadline());
  }

  @Bean
  RouterFunction<ServerResponse> dogRoutes(
      VariantOptions options,
      HandlerFactory handlers,
      CanineUpstream upstream,
      BillingLedger ledger,
      DogNames names,
      Compensations compensations,
      ConnectionPool pool) {
    var variant = Variant.of(Variant.Model.REACTIVE, options.composition());
    PhotoHandler handles = handlers.create(new DogParts(upstream, ledger, names, compensations));
    // Test-only, zero unless told: the regression gate's injected cost, on the event loop that
    // subscribes to the request (see ExtraCpu).
    PhotoHandler handler =
        request -> {
          ExtraCpu.spin(options.extraCpu());
          return handles.serve(request);
        };
    var dbPool =
        pool.getMetrics()
            .orElseThrow(() -> new IllegalStateException("r2dbc-pool without metrics"));
    // Every request runs on Reactor Netty's event loops (one per core, at least four), but none is
    // held
    // while a request waits: the thread limit of the theory does not apply, so none is reported.
    // Nothing
    // else runs handlers, so there is no executor either.
    var limits = new Limits(null, dbPool.getMaxAllocatedSize(), upstream.maxConnections(), null);
    return new DogServer(
            variant, handler, options.deadline(), ledger, limits, dbPool, compensations)
        .router();
  }
}
