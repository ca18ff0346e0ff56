package dev.caas.testbed;

/** The two proxies a variant talks through. */
public final class ProxyNames {
  public static final String UPSTREAM = "upstream";
  public static final String POSTGRES = "postgres";

  private ProxyNames() {}
}
