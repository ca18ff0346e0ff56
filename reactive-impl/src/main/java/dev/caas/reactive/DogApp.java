package dev.caas.reactive;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.contract.VariantOptions;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * Wiring of the reactive variants: Spring Boot starts Reactor Netty and the R2DBC pool from properties that
 * this class derives from the shared command line; the beans below build the request's parts from the same
 * options.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class DogApp {

  public static void main(String[] args) {
    var app = start(VariantOptions.fromCommandLine("reactive-impl", args));
    System.out.println("reactive-impl listening on port " + port(app));
  }

  /** Starts a variant; closing the returned context stops it. */
  public static ConfigurableApplicationContext start(VariantOptions options) {
    var app = new SpringApplication(DogApp.class);
    app.setBannerMode(Banner.Mode.OFF);
    app.setWebApplicationType(WebApplicationType.REACTIVE);
    // The command line is the only configuration: added first, so no application.properties or SPRING_*
    // environment variable can change what the harness asked for.
    var commandLine = new MapPropertySource("caas-options", springProperties(options));
    app.addInitializers(context -> {
      context.getEnvironment().getPropertySources().addFirst(commandLine);
      context.getBeanFactory().registerSingleton("variantOptions", options);
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
    // The schema belongs to whoever starts the database (the testbed, the harness), never to a variant.
    properties.put("spring.sql.init.mode", "never");
    properties.putAll(Database.springProperties(options));
    return properties;
  }

  /** Opens every database connection before the server takes its first request (latency comes later). */
  @Bean
  SmartInitializingSingleton fillDatabasePool(ConnectionPool pool, VariantOptions options) {
    return () -> Database.fill(pool, options.dbPool(), options.deadline());
  }

  @Bean
  CanineUpstream canineUpstream(VariantOptions options) {
    return new CanineUpstream(options.upstreamUrl(), options.deadline());
  }

  @Bean
  BillingLedger billingLedger(ConnectionPool pool, VariantOptions options) {
    return new BillingLedger(pool, options.deadline());
  }

  @Bean
  DogNames dogNames(ConnectionPool pool, VariantOptions options) {
    return new DogNames(pool, options.deadline());
  }

  @Bean
  RouterFunction<ServerResponse> dogRoutes(
      VariantOptions options, CanineUpstream upstream, BillingLedger ledger, DogNames names, ConnectionPool pool) {
    var variant = Variant.of(Variant.Model.REACTIVE, options.composition());
    var handler = new DogHandler(upstream, ledger, names);
    PhotoHandler photoHandler = switch (options.composition()) {
      case SEQUENTIAL -> handler::sequential;
      case GATHERED -> handler::gathered;
    };
    // Every request runs on Reactor Netty's event loops (one per core, at least four), but none is held
    // while a request waits: the thread limit of the theory does not apply, so none is reported. Nothing
    // else runs handlers, so there is no executor either.
    var limits = new Limits(
        null,
        pool.getMetrics().map(PoolMetrics::getMaxAllocatedSize).orElse(options.dbPool()),
        upstream.maxConnections(),
        null);
    return new DogRoutes(variant, photoHandler, ledger, limits).router();
  }
}
