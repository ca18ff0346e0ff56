package dev.caas.testbed;

/** Which PostgreSQL and which Toxiproxy a testbed runs, in words fit for a report's provenance. */
public record Backends(String postgres, String toxiproxy) {}
